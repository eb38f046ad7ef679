#!/usr/bin/env bash
# The walkthrough `make demo` runs, on the embedded default: files in a local lake under
# demo-home/. Each step prints the basin command it runs, so it doubles as a tutorial.
# Usage: scripts/demo.sh PATH/TO/basin
set -euo pipefail
basin="$(realpath "${1:?usage: demo.sh PATH/TO/basin}")"
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
home="$repo_root/demo-home"
rm -rf "$home"
mkdir -p "$home"
cd "$home"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
# Prints the command as one could type it (arguments with spaces quoted), then runs it.
run() {
  local shown=() arg
  for arg in "$@"; do [[ "$arg" == *" "* ]] && shown+=("'$arg'") || shown+=("$arg"); done
  printf '$ basin %s\n' "${shown[*]}"
  "$basin" "$@"
}

tables=(film category film_category customer rental payment)

step "1. The operational data: the movie-rental tables, exported as CSV"
run gen movies --out sources/movies --format csv

step "2. What a CSV file holds: Basin infers the header and the column types"
run schema sources/movies/rental.csv
run head sources/movies/rental.csv -n 5

step "3. Copy the six walkthrough tables into the lake as Parquet (snappy)"
for table in "${tables[@]}"; do
  run convert "sources/movies/$table.csv" "lake/movie_rental/$table/$table.parquet"
done

step "4. CSV carries no types, so they were inferred (amount became double); a typed export keeps decimal(5,2)"
run schema lake/movie_rental/payment/payment.parquet
run gen movies --out typed/movies --format parquet
run schema typed/movies/payment.parquet
run head lake/movie_rental/film/film.parquet -n 5 --columns film_id,title,rental_rate,length,rating

step "5. Parquet to JSON lines, and back"
run convert lake/movie_rental/customer/customer.parquet exports/customer.json
head -n 2 exports/customer.json
run convert exports/customer.json exports/customer_roundtrip.parquet --compression zstd
run head exports/customer_roundtrip.parquet -n 3 --json

step "6. Register the lake's tables in the Data Catalog (catalog.db in the Basin home)"
export BASIN_HOME="$home"
run catalog create-database movie_rental --description "Movie rentals copied from the operational database" \
  --location "$home/lake/movie_rental"
for table in "${tables[@]}"; do
  run catalog create-table "movie_rental.$table" \
    --schema-from "lake/movie_rental/$table/$table.parquet" --location "lake/movie_rental/$table"
done
run catalog databases
run catalog tables movie_rental
run catalog table movie_rental.payment

step "7. The operational database (SQLite): a connection and a crawler with the walkthrough's include and exclude"
bash "$repo_root/scripts/movies-sqlite.sh" "$basin" sources/movies.db
run connections create movies_db --url sqlite:sources/movies.db --description "The movie-rental store"
run crawlers create movies --connection movies_db --include 'movies/%' --exclude '*act*' \
  --database aurora_movie_rental
run crawlers run movies --wait
run catalog tables aurora_movie_rental
run catalog table aurora_movie_rental.movies_payment

step "8. A second crawler catalogues the lake folders with the prefix s3_"
run crawlers create lake --path lake/movie_rental --database movie_rental --prefix s3_
run crawlers run lake --wait
run crawlers runs lake

step "Done. Everything is under $home"
find lake -name '*.parquet' | sort | while read -r file; do
  printf '  %-50s %8d bytes\n' "$file" "$(stat -c %s "$file")"
done
