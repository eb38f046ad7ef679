# shellcheck shell=bash
# Shared by the etl_*.sh scripts (sourced after lib/common.sh and it_home; not a test itself,
# the integration glob takes tests/integration/*.sh only).

# etl_run_state JOB ID: the state of run ID of JOB, from its JSON record.
etl_run_state() {
  basin --json jobs runs "$1" --run "$2" | node -e \
    'process.stdout.write(JSON.parse(require("fs").readFileSync(0, "utf8")).JobRun.JobRunState)'
}

# etl_wait_for_state JOB ID STATE: waits until run ID of JOB is in STATE, else fails the
# script. The bound (120 s) is generous; no durations are asserted.
etl_wait_for_state() {
  local i
  for ((i = 0; i < 1200; i++)); do
    [[ "$(etl_run_state "$1" "$2")" == "$3" ]] && return 0
    sleep 0.1
  done
  echo "run $2 of $1 never reached $3 (now $(etl_run_state "$1" "$2"))" >&2
  exit 1
}

# etl_crawl_movies KIND TABLES [EXCLUDE]: catalogues the `movies` database of the server
# it_movies_server KIND started (connection movies_db, crawler movies, database
# aurora_movie_rental): the tables matching the pattern TABLES (`payment`, `%`) below the
# database's schema, minus the crawler exclude pattern EXCLUDE. Sets $prefix, what the crawl
# puts before each table name (movies_public_ or movies_).
# shellcheck disable=SC2034,SC2154  # sets $prefix for the caller; $port is it_movies_server's
etl_crawl_movies() {
  local kind="$1" tables="$2" url user password_env include exclude=()
  [[ $# -ge 3 ]] && exclude=(--exclude "$3")
  if [[ $kind == pg ]]; then
    prefix=movies_public_
    url="jdbc:postgresql://127.0.0.1:$port/movies" user=basin password_env=PGPASSWORD
    include="movies/public/$tables"
  else
    prefix=movies_
    url="jdbc:mysql://127.0.0.1:$port/movies" user="$MYSQL_USER" password_env=MYSQL_PWD
    include="movies/$tables"
  fi
  basin connections create movies_db --url "$url" --user "$user" \
    --password-env "$password_env" --tls disable > /dev/null
  basin crawlers create movies --connection movies_db --include "$include" "${exclude[@]}" \
    --database aurora_movie_rental > /dev/null
  basin crawlers run movies --wait --quiet
}
