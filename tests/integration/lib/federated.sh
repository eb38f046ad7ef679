# shellcheck shell=bash
# Shared by federated_postgres.sh and federated_mariadb.sh (sourced; not a test itself, the
# integration glob takes tests/integration/*.sh only).
#
# A query is written once with {table} placeholders: Basin sees
# "$fed_basin_prefix<table>" (the catalogued name), the server sees the bare table name.
# The caller defines basin (the CLI with its home) and server_csv (runs SQL on the server,
# prints CSV: a header line, RFC 4180 quoting, NULL as an empty field).
: "${BASIN:?}" "${home:?the Basin home}" "${fed_basin_prefix:?prefix of the catalogued tables}"

# fed_sql FOR QUERY: the query with its placeholders replaced for "basin" or "server".
fed_sql() {
  local prefix=""
  [[ $1 == basin ]] && prefix="$fed_basin_prefix"
  sed -E "s/\{([a-z_]+)\}/${prefix}\1/g" <<<"$2"
}

# fed_canon ORDERED: header kept first; rows sorted unless the query's order is part of it.
fed_canon() {
  local header
  IFS= read -r header || return 0
  printf '%s\n' "$header"
  if [[ $1 == ordered ]]; then cat; else LC_ALL=C sort; fi
}

# fed_check NAME ordered|unordered QUERY: Basin's and the server's CSV answers must be equal
# and not empty.
fed_check() { fed_check_pair "$1" "$2" "$(fed_sql server "$3")" "$(fed_sql basin "$3")"; }

# fed_check_pair NAME ordered|unordered SERVER_QUERY BASIN_QUERY
fed_check_pair() {
  local name=$1 order=$2 expected actual
  expected=$(server_csv "$3" | fed_canon "$order")
  if ! actual=$("$BASIN" --home "$home" sql --output csv -c "$4" \
      2>"$home/fed_err"); then
    echo "$name: basin failed"; cat "$home/fed_err"; exit 1
  fi
  actual=$(fed_canon "$order" <<<"$actual")
  if [[ $(wc -l <<<"$expected") -lt 2 ]]; then
    echo "$name: the server returned no rows; the check would prove nothing"; exit 1
  fi
  if [[ "$expected" != "$actual" ]]; then
    echo "$name: basin differs from the server"
    diff <(echo "$expected") <(echo "$actual") | head -20
    exit 1
  fi
  echo "  $name: $(($(wc -l <<<"$expected") - 1)) rows equal"
}

# The queries both servers answer alike (the fixture holds the same rows in both), over the
# catalogued tables: filters, joins, GROUP BY with sum/count/min/max over decimal(5,2),
# ORDER BY … LIMIT/OFFSET, LEFT JOIN with NULLs, views, timestamps; then a join of database
# tables with a lake table that a CTAS wrote as Parquet.
fed_movie_rental_checks() {
  fed_check filter unordered "
    SELECT customer_id, first_name, last_name, email, create_date FROM {customer}
    WHERE store_id = 2 AND (email IS NULL OR customer_id < 40)"
  fed_check string_filter unordered "
    SELECT address_id, address, postal_code FROM {address}
    WHERE district = 'QLD' AND postal_code LIKE '1%'"
  fed_check join unordered "
    SELECT r.rental_id, r.customer_id, i.film_id, i.store_id FROM {rental} r
    JOIN {inventory} i ON i.inventory_id = r.inventory_id WHERE r.rental_id % 97 = 0"
  fed_check group_by_decimal unordered "
    SELECT staff_id, customer_id % 7 AS bucket, count(*) AS payments, sum(amount) AS total,
           min(amount) AS low, max(amount) AS high
    FROM {payment} GROUP BY staff_id, customer_id % 7"
  fed_check revenue_by_category unordered "
    SELECT c.name AS category, count(*) AS rentals, sum(p.amount) AS revenue
    FROM {payment} p JOIN {rental} r ON p.rental_id = r.rental_id
    JOIN {inventory} i ON r.inventory_id = i.inventory_id
    JOIN {film_category} fc ON i.film_id = fc.film_id
    JOIN {category} c ON fc.category_id = c.category_id
    GROUP BY c.name"
  fed_check top_customers ordered "
    SELECT c.customer_id, c.last_name, sum(p.amount) AS total FROM {customer} c
    JOIN {payment} p ON p.customer_id = c.customer_id
    GROUP BY c.customer_id, c.last_name ORDER BY total DESC, c.customer_id LIMIT 10"
  fed_check order_limit_offset ordered "
    SELECT film_id, title, rental_rate, length FROM {film}
    WHERE length > 120 ORDER BY length DESC, film_id LIMIT 15 OFFSET 5"
  fed_check left_join_nulls unordered "
    SELECT f.film_id, f.description, count(i.inventory_id) AS copies FROM {film} f
    LEFT JOIN {inventory} i ON i.film_id = f.film_id AND i.store_id = 1
    WHERE f.film_id % 50 = 0 GROUP BY f.film_id, f.description"
  # total_sales is an unbounded numeric, catalogued as decimal(38,18) (connector README).
  fed_check view unordered "
    SELECT category, CAST(total_sales AS decimal(10,2)) AS total_sales FROM {sales_by_category}"
  fed_check view_filter unordered "
    SELECT id, name, address, phone FROM {customer_list} WHERE sid = 1 AND id > 550"
  fed_check null_return_date unordered "
    SELECT rental_id, customer_id, rental_date FROM {rental} WHERE return_date IS NULL"
  # A scan stopped early by LIMIT, and a full scan of the same table in the same query.
  fed_check limit_stops_scan unordered "
    SELECT (SELECT count(*) FROM (SELECT rental_id FROM {rental} LIMIT 5) t) AS limited,
           (SELECT count(*) FROM {rental}) AS total"
  fed_check timestamps ordered "
    SELECT r.rental_id, r.rental_date, r.return_date, p.payment_date FROM {rental} r
    JOIN {payment} p ON p.rental_id = r.rental_id WHERE r.rental_id BETWEEN 85 AND 95
    ORDER BY r.rental_id"

  "$BASIN" --home "$home" sql -c "CREATE DATABASE lake;
    CREATE TABLE lake.film_rating WITH (format = 'PARQUET') AS
    SELECT film_id, CAST(rating AS varchar) AS rating FROM ${fed_basin_prefix}film" \
    > /dev/null 2>&1
  find "$home" -path '*film_rating*' -name '*.parquet' | grep -q . ||
    { echo "the CTAS wrote no Parquet file"; exit 1; }
  local joins="
    FROM {payment} p JOIN {rental} r ON r.rental_id = p.rental_id
    JOIN {inventory} i ON i.inventory_id = r.inventory_id"
  fed_check_pair lake_join unordered \
    "$(fed_sql server "SELECT f.rating AS rating, count(*) AS payments, sum(p.amount) AS revenue
      $joins JOIN film f ON f.film_id = i.film_id GROUP BY f.rating")" \
    "$(fed_sql basin "SELECT fr.rating, count(*) AS payments, sum(p.amount) AS revenue
      $joins JOIN lake.film_rating fr ON fr.film_id = i.film_id GROUP BY fr.rating")"
}
