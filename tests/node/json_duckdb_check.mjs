// Cross-checks Basin's JSON reader and writer against DuckDB.
//   node json_duckdb_check.mjs BASIN WORK_DIR
// DuckDB writes a table of many types as JSON (newline-delimited and array); Basin infers its
// schema, reads it and writes it back as newline-delimited JSON (`basin convert`); DuckDB reads
// Basin's file with the original column types and must find exactly the original rows.
import { DuckDBInstance } from '@duckdb/node-api';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const [basin, work] = process.argv.slice(2);
if (!basin || !work) {
  console.error('usage: node json_duckdb_check.mjs BASIN WORK_DIR');
  process.exit(2);
}

const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();
const scalar = async (sql) => (await con.runAndReadAll(sql)).getRows()[0][0];
let failures = 0;
const fail = (message) => {
  console.error('FAIL: ' + message);
  failures++;
};

const columns = {
  i: 'BIGINT', i32: 'INTEGER', u: 'UBIGINT', h: 'HUGEINT', d: 'DOUBLE', f: 'FLOAT',
  dec: 'DECIMAL(18,3)', s: 'VARCHAR', b: 'BOOLEAN', dt: 'DATE', ts: 'TIMESTAMP', t: 'TIME',
  blob: 'BLOB', l: 'INTEGER[]', st: 'STRUCT(a INTEGER, b VARCHAR)',
  nested: 'STRUCT(x INTEGER[], y STRUCT(z DOUBLE))[]', m: 'MAP(VARCHAR, INTEGER)',
};
// Rows with every kind of value, NULLs scattered through every column.
await con.run(`
  CREATE TABLE src AS
  SELECT
    CASE WHEN n % 11 = 0 THEN NULL ELSE (n - 1500) * 1000000007 END::BIGINT AS i,
    CASE WHEN n % 13 = 0 THEN NULL ELSE n END::INTEGER AS i32,
    CASE WHEN n % 7 = 0 THEN 18446744073709551615 ELSE n END::UBIGINT AS u,
    CASE WHEN n % 5 = 0 THEN NULL ELSE (n::HUGEINT - 1500) * 100000000000000000000000 END AS h,
    CASE WHEN n % 97 = 0 THEN 'NaN'::DOUBLE WHEN n % 89 = 0 THEN '-Infinity'::DOUBLE
         WHEN n % 17 = 0 THEN NULL ELSE n / 7.0 END::DOUBLE AS d,
    CASE WHEN n % 19 = 0 THEN NULL ELSE n / 3.0 END::FLOAT AS f,
    CASE WHEN n % 23 = 0 THEN NULL ELSE (n - 1500) * 1.001 END::DECIMAL(18,3) AS dec,
    CASE WHEN n % 29 = 0 THEN NULL
         WHEN n % 3 = 0 THEN 'caf\u00e9 "' || n || '" \\ ' || chr(1) || chr(10) || chr(9) || ' \u20ac\u{1F600}'
         ELSE 'row ' || n END AS s,
    CASE WHEN n % 31 = 0 THEN NULL ELSE n % 2 = 0 END AS b,
    CASE WHEN n % 37 = 0 THEN NULL ELSE DATE '1900-01-01' + (n * 17)::INTEGER END AS dt,
    CASE WHEN n % 41 = 0 THEN NULL
         ELSE TIMESTAMP '1960-06-01 00:00:00' + to_microseconds(n * 987654321987) END AS ts,
    CASE WHEN n % 43 = 0 THEN NULL ELSE TIME '00:00:00' + to_microseconds(n * 12345678) END AS t,
    CASE WHEN n % 47 = 0 THEN NULL ELSE ('\\x00\\xFF' || n || '\\x5C\\x22')::BLOB END AS blob,
    CASE WHEN n % 53 = 0 THEN NULL WHEN n % 4 = 0 THEN []::INTEGER[]
         ELSE [n, NULL, n + 1] END AS l,
    CASE WHEN n % 59 = 0 THEN NULL ELSE {'a': n, 'b': 'x' || n} END AS st,
    CASE WHEN n % 61 = 0 THEN NULL
         ELSE [{'x': [n, n + 1], 'y': {'z': n + 0.25}}, {'x': NULL, 'y': NULL}] END AS nested,
    CASE WHEN n % 67 = 0 THEN NULL ELSE MAP {'k1': n, 'k2': NULL} END AS m
  FROM range(3000) r(n)`);

