#!/usr/bin/env bash
# basin convert / head on s3:// paths against a real S3-protocol server (s3rver on a free
# loopback port, temporary data folder), cross-checked with the AWS CLI and DuckDB:
#   - a Parquet file Basin writes to S3, the AWS CLI downloads and DuckDB reads row for row;
#   - a Parquet file the AWS CLI uploads, basin head reads; a one-column convert fetches far
#     fewer bytes than the file (ranged GETs only);
#   - a file larger than the part size goes up as a multipart upload;
#   - missing objects, unknown keys and unreachable endpoints fail with clear errors and exit
#     codes, and a failed convert publishes nothing.
set -euo pipefail
: "${BASIN:?path of the basin binary}" "${BASIN_REPO:?repository root}"
node_dir="$BASIN_REPO/tests/node"
# shellcheck source=lib/common.sh
. "$BASIN_REPO/tests/integration/lib/common.sh"
fail() { echo "s3_cli: $*" >&2; exit 1; }
sql() { node "$node_dir/s3_duckdb_sql.mjs" "$@"; }
compare() { node "$node_dir/compare_files.mjs" "$@" >/dev/null; }
get_bytes() { node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1])).'"$1"')' "$work/stats.json"; }

it_s3_server
echo '{"requests":0,"get_bytes":0,"parts":0,"completes":0,"aborts":0}' > "$work/stats.json"

# 1. Basin writes to S3; the AWS CLI reads it back; DuckDB checks every row.
"$BASIN" gen movies --out "$work/csv" --format csv >/dev/null
"$BASIN" convert "$work/csv/film.csv" s3://lake/movies/film.parquet >/dev/null
aws_cli s3 cp s3://lake/movies/film.parquet "$work/film_from_s3.parquet" >/dev/null
compare "$work/csv/film.csv" "$work/film_from_s3.parquet"
"$BASIN" convert s3://lake/movies/film.parquet "$work/film_back.csv" >/dev/null
compare "$work/csv/film.csv" "$work/film_back.csv"

# 2. The AWS CLI uploads a wide Parquet file; basin head reads it from S3.
sql "COPY (SELECT i AS id, repeat(md5(i::VARCHAR), 8) AS payload, i * 0.5 AS amount
          FROM range(200000) t(i)) TO '$work/wide.parquet' (FORMAT parquet, ROW_GROUP_SIZE 50000)" \
  >/dev/null
aws_cli s3 cp "$work/wide.parquet" s3://lake/wide/wide.parquet >/dev/null
lines="$("$BASIN" head s3://lake/wide/wide.parquet -n 5 | wc -l)"
[[ "$lines" -eq 7 ]] || fail "basin head -n 5 on S3 printed $lines lines"
"$BASIN" head s3://lake/wide/wide.parquet -n 3 | grep -q "payload" || fail "head shows no payload column"

# One column of the whole file: only that column's chunks (and the footer) are fetched.
file_size="$(stat -c %s "$work/wide.parquet")"
before="$(get_bytes get_bytes)"
"$BASIN" convert s3://lake/wide/wide.parquet "$work/ids.csv" --columns id >/dev/null
fetched=$(( $(get_bytes get_bytes) - before ))
echo "one-column read fetched $fetched of $file_size bytes"
(( fetched > 0 && fetched * 5 < file_size )) ||
  fail "a one-column read fetched $fetched of $file_size bytes"
expected_sum="$(sql "SELECT sum(id) FROM read_parquet('$work/wide.parquet')")"
actual_sum="$(sql "SELECT sum(id) FROM read_csv('$work/ids.csv')")"
[[ "$expected_sum" == "$actual_sum" ]] || fail "ids sum $actual_sum, expected $expected_sum"

# 3. Larger than the part size: a multipart upload, streamed, completed on commit.
sql "COPY (SELECT i AS id, md5(i::VARCHAR) AS a, md5((i + 1)::VARCHAR) AS b
          FROM range(160000) t(i)) TO '$work/big.csv' (HEADER)" >/dev/null
parts_before="$(get_bytes parts)"
BASIN_S3_PART_SIZE=5MB "$BASIN" convert "$work/big.csv" s3://lake/big/big.csv >/dev/null
parts=$(( $(get_bytes parts) - parts_before ))
(( parts >= 2 )) || fail "a $(stat -c %s "$work/big.csv")-byte file went up in $parts parts"
aws_cli s3 cp s3://lake/big/big.csv "$work/big_from_s3.csv" >/dev/null
compare "$work/big.csv" "$work/big_from_s3.csv"
listed="$(aws_cli s3 ls --recursive s3://lake/ | wc -l)"
[[ "$listed" -eq 3 ]] || fail "the bucket holds $listed objects, expected 3"

# 4. Errors: exit codes follow the error codes (NotFound 12, AccessDenied 15, IOError 16).
expect_failure_matching() {
  local want="$1" pattern="$2"
  shift 2
  set +e
  "$@" > /dev/null 2> "$work/err"
  local code=$?
  set -e
  [[ $code -eq $want ]] || fail "$* exited $code, expected $want: $(cat "$work/err")"
  grep -q -- "$pattern" "$work/err" || fail "$* said: $(cat "$work/err") (expected '$pattern')"
}
expect_failure_matching 12 "s3://lake/nope.parquet" "$BASIN" head s3://lake/nope.parquet
expect_failure_matching 12 "NoSuchBucket" "$BASIN" head s3://no-such-bucket/x.parquet
expect_failure_matching 15 "AccessDenied.*AKIAWRONG" \
  env AWS_ACCESS_KEY_ID=AKIAWRONG "$BASIN" head s3://lake/wide/wide.parquet
expect_failure_matching 16 "http://127.0.0.1:1" \
  env AWS_ENDPOINT_URL=http://127.0.0.1:1 AWS_MAX_ATTEMPTS=2 "$BASIN" head s3://lake/x.parquet

# A failed convert publishes nothing on S3.
head -c 100 "$work/wide.parquet" > "$work/truncated.parquet"
printf 'PAR1' >> "$work/truncated.parquet"
set +e
"$BASIN" convert "$work/truncated.parquet" s3://lake/out/never.csv 2>/dev/null
set -e
[[ -z "$(aws_cli s3 ls s3://lake/out/ || true)" ]] || fail "a failed convert left an object"
echo "s3_cli: ok"
