#!/usr/bin/env bash
# basin crawlers over an s3:// lake on a real S3-protocol server (s3rver on loopback): files
# uploaded with the AWS CLI in Hive partitions and two unpartitioned folders are catalogued
# with s3:// locations, partition locations and classifications as on disk.
set -euo pipefail
: "${BASIN:?path of the basin binary}" "${BASIN_REPO:?repository root}"
node_dir="$BASIN_REPO/tests/node"
work="$(mktemp -d)"
server_pid=""
cleanup() {
  exec 3>&- || true  # the server exits when its stdin closes
  if [[ -n "$server_pid" ]]; then
    for _ in $(seq 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
aws_cli() {
  local aws=aws
  [[ -x /usr/bin/aws ]] && aws=/usr/bin/aws
  "$aws" --endpoint-url "$AWS_ENDPOINT_URL" "$@"
}
check_json() {
  node -e '
    const d = JSON.parse(require("fs").readFileSync(0, "utf8"));
    const ok = eval(process.argv[1]);
    if (!ok) { console.error("failed: " + process.argv[1] + "\n" + JSON.stringify(d, null, 1));
               process.exit(1); }' "$1"
}

mkfifo "$work/server.in"
node --openssl-legacy-provider "$node_dir/s3_server.mjs" --dir "$work/s3" --bucket lake \
  --stats-file "$work/stats.json" < "$work/server.in" > "$work/server.out" 2> "$work/server.err" &
server_pid=$!
exec 3> "$work/server.in"
for _ in $(seq 100); do [[ -s "$work/server.out" ]] && break; sleep 0.1; done
port="$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8").split("\n")[0]).port)' "$work/server.out")" \
  || { echo "s3rver did not start: $(cat "$work/server.err")"; exit 1; }
mkdir -p "$work/home"
export HOME="$work/home" AWS_ACCESS_KEY_ID=S3RVER AWS_SECRET_ACCESS_KEY=S3RVER
export AWS_REGION=us-east-1 AWS_ENDPOINT_URL="http://127.0.0.1:$port"
export AWS_EC2_METADATA_DISABLED=true AWS_PAGER="" BASIN_HOME="$work/basin-home"

"$BASIN" gen movies --out "$work/gen" --format parquet > /dev/null
for region in east west; do
  for year in 2023 2024; do
    aws_cli s3 cp "$work/gen/payment.parquet" \
      "s3://lake/movie_rental/payment/region=$region/year=$year/part-0.parquet" > /dev/null
  done
done
aws_cli s3 cp "$work/gen/film.parquet" s3://lake/movie_rental/film/film.parquet > /dev/null
aws_cli s3 cp "$work/gen/customer.parquet" s3://lake/movie_rental/customer/customer.parquet > /dev/null
rows="$("$BASIN" --json head "$work/gen/payment.parquet" -n 1000000 | node -e \
  'console.log(JSON.parse(require("fs").readFileSync(0, "utf8")).length)')"

"$BASIN" crawlers create s3lake --path s3://lake/movie_rental/ --database movie_rental \
  --prefix s3_ > /dev/null
"$BASIN" --json crawlers run s3lake --wait | check_json \
  'd.Crawl.State === "SUCCEEDED" && d.Crawl.TablesCreated === 3 && d.Crawl.PartitionsAdded === 4'
"$BASIN" --json catalog table movie_rental.s3_payment | check_json "
  d.Table.StorageDescriptor.Location === 's3://lake/movie_rental/payment/' &&
  d.Table.PartitionKeys.map((k) => k.Name + ':' + k.Type).join() === 'region:string,year:int' &&
  d.Table.Parameters.recordCount === String(4 * $rows) && d.Table.Parameters.objectCount === '4'"
"$BASIN" --json catalog partitions movie_rental.s3_payment | check_json '
  d.Partitions.length === 4 &&
  d.Partitions[0].StorageDescriptor.Location === "s3://lake/movie_rental/payment/region=east/year=2023/"'
echo "crawler_s3: ok"
