// Test oracle for Basin's Parquet reader: DuckDB writes Parquet files covering every codec,
// dictionary on/off, format versions V1/V2 (delta encodings, data page v2), all the types the
// reader maps (incl. nested LIST/STRUCT/MAP, decimals, timestamps in ms/us/ns, UUID, ENUM, JSON),
// NULL-heavy columns and several row groups; then reads each file back with DuckDB and writes
// the values as canonical JSON lines, which tests/unit/formats/parquet/parquet_oracle_test.cpp
// compares with what Basin reads.
//
// Usage: node parquet_oracle.mjs OUT_DIR
// Writes OUT_DIR/<name>.parquet, OUT_DIR/<name>.jsonl (one JSON array per row) and
// OUT_DIR/manifest.json ([{file, expected, rows}] plus {file, error} for files Basin must refuse).
//
// Canonical values (the C++ side produces the same): NULL -> null; booleans -> true/false;
// integers, DECIMAL unscaled values, DATE days, TIME and TIMESTAMP microseconds -> a JSON number
// when |v| <= 2^53, else a string of digits; FLOAT/DOUBLE -> a JSON number, or "NaN",
// "Infinity", "-Infinity"; strings, ENUM, JSON, UUID -> strings; BLOB -> "hex:" + lowercase hex;
// LIST -> array; STRUCT -> object; MAP -> array of [key, value].
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const outDir = process.argv[2];
if (!outDir) {
  console.error('usage: node parquet_oracle.mjs OUT_DIR');
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });

const kSafe = 2n ** 53n;

function integer(value) {
  const big = BigInt(value);
  return (big <= kSafe && big >= -kSafe) ? Number(big) : big.toString();
}

function floorDiv(a, b) {
  const q = a / b;
  return (a % b < 0n) ? q - 1n : q;
}

function canon(v) {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') return v;
  if (typeof v === 'bigint') return integer(v);
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return 'NaN';
    if (v === Infinity) return 'Infinity';
    if (v === -Infinity) return '-Infinity';
    return v;
  }
  const kind = v.constructor.name;
  switch (kind) {
    case 'DuckDBDecimalValue': return integer(v.value);
    case 'DuckDBDateValue': return v.days;
    case 'DuckDBTimeValue': return integer(v.micros);
    case 'DuckDBTimeNSValue': return integer(floorDiv(v.nanos, 1000n));
    case 'DuckDBTimestampValue':
    case 'DuckDBTimestampTZValue': return integer(v.micros);
    case 'DuckDBTimestampMillisecondsValue': return integer(v.millis * 1000n);
    case 'DuckDBTimestampSecondsValue': return integer(v.seconds * 1000000n);
    case 'DuckDBTimestampNanosecondsValue': return integer(floorDiv(v.nanos, 1000n));
    case 'DuckDBBlobValue': return 'hex:' + Buffer.from(v.bytes).toString('hex');
    case 'DuckDBUUIDValue': return v.toString();
    case 'DuckDBListValue':
    case 'DuckDBArrayValue': return v.items.map(canon);
    case 'DuckDBStructValue': {
      const out = {};
      for (const [key, value] of Object.entries(v.entries)) out[key] = canon(value);
      return out;
    }
    case 'DuckDBMapValue': return v.entries.map((e) => [canon(e.key), canon(e.value)]);
    default: throw new Error('no canonical form for ' + kind + ': ' + String(v));
  }
}

const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();
const run = (sql) => con.run(sql);

