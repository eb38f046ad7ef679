#!/usr/bin/env bash
# Extract benchmark: a payment-like table of ROWS rows (default 10,000,000) in a real
# PostgreSQL 15 and a real MariaDB server, crawled, then copied into Parquet by a Basin
# raw-copy job (`basin jobs run … --wait`), against the reference dump of the same table in
# the same run: `psql \copy (SELECT …) TO '/dev/null'` and `mariadb --quick -e 'SELECT …'`.
# Prints the ratio Basin / dump of wall time and Basin's peak memory (GNU time), and checks
# the copy: row count and sum(amount) through `basin sql` equal the server's.
#
# Usage: bench/extract/run.sh [PATH/TO/basin]
#   ROWS=1000000 bench/extract/run.sh          a quick run
#   SERVERS="pg"                               only PostgreSQL (default "pg mariadb")
#   SPLITS=4 SPLIT_COLUMN=payment_id           the job's source split (default: the engine's
#                                              choice, the primary key into one range per core)
#   THREADS=2                                  the job's worker threads (default: every core)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
basin_bin="$(realpath "${1:-$repo/build/basin}")"
rows="${ROWS:-10000000}"
servers="${SERVERS:-pg mariadb}"
work="$(mktemp -d)"
cleanup() {
  "$repo/scripts/pg-server.sh" stop "$work/pg" >/dev/null 2>&1 || true
  "$repo/scripts/mariadb-server.sh" stop "$work/mariadb" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
[[ -x /usr/bin/time ]] || { echo "needs GNU time (/usr/bin/time)" >&2; exit 1; }

home="$work/home"
basin() { "$basin_bin" --home "$home" "$@"; }
scalar() { basin sql -c "$1" --output csv 2>/dev/null | tail -n 1 | tr -d '"\r'; }
# Runs a command under GNU time; sets $seconds (wall) and $peak_kib (max RSS).
timed() {
  /usr/bin/time -f '%e %M' -o "$work/time.out" "$@"
  read -r seconds peak_kib < <(tail -n 1 "$work/time.out")
}
ratio() { python3 -c 'import sys; print(f"{float(sys.argv[1]) / float(sys.argv[2]):.2f}")' "$@"; }

load_pg() {
  psql -q -v ON_ERROR_STOP=1 <<SQL
CREATE TABLE payment (
  payment_id bigint PRIMARY KEY, customer_id int NOT NULL, staff_id smallint NOT NULL,
  rental_id int, amount numeric(5,2) NOT NULL, payment_date timestamp NOT NULL, note text);
INSERT INTO payment
SELECT g, 1 + g % 599, 1 + g % 2, CASE WHEN g % 50 = 0 THEN NULL ELSE 1 + g % 16044 END,
       (g * 7 % 1200) / 100.0, timestamp '2020-01-01' + g * interval '1 second',
       'note ' || lpad(to_hex(g * 2654435761 % 4294967296), 15, '0')
FROM generate_series(1, $rows) AS g;
ANALYZE payment;
SQL
}

load_mariadb() {
  mariadb --no-defaults -h 127.0.0.1 -P "$MYSQL_TCP_PORT" -u "$MYSQL_USER" -p"$MYSQL_PWD" basin <<SQL
CREATE TABLE payment (
  payment_id bigint PRIMARY KEY, customer_id int NOT NULL, staff_id smallint NOT NULL,
  rental_id int, amount decimal(5,2) NOT NULL, payment_date timestamp NOT NULL, note text)
  ENGINE=InnoDB;
SET SESSION unique_checks = 0;
INSERT INTO payment
SELECT seq, 1 + seq % 599, 1 + seq % 2, IF(seq % 50 = 0, NULL, 1 + seq % 16044),
       (seq * 7 % 1200) / 100.0, TIMESTAMP '2020-01-01 00:00:00' + INTERVAL seq SECOND,
       CONCAT('note ', LPAD(HEX(seq * 2654435761 % 4294967296), 15, '0'))
FROM seq_1_to_$rows;
ANALYZE TABLE payment;
SQL
}

# The reference dumps, as commands (GNU time runs programs, not shell functions).
dump_pg=(psql -X -q -c "\\copy (SELECT * FROM payment) TO '/dev/null'")
dump_mariadb=(mariadb --no-defaults --quick -h 127.0.0.1 -u basin basin -e 'SELECT * FROM payment')
server_sum_pg() { psql -X -qAt -c "SELECT count(*) || ',' || sum(amount) FROM payment"; }
server_sum_mariadb() {
  mariadb --no-defaults -N -h 127.0.0.1 -P "$MYSQL_TCP_PORT" -u "$MYSQL_USER" -p"$MYSQL_PWD" \
    basin -e "SELECT CONCAT(count(*), ',', sum(amount)) FROM payment"
}

results=()
for kind in $servers; do
  case "$kind" in
    pg) script=pg-server.sh url_scheme=postgresql include='basin/public/payment' ;;
    mariadb) script=mariadb-server.sh url_scheme=mysql include='basin/payment' ;;
    *) echo "unknown server $kind (pg or mariadb)" >&2; exit 2 ;;
  esac
  port=$("$repo/scripts/$script" start "$work/$kind")
  set -a
  # shellcheck disable=SC1090
  . "$work/$kind/env"
  set +a
  echo "$kind: loading $rows rows ..." >&2
  "load_$kind" > /dev/null
  password_var=$([[ $kind == pg ]] && echo PGPASSWORD || echo MYSQL_PWD)
  basin connections create "src_$kind" --url "jdbc:$url_scheme://127.0.0.1:$port/basin" \
    --user basin --password-env "$password_var" > /dev/null
  basin crawlers create "crawl_$kind" --connection "src_$kind" --include "$include" \
    --database "bench_$kind" > /dev/null
  basin crawlers run "crawl_$kind" --wait --quiet
  table=$(basin --json catalog tables "bench_$kind" | python3 -c \
    'import json, sys; print(json.load(sys.stdin)["TableList"][0]["Name"])')
  job_options=()
  [[ -n "${THREADS:-}" ]] && job_options+=(--worker-threads "$THREADS")
  basin jobs create "copy_$kind" --from-table "bench_$kind.$table" --to "$work/lake/$kind" \
    --target-table "bench_$kind.lake_payment" "${job_options[@]}" > /dev/null
  if [[ -n "${SPLITS:-}" || -n "${SPLIT_COLUMN:-}" ]]; then
    basin --json jobs show "copy_$kind" | SPLITS="${SPLITS:-0}" SPLIT_COLUMN="${SPLIT_COLUMN:-}" \
      node -e '
        const job = JSON.parse(require("fs").readFileSync(0, "utf8")).Job;
        const dag = JSON.parse(job.Dag);
        for (const node of Object.values(dag)) {
          const body = Object.values(node)[0];
          if (Object.keys(node)[0] !== "CatalogSource") continue;
          if (process.env.SPLIT_COLUMN) body.SplitColumn = process.env.SPLIT_COLUMN;
          if (Number(process.env.SPLITS) > 0) body.Splits = Number(process.env.SPLITS);
        }
        console.log(JSON.stringify(dag));' > "$work/dag.json"
    basin jobs update "copy_$kind" --dag-file "$work/dag.json" > /dev/null
  fi

  if [[ $kind == pg ]]; then dump=("${dump_pg[@]}"); else dump=("${dump_mariadb[@]}" -P "$port"); fi
  "${dump[@]}" > /dev/null  # warm-up: the table in the page cache for both
  timed bash -c 'exec "$@" > /dev/null' dump "${dump[@]}"
  dump_seconds=$seconds
  timed "$basin_bin" --home "$home" jobs run "copy_$kind" --wait --quiet
  basin_seconds=$seconds basin_peak_mib=$((peak_kib / 1024))
  files=$(find "$work/lake/$kind" -name '*.parquet' | wc -l)

  expected=$("server_sum_$kind")
  got="$(scalar "SELECT count(*) FROM bench_$kind.lake_payment"),$(scalar \
    "SELECT sum(amount) FROM bench_$kind.lake_payment")"
  [[ "$got" == "$expected" ]] ||
    { echo "$kind: the copy differs: count,sum(amount) $got, server $expected" >&2; exit 1; }
  results+=("$kind $dump_seconds $basin_seconds $(ratio "$basin_seconds" "$dump_seconds") \
$basin_peak_mib $files")
  "$repo/scripts/$script" stop "$work/$kind" > /dev/null
done

printf '%s rows, %s cores, splits %s\n' "$rows" "$(nproc)" \
  "${SPLITS:-auto}${SPLIT_COLUMN:+ on $SPLIT_COLUMN}"
printf '%-8s %10s %10s %14s %14s %6s\n' server "dump s" "basin s" "basin/dump" "peak MiB" files
for line in "${results[@]}"; do
  # shellcheck disable=SC2086
  printf '%-8s %10s %10s %14s %14s %6s\n' $line
done
echo "copies verified: row count and sum(amount) equal the server's"
