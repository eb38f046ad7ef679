#!/usr/bin/env bash
# basin crawlers over an s3:// lake on a real S3-protocol server (s3rver on loopback): files
# uploaded with the AWS CLI in Hive partitions and two unpartitioned folders are catalogued
# with s3:// locations, partition locations and classifications as on disk.
set -euo pipefail
: "${BASIN:?path of the basin binary}" "${BASIN_REPO:?repository root}"
# shellcheck source=lib/common.sh
. "$BASIN_REPO/tests/integration/lib/common.sh"

it_s3_server

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