const duckNd = path.join(work, 'duck.ndjson');
const duckArray = path.join(work, 'duck_array.json');
await con.run(`COPY src TO '${duckNd}' (FORMAT json)`);
await con.run(`COPY src TO '${duckArray}' (FORMAT json, ARRAY true)`);

// Basin's inferred schema of DuckDB's file.
const expectedTypes = {
  i: 'bigint', i32: 'bigint', u: 'decimal(38,0)', h: 'decimal(38,0)', d: 'double', f: 'double',
  dec: 'double', s: 'string', b: 'boolean', dt: 'date', ts: 'timestamp', t: 'string',
  blob: 'string', l: 'array<bigint>', st: 'struct<a:bigint,b:string>',
  nested: 'array<struct<x:array<bigint>,y:struct<z:double>>>', m: 'struct<k1:bigint,k2:string>',
};
for (const file of [duckNd, duckArray]) {
  const schema = JSON.parse(execFileSync(basin, ['--json', 'schema', file], { encoding: 'utf8' }));
  const got = Object.fromEntries(schema.columns.map((c) => [c.name, c.type]));
  for (const [name, type] of Object.entries(expectedTypes)) {
    if (got[name] !== type) fail(`${path.basename(file)}: column ${name} inferred as ${got[name]}, expected ${type}`);
  }
  if (schema.columns.length !== Object.keys(expectedTypes).length) {
    fail(`${path.basename(file)}: ${schema.columns.length} columns`);
  }
}

// Basin reads DuckDB's files and writes them again; DuckDB must read back the same rows.
// DuckDB writes a BLOB as \xHH text but reads such text back as its literal bytes, so BLOBs
// are compared in that text form.
await con.run('CREATE TABLE expected AS SELECT * REPLACE (blob::VARCHAR AS blob) FROM src');
const backTypes = { ...columns, blob: 'VARCHAR' };
const spec = '{' + Object.entries(backTypes).map(([n, t]) => `${n}: '${t}'`).join(', ') + '}';
for (const [source, name] of [[duckNd, 'basin.ndjson'], [duckArray, 'basin_from_array.ndjson']]) {
  const out = path.join(work, name);
  execFileSync(basin, ['convert', source, out, '--format', 'json'], { stdio: 'pipe' });
  await con.run(`CREATE OR REPLACE TABLE back AS SELECT * FROM read_json('${out}', columns=${spec}, format='newline_delimited')`);
  const rows = Number(await scalar('SELECT count(*) FROM back'));
  if (rows !== 3000) fail(`${name}: ${rows} rows, expected 3000`);
  const missing = Number(await scalar('SELECT count(*) FROM (SELECT * FROM expected EXCEPT ALL SELECT * FROM back)'));
  const extra = Number(await scalar('SELECT count(*) FROM (SELECT * FROM back EXCEPT ALL SELECT * FROM expected)'));
  if (missing !== 0 || extra !== 0) {
    fail(`${name}: ${missing} original rows missing, ${extra} rows not in the original`);
    for (const column of Object.keys(columns)) {
      const diff = Number(await scalar(
        `SELECT count(*) FROM (SELECT ${column} FROM expected EXCEPT ALL SELECT ${column} FROM back)`));
      if (diff) {
        const sample = (await con.runAndReadAll(
          `SELECT ${column}::VARCHAR FROM (SELECT ${column} FROM expected EXCEPT ALL SELECT ${column} FROM back) LIMIT 3`)).getRows();
        fail(`  column ${column}: ${diff} values differ, e.g. ${JSON.stringify(sample)}`);
      }
    }
  }
  // DuckDB's own inference over Basin's file sees the same column names.
  const auto = (await con.runAndReadAll(`DESCRIBE SELECT * FROM read_json('${out}')`)).getRows();
  const names = auto.map((r) => r[0]).join(',');
  if (names !== Object.keys(columns).join(',')) fail(`${name}: DuckDB sees columns ${names}`);
}

