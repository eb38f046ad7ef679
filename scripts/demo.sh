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
# Prints the command as one could type it (arguments with spaces or globs quoted; SQL with
# string literals in double quotes), then runs it.
run() {
  local shown=() arg
  for arg in "$@"; do
    if [[ "$arg" == *"'"* ]]; then shown+=("\"$arg\"")
    elif [[ "$arg" == *[[:space:]*?]* ]]; then shown+=("'$arg'")
    else shown+=("$arg"); fi
  done
  printf '$ basin %s\n' "${shown[*]}"
  "$basin" "$@"
}

tables=(film category film_category customer rental payment)

step "1. The operational data: the movie-rental tables, exported as CSV"
run gen movies --out sources/movies --format csv

step "2. What a CSV file holds: Basin infers the header and the column types"
run schema sources/movies/rental.csv
run head sources/movies/rental.csv -n 5

step "3. Convert the six walkthrough tables to Parquet (snappy), one folder per table"
for table in "${tables[@]}"; do
  run convert "sources/movies/$table.csv" "lake/movie_rental_csv/$table/$table.parquet"
done

step "4. CSV carries no types, so they were inferred (amount became double); a typed export keeps decimal(5,2)"
run schema lake/movie_rental_csv/payment/payment.parquet
run gen movies --out typed/movies --format parquet
run schema typed/movies/payment.parquet
run head lake/movie_rental_csv/film/film.parquet -n 5 --columns film_id,title,rental_rate,length,rating

step "5. Parquet to JSON lines, and back"
run convert lake/movie_rental_csv/customer/customer.parquet exports/customer.json
head -n 2 exports/customer.json
run convert exports/customer.json exports/customer_roundtrip.parquet --compression zstd
run head exports/customer_roundtrip.parquet -n 3 --json

step "6. Register the converted tables in the Data Catalog by hand (catalog.db in the Basin home)"
export BASIN_HOME="$home"
run catalog create-database movie_rental_csv --description "The CSV exports, converted to Parquet by hand" \
  --location "$home/lake/movie_rental_csv"
for table in "${tables[@]}"; do
  run catalog create-table "movie_rental_csv.$table" \
    --schema-from "lake/movie_rental_csv/$table/$table.parquet" --location "lake/movie_rental_csv/$table"
done
run catalog databases
run catalog tables movie_rental_csv
run catalog table movie_rental_csv.payment

step "7. The operational database (SQLite): a connection and a crawler with the walkthrough's include and exclude"
bash "$repo_root/scripts/movies-sqlite.sh" "$basin" sources/movies.db
run connections create movies_db --url sqlite:sources/movies.db --description "The movie-rental store"
run crawlers create movies --connection movies_db --include 'movies/%' --exclude '*act*' \
  --database aurora_movie_rental
run crawlers run movies --wait
run catalog tables aurora_movie_rental
run catalog table aurora_movie_rental.movies_payment

step "8. ETL jobs: a raw copy of each walkthrough table, from the database into Parquet under lake/movie_rental/"
run catalog create-database movie_rental --description "Movie rentals copied from the operational database" \
  --location "$home/lake/movie_rental"
for table in "${tables[@]}"; do
  run jobs create "copy_$table" --from-table "aurora_movie_rental.movies_$table" \
    --to "lake/movie_rental/$table" --target-table "movie_rental.$table"
done

step "9. Run the six jobs: each reads its table through the connection, writes Parquet, then registers the table"
# The first run shows its log; the others are summarised in step 11.
for table in "${tables[@]}"; do
  if [[ "$table" == "${tables[0]}" ]]; then run jobs run "copy_$table" --wait
  else run jobs run "copy_$table" --wait --quiet; fi
done

step "10. A job's diagram, generated from its DAG (as \`basin jobs script\` is): Mermaid for Markdown pages, and SVG"
run jobs diagram copy_payment
run jobs diagram copy_payment -o diagrams/copy_payment.svg
echo "  open $home/diagrams/copy_payment.svg in a browser to see it"

step "11. The runs: state, rows and files written, duration"
printf '$ basin --json jobs runs copy_TABLE --limit 1   # for each of the six, summarised\n'
for table in "${tables[@]}"; do
  "$basin" --json jobs runs "copy_$table" --limit 1
done | python3 -c '
import json, sys
decoder, text, runs, at = json.JSONDecoder(), sys.stdin.read(), [], 0
while at < len(text):
    if text[at].isspace():
        at += 1
        continue
    document, at = decoder.raw_decode(text, at)
    runs.extend(document["JobRuns"])
