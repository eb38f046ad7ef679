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

step "9. SQL over the catalog, as in Athena: the tables of a database"
run sql -c "SHOW TABLES IN movie_rental"

step "10. A federated query: the live operational database (SQLite), joined in place with the lake"
run sql -c "SELECT i.store_id, count(*) AS rentals, sum(CAST(p.amount AS decimal(5,2))) AS revenue
FROM movie_rental.payment p
JOIN movie_rental.rental r ON r.rental_id = p.rental_id
JOIN aurora_movie_rental.movies_inventory i ON i.inventory_id = r.inventory_id
GROUP BY i.store_id ORDER BY i.store_id"

step "11. The lake lacks inventory: a CTAS copies it from the database into the lake as Parquet"
run sql -c "CREATE TABLE movie_rental.inventory WITH (format = 'PARQUET') AS
SELECT * FROM aurora_movie_rental.movies_inventory"

# The lake's amounts were inferred from CSV as double: the queries sum them as decimal(5,2).
revenue_joins="FROM movie_rental.payment p
JOIN movie_rental.rental r ON r.rental_id = p.rental_id
JOIN movie_rental.inventory i ON i.inventory_id = r.inventory_id
JOIN movie_rental.film_category fc ON fc.film_id = i.film_id
JOIN movie_rental.category c ON c.category_id = fc.category_id"

step "12. Revenue by film category (payment ⋈ rental ⋈ inventory ⋈ film_category ⋈ category), top 10"
run sql -c "SELECT c.name AS category, count(*) AS rentals, sum(CAST(p.amount AS decimal(5,2))) AS revenue
$revenue_joins
GROUP BY c.name ORDER BY revenue DESC LIMIT 10"

step "13. The top customers by total payments"
run sql -c "SELECT c.customer_id, c.first_name || ' ' || c.last_name AS customer, count(*) AS payments,
       sum(CAST(p.amount AS decimal(5,2))) AS total
FROM movie_rental.payment p JOIN movie_rental.customer c ON c.customer_id = p.customer_id
GROUP BY c.customer_id, c.first_name, c.last_name ORDER BY total DESC, c.customer_id LIMIT 10"

step "14. A curated table: CTAS writes Parquet partitioned by month and registers it with its partitions"
run sql -c "CREATE DATABASE curated"
run sql -c "CREATE TABLE curated.revenue_by_category
WITH (format = 'PARQUET', write_compression = 'ZSTD', partitioned_by = ARRAY['month']) AS
SELECT c.name AS category, count(*) AS rentals, sum(CAST(p.amount AS decimal(5,2))) AS revenue,
       date_format(p.payment_date, '%Y-%m') AS month
$revenue_joins
GROUP BY c.name, date_format(p.payment_date, '%Y-%m')"
run sql -c "SHOW PARTITIONS curated.revenue_by_category"
run sql -c "SELECT category, rentals, revenue FROM curated.revenue_by_category
WHERE month = '2005-07' ORDER BY revenue DESC LIMIT 5"

step "15. A view over the curated table, stored in the catalog, and a query over it"
run sql -c "CREATE VIEW curated.monthly_revenue AS
SELECT month, sum(rentals) AS rentals, sum(revenue) AS revenue
FROM curated.revenue_by_category GROUP BY month"
run sql -c "SELECT month, rentals, revenue FROM curated.monthly_revenue ORDER BY month"
run sql --database curated -c "SHOW TABLES"

step "16. EXPLAIN ANALYZE: the plan with rows and time per operator"
run sql -c "EXPLAIN ANALYZE SELECT c.name AS category, sum(CAST(p.amount AS decimal(5,2))) AS revenue
$revenue_joins
GROUP BY c.name ORDER BY revenue DESC LIMIT 10"

step "Done. Everything is under $home"
find lake -name '*.parquet' | sort | while read -r file; do
  printf '  %-72s %8d bytes\n' "$file" "$(stat -c %s "$file")"
done