const rows = 10000;
await run(`CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')`);
await run(`
CREATE TABLE t AS SELECT
  i::INTEGER AS id,
  CASE WHEN i % 7 = 3 THEN NULL ELSE i % 3 = 0 END AS b,
  ((i * 37) % 256 - 128)::TINYINT AS i8,
  ((i * 997) % 65536 - 32768)::SMALLINT AS i16,
  CASE WHEN i % 13 = 5 THEN NULL ELSE ((hash(i) % 4294967296)::BIGINT - 2147483648)::INTEGER END AS i32,
  (hash(i)::HUGEINT - 9223372036854775808)::BIGINT AS i64,
  (i % 256)::UTINYINT AS u8,
  ((i * 7919) % 65536)::USMALLINT AS u16,
  (hash(i + 1) % 4294967296)::UINTEGER AS u32,
  hash(i * 5) AS u64,
  CASE WHEN i % 101 = 0 THEN 'NaN'::FLOAT WHEN i % 103 = 0 THEN '-inf'::FLOAT
       ELSE (i / 7.0 - 300)::FLOAT END AS f32,
  CASE WHEN i % 97 = 0 THEN 'inf'::DOUBLE WHEN i % 89 = 0 THEN NULL
       ELSE (i * 1.0e10 / 3 - 1e13)::DOUBLE END AS f64,
  CASE WHEN i % 17 = 0 THEN NULL WHEN i % 5 = 0 THEN 'héllo wörld ' || i || ' 世界 🎉'
       ELSE 'row-' || (i % 50) END AS s,
  'unique string number ' || i || repeat('x', i % 40) AS s_unique,
  CASE WHEN i % 10 = 0 THEN i END AS mostly_null,
  NULL::INTEGER AS all_null,
  CASE WHEN i % 9 = 0 THEN NULL ELSE ('\\xDE\\xAD\\x00'::BLOB || encode(i::VARCHAR)) END AS bin,
  CAST((((i * 12345) % 10000000) - 5000000)::DOUBLE / 100 AS DECIMAL(9,2)) AS d9,
  CAST(((hash(i) % 1000000000000000000)::DOUBLE / 1e4) * (CASE WHEN i % 2 = 0 THEN -1 ELSE 1 END)
       AS DECIMAL(18,4)) AS d18,
  CAST('12345678901234567890.1234567891'::DECIMAL(38,10) * (i - 5000) AS DECIMAL(38,10)) AS d38,
  CAST((i % 1000)::DOUBLE / 10 AS DECIMAL(4,1)) AS d4,
  DATE '1970-01-01' + ((i * 37) % 40000 - 20000)::INTEGER AS dt,
  TIME '00:00:00' + to_microseconds((i * 1234567891) % 86400000000) AS tm,
  TIMESTAMP '1950-01-01 00:00:00' + to_microseconds(i * 123456789123) AS ts,
  (TIMESTAMP '1950-01-01 00:00:00' + to_microseconds(i * 123456789123))::TIMESTAMP_MS AS ts_ms,
  (TIMESTAMP '1950-01-01 00:00:00' + to_microseconds(i * 123456789123))::TIMESTAMP_NS AS ts_ns,
  (TIMESTAMP '1950-01-01 00:00:00' + to_microseconds(i * 123456789123))::TIMESTAMPTZ AS ts_tz,
  CASE WHEN i % 8 = 0 THEN NULL ELSE gen_random_uuid() END AS u,
  (['sad', 'ok', 'happy'])[i % 3 + 1]::mood AS mood,
  json_object('k', i, 'arr', [i, i + 1])::JSON AS js,
  CASE WHEN i % 11 = 0 THEN NULL WHEN i % 5 = 0 THEN [] ELSE [i, NULL, i * 2] END AS li,
  CASE WHEN i % 4 = 0 THEN NULL ELSE ['a' || i, NULL, ''] END AS ls,
  [[i], [], NULL, [i, i + 1]] AS lli,
  CASE WHEN i % 6 = 0 THEN NULL
       ELSE {'x': i, 'y': CASE WHEN i % 2 = 0 THEN NULL ELSE 's' || i END} END AS st,
  {'a': [i, i], 'b': {'c': i % 3 = 0, 'd': NULL::VARCHAR}} AS st_nested,
  CASE WHEN i % 8 = 0 THEN NULL WHEN i % 3 = 0 THEN MAP {}::MAP(VARCHAR, INTEGER)
       ELSE MAP {'k' || i: i, 'z': NULL} END AS mp,
  [{'p': i, 'q': CASE WHEN i % 2 = 0 THEN NULL ELSE [i] END}] AS lst
FROM range(${rows}) r(i)`);

const manifest = [];

async function writeExpected(name) {
  const file = join(outDir, name + '.parquet');
  const reader = await con.runAndReadAll(`SELECT * FROM read_parquet('${file}')`);
  const lines = reader.getRows().map((row) => JSON.stringify(row.map(canon)));
  writeFileSync(join(outDir, name + '.jsonl'), lines.map((line) => line + '\n').join(''));
  manifest.push({ file: name + '.parquet', expected: name + '.jsonl', rows: lines.length });
}

for (const codec of ['uncompressed', 'snappy', 'gzip', 'zstd', 'lz4']) {
  for (const version of ['V1', 'V2']) {
    for (const dictionary of [true, false]) {
      const name = `t_${codec}_${version}_${dictionary ? 'dict' : 'plain'}`;
      const options = [`FORMAT parquet`, `COMPRESSION ${codec}`, `PARQUET_VERSION ${version}`,
                       `ROW_GROUP_SIZE 3000`];
      if (!dictionary) options.push('DICTIONARY_SIZE_LIMIT 0');
      await run(`COPY t TO '${join(outDir, name + '.parquet')}' (${options.join(', ')})`);
      await writeExpected(name);
    }
  }
}

// One row group with DuckDB's defaults, and a file sorted by id in small row groups for
// statistics-based skipping.
await run(`COPY t TO '${join(outDir, 'defaults.parquet')}' (FORMAT parquet)`);
await writeExpected('defaults');
await run(`COPY (SELECT id, s, d9, dt, ts FROM t ORDER BY id) TO '${join(outDir, 'sorted.parquet')}'
           (FORMAT parquet, ROW_GROUP_SIZE 2048)`);
await writeExpected('sorted');

// A wide, mostly numeric file to show a one-column read fetches a fraction of the bytes.
await run(`COPY (SELECT id, i64, f64, s_unique, d18, ts, li FROM t) TO '${join(outDir, 'wide.parquet')}'
           (FORMAT parquet, COMPRESSION uncompressed)`);
await writeExpected('wide');

// No rows at all: a footer with the schema and no row groups.
await run(`COPY (SELECT * FROM t LIMIT 0) TO '${join(outDir, 'empty.parquet')}' (FORMAT parquet)`);
await writeExpected('empty');

// Codecs Basin does not read.
await run(`COPY (SELECT id FROM t) TO '${join(outDir, 'brotli.parquet')}'
           (FORMAT parquet, COMPRESSION brotli)`);
manifest.push({ file: 'brotli.parquet', error: 'Unsupported' });

writeFileSync(join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 1));
console.log(`wrote ${manifest.length} files to ${outDir}`);
