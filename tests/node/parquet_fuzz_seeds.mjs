// Writes a seed corpus for tests/fuzz/parquet_fuzz.cpp: small DuckDB-written Parquet files
// covering the codecs, V1/V2 pages, dictionary on/off, flat and nested types.
// Usage: node parquet_fuzz_seeds.mjs OUT_DIR
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const outDir = process.argv[2];
if (!outDir) {
  console.error('usage: node parquet_fuzz_seeds.mjs OUT_DIR');
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });
const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();

const tables = {
  flat: `SELECT i::INTEGER AS id, CASE WHEN i % 3 = 0 THEN NULL ELSE 'v' || (i % 4) END AS s,
           i * 1.5 AS d, (i % 2 = 0) AS b, DATE '2020-01-01' + i::INTEGER AS dt,
           CAST(i / 7 AS DECIMAL(9,2)) AS dec, (TIMESTAMP '2020-01-01' + to_seconds(i))::TIMESTAMP_NS AS ts
         FROM range(40) r(i)`,
  nested: `SELECT CASE WHEN i % 4 = 0 THEN NULL ELSE [i, NULL] END AS li,
             {'a': i, 'b': [i::VARCHAR]} AS st, MAP {'k' || i: i} AS mp,
             [[i], NULL, []] AS lli
           FROM range(12) r(i)`,
  wide: `SELECT hash(i) AS u64, (i % 200)::UTINYINT AS u8, 'x' || repeat('y', i % 9) AS s,
           gen_random_uuid() AS u, CAST(i * 12345.678 AS DECIMAL(38,6)) AS big
         FROM range(30) r(i)`,
};
let count = 0;
for (const [name, sql] of Object.entries(tables)) {
  for (const codec of ['uncompressed', 'snappy', 'gzip', 'zstd', 'lz4']) {
    for (const version of ['V1', 'V2']) {
      for (const dictionary of [true, false]) {
        const file = join(outDir, `${name}_${codec}_${version}_${dictionary ? 'd' : 'p'}.parquet`);
        const options = [`FORMAT parquet`, `COMPRESSION ${codec}`, `PARQUET_VERSION ${version}`,
                         `ROW_GROUP_SIZE 16`];
        if (!dictionary) options.push('DICTIONARY_SIZE_LIMIT 0');
        await con.run(`COPY (${sql}) TO '${file}' (${options.join(', ')})`);
        ++count;
      }
    }
  }
}
console.log(`wrote ${count} seed files to ${outDir}`);