// Basin's writer on types JSON inference cannot recover: DuckDB writes them to Parquet, Basin
// converts the Parquet file to JSON, DuckDB reads the JSON with the original types. A MAP with
// INTEGER keys is written as [{"key", "value"}] entries and compared as such. DuckDB reads JSON
// numbers through a double, so the wide decimal's number text is compared in the file itself.
const typed = {
  dec: 'DECIMAL(10,2)', wide: 'DECIMAL(38,6)', bin: 'BLOB', t: 'TIME', f: 'FLOAT',
  ti: 'TINYINT', si: 'SMALLINT', ts: 'TIMESTAMP', dt: 'DATE',
  m: 'STRUCT(key INTEGER, value VARCHAR)[]', ms: 'MAP(VARCHAR, DOUBLE)',
};
await con.run(`
  CREATE TABLE typed AS
  SELECT
    CASE WHEN n % 11 = 0 THEN NULL ELSE (n - 1000) / 7 END::DECIMAL(10,2) AS dec,
    CASE WHEN n % 13 = 0 THEN NULL
         ELSE (((n::HUGEINT - 1000) * 123456789012345678901)::VARCHAR || '.' ||
               lpad((n * 7919 % 1000000)::VARCHAR, 6, '0')) END::DECIMAL(38,6) AS wide,
    CASE WHEN n % 17 = 0 THEN NULL ELSE ('\\x00\\xFE\\x22' || n || '\\x5C')::BLOB END AS bin,
    CASE WHEN n % 19 = 0 THEN NULL ELSE TIME '00:00:00' + to_microseconds(n * 4321987) END AS t,
    CASE WHEN n % 23 = 0 THEN 'NaN'::FLOAT ELSE n / 3.0 END::FLOAT AS f,
    ((n % 256) - 128)::TINYINT AS ti, (n * 31 - 30000)::SMALLINT AS si,
    TIMESTAMP '1900-01-01' + to_microseconds(n * 98765432109) AS ts,
    DATE '0001-01-01' + (n * 1001)::INTEGER AS dt,
    CASE WHEN n % 29 = 0 THEN NULL ELSE MAP {n: 'v' || n, n + 1: NULL} END AS m,
    MAP {'a': n / 4.0, 'b"\\': NULL} AS ms
  FROM range(2000) r(n)`);
const typedParquet = path.join(work, 'typed.parquet');
const typedJson = path.join(work, 'typed.json');
await con.run(`COPY typed TO '${typedParquet}' (FORMAT parquet)`);
execFileSync(basin, ['convert', typedParquet, typedJson, '--format', 'json'], { stdio: 'pipe' });
await con.run(`CREATE TABLE typed_expected AS
  SELECT * EXCLUDE (wide) REPLACE (bin::VARCHAR AS bin, map_entries(m) AS m) FROM typed`);
delete typed.wide;
const typedSpec = '{' + Object.entries({ ...typed, bin: 'VARCHAR' })
  .map(([n, t]) => `${n}: '${t}'`).join(', ') + '}';
await con.run(`CREATE TABLE typed_back AS
  SELECT * FROM read_json('${typedJson}', columns=${typedSpec}, format='newline_delimited')`);
for (const column of Object.keys(typed)) {
  const diff = Number(await scalar(`SELECT count(*) FROM (
    (SELECT ${column} FROM typed_expected EXCEPT ALL SELECT ${column} FROM typed_back) UNION ALL
    (SELECT ${column} FROM typed_back EXCEPT ALL SELECT ${column} FROM typed_expected))`));
  if (diff) {
    const sample = (await con.runAndReadAll(`SELECT ${column}::VARCHAR FROM
      (SELECT ${column} FROM typed_expected EXCEPT ALL SELECT ${column} FROM typed_back) LIMIT 3`)).getRows();
    fail(`typed.json column ${column}: ${diff} values differ, e.g. ${JSON.stringify(sample)}`);
  }
}
if (Number(await scalar('SELECT count(*) FROM typed_back')) !== 2000) fail('typed.json: row count');
const wideTexts = readFileSync(typedJson, 'utf8').trim().split('\n')
  .map((line) => /"wide":(null|-?[0-9.]+)/.exec(line)?.[1]);
const wideExpected = (await con.runAndReadAll(
  `SELECT coalesce(wide::VARCHAR, 'null') FROM read_parquet('${typedParquet}')`)).getRows().map((r) => r[0]);
const wideDiff = wideExpected.findIndex((text, i) => text !== wideTexts[i]);
if (wideDiff >= 0 || wideTexts.length !== wideExpected.length) {
  fail(`typed.json wide decimal row ${wideDiff}: ${wideTexts[wideDiff]} vs ${wideExpected[wideDiff]}`);
}

if (failures > 0) process.exit(1);
console.log('json_duckdb_check: DuckDB and Basin agree on every value');