rows = [("job", "state", "rows", "files", "bytes", "duration")]
for run in runs:
    metrics = run["Metrics"]
    rows.append((run["JobName"], run["JobRunState"], str(metrics["RowsWritten"]),
                 str(metrics["FilesWritten"]), str(metrics["BytesWritten"]),
                 "%.2f s" % (metrics["DurationMillis"] / 1000)))
widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
for number, row in enumerate(rows):
    print("  " + "  ".join(cell.rjust(width) if 2 <= i <= 4 else cell.ljust(width)
                           for i, (cell, width) in enumerate(zip(row, widths))).rstrip())
    if number == 0:
        print("  " + "  ".join("-" * width for width in widths))
'

step "12. A second crawler catalogues the folders the jobs wrote, with the prefix s3_ (the jobs registered their own tables too)"
run crawlers create lake --path lake/movie_rental --database movie_rental --prefix s3_
run crawlers run lake --wait
run crawlers runs lake

step "13. SQL over the catalog, as in Athena: the tables of a database"
run sql -c "SHOW TABLES IN movie_rental"

step "14. A federated query: the live operational database (SQLite), joined in place with the lake"
run sql -c "SELECT i.store_id, count(*) AS rentals, sum(p.amount) AS revenue
FROM movie_rental.s3_payment p
JOIN movie_rental.s3_rental r ON r.rental_id = p.rental_id
JOIN aurora_movie_rental.movies_inventory i ON i.inventory_id = r.inventory_id
GROUP BY i.store_id ORDER BY i.store_id"

step "15. The lake lacks inventory: a CTAS copies it from the database into the lake as Parquet"
run sql -c "CREATE TABLE movie_rental.inventory WITH (format = 'PARQUET') AS
SELECT * FROM aurora_movie_rental.movies_inventory"

# The jobs copied the database's types, so amount is decimal(5,2) as in the source.
revenue_joins="FROM movie_rental.s3_payment p
JOIN movie_rental.s3_rental r ON r.rental_id = p.rental_id
JOIN movie_rental.inventory i ON i.inventory_id = r.inventory_id
JOIN movie_rental.s3_film_category fc ON fc.film_id = i.film_id
JOIN movie_rental.s3_category c ON c.category_id = fc.category_id"

step "16. Revenue by film category (payment ⋈ rental ⋈ inventory ⋈ film_category ⋈ category), top 10"
run sql -c "SELECT c.name AS category, count(*) AS rentals, sum(p.amount) AS revenue
$revenue_joins
GROUP BY c.name ORDER BY revenue DESC LIMIT 10"

step "17. The top customers by total payments"
run sql -c "SELECT c.customer_id, c.first_name || ' ' || c.last_name AS customer, count(*) AS payments,
       sum(p.amount) AS total
FROM movie_rental.s3_payment p JOIN movie_rental.s3_customer c ON c.customer_id = p.customer_id
GROUP BY c.customer_id, c.first_name, c.last_name ORDER BY total DESC, c.customer_id LIMIT 10"

step "18. A curated table: CTAS writes Parquet partitioned by month and registers it with its partitions"
run sql -c "CREATE DATABASE curated"
run sql -c "CREATE TABLE curated.revenue_by_category
WITH (format = 'PARQUET', write_compression = 'ZSTD', partitioned_by = ARRAY['month']) AS
SELECT c.name AS category, count(*) AS rentals, sum(p.amount) AS revenue,
       date_format(p.payment_date, '%Y-%m') AS month
$revenue_joins
GROUP BY c.name, date_format(p.payment_date, '%Y-%m')"
run sql -c "SHOW PARTITIONS curated.revenue_by_category"
run sql -c "SELECT category, rentals, revenue FROM curated.revenue_by_category
WHERE month = '2005-07' ORDER BY revenue DESC LIMIT 5"

step "19. A view over the curated table, stored in the catalog, and a query over it"
run sql -c "CREATE VIEW curated.monthly_revenue AS
SELECT month, sum(rentals) AS rentals, sum(revenue) AS revenue
FROM curated.revenue_by_category GROUP BY month"
run sql -c "SELECT month, rentals, revenue FROM curated.monthly_revenue ORDER BY month"
run sql --database curated -c "SHOW TABLES"

step "20. EXPLAIN ANALYZE: the plan with rows and time per operator"
run sql -c "EXPLAIN ANALYZE SELECT c.name AS category, sum(p.amount) AS revenue
$revenue_joins
GROUP BY c.name ORDER BY revenue DESC LIMIT 10"

step "Done. Everything is under $home"
find lake -name '*.parquet' | sort | while read -r file; do
  printf '  %-72s %8d bytes\n' "$file" "$(stat -c %s "$file")"
done
