// DuckDB side of the CSV cross-check (tests/integration/csv_duckdb.sh).
//
//   node csv_duckdb.mjs write DIR   DuckDB writes DIR/duck.csv (comma, header) and
//                                   DIR/duck_pipe.tbl ('|', no header) from one table
//   node csv_duckdb.mjs check DIR   DuckDB reads DIR/basin.csv and DIR/basin_pipe.csv (what
//                                   Basin wrote after reading the files above) and compares
//                                   every value with the table; checks DIR/schema.json (Basin's
//                                   detected types) against DuckDB's sniffer
//
// The table is rebuilt identically by both commands, so nothing else passes between them.
import { DuckDBInstance } from '@duckdb/node-api';
import fs from 'node:fs';
import path from 'node:path';

const [mode, dir] = process.argv.slice(2);
if (!mode || !dir) {
  console.error('usage: node csv_duckdb.mjs write|check DIR');
  process.exit(2);
}

const instance = await DuckDBInstance.create(':memory:');
const db = await instance.connect();

// Every flat type, with the text CSV finds hard: delimiters, quotes, line breaks, empty
// strings next to NULLs, non-ASCII, leading spaces, extreme numbers, fractional seconds.
const columns = {
  id: 'BIGINT',
  i32: 'INTEGER',
  d: 'DOUBLE',
  dec: 'DECIMAL(12,3)',
  s: 'VARCHAR',
  b: 'BOOLEAN',
  dt: 'DATE',
  ts: 'TIMESTAMP',
  tm: 'TIME',
  bin: 'BLOB',
};
await db.run(`CREATE TABLE t AS
  SELECT
    i::BIGINT AS id,
    CASE WHEN i % 17 = 0 THEN NULL ELSE (i * 7919) % 100000 - 50000 END::INTEGER AS i32,
    CASE i % 9 WHEN 0 THEN NULL WHEN 1 THEN 1e300 WHEN 2 THEN -2.5e-300
      ELSE i * 1.37e-3 - 2.5 END::DOUBLE AS d,
    CASE WHEN i % 13 = 0 THEN NULL ELSE ((i * 104729) % 10000000) / 1000.0 - 5000 END::DECIMAL(12,3) AS dec,
    CASE i % 8
      WHEN 0 THEN NULL
      WHEN 1 THEN ''
      WHEN 2 THEN 'comma, here ' || i
      WHEN 3 THEN 'say "hi" ' || i
      WHEN 4 THEN 'two' || chr(10) || 'lines' || chr(13) || chr(10) || i
      WHEN 5 THEN ' leading space ' || i
      WHEN 6 THEN 'café ☕ ' || i
      ELSE 'plain' || i END AS s,
    CASE i % 3 WHEN 0 THEN NULL WHEN 1 THEN true ELSE false END AS b,
    CASE WHEN i % 11 = 0 THEN NULL ELSE DATE '1970-01-01' + ((i * 37) % 40000 - 10000)::INTEGER END AS dt,
    CASE WHEN i % 7 = 0 THEN NULL
      ELSE TIMESTAMP '2000-01-01 00:00:00' + to_microseconds((i * 1234567891) % 2000000000000000 - 1000000000000000) END AS ts,
    CASE WHEN i % 5 = 0 THEN NULL ELSE TIME '00:00:00' + to_microseconds((i * 987654321) % 86400000000) END AS tm,
    CASE WHEN i % 6 = 0 THEN NULL ELSE ('\\x' || lpad(to_hex(i % 256), 2, '0') || 'ab,"')::BLOB END AS bin
  FROM range(1, 3001) r(i)`);

function quote(text) {
  return `'${text.replaceAll("'", "''")}'`;
}

const columnsSql = `{${Object.entries(columns).map(([k, v]) => `'${k}': '${v}'`).join(', ')}}`;

if (mode === 'write') {
  await db.run(`COPY t TO ${quote(path.join(dir, 'duck.csv'))} (HEADER)`);
  await db.run(`COPY t TO ${quote(path.join(dir, 'duck_pipe.tbl'))} (HEADER false, DELIMITER '|')`);
  process.exit(0);
}

let failures = 0;
function check(ok, message) {
  if (!ok) {
    console.error(`FAIL: ${message}`);
    ++failures;
  }
}

async function scalar(sql) {
  const reader = await db.runAndReadAll(sql);
  return reader.getRows()[0][0];
}

// Values of a Basin-written file against t: no row of either side is missing from the other.
async function compare(file, header, names) {
  const source = `read_csv(${quote(file)}, header=${header}, allow_quoted_nulls=false, ` +
    `columns=${names ? `{${Object.entries(columns).map(([, v], i) => `'${names[i]}': '${v}'`).join(', ')}}` : columnsSql})`;
  const select = names
    ? `SELECT ${names.map((n, i) => `"${n}" AS ${Object.keys(columns)[i]}`).join(', ')} FROM ${source}`
    : `SELECT * FROM ${source}`;
  const total = Number(await scalar(`SELECT count(*) FROM (${select})`));
  check(total === 3000, `${file}: ${total} rows, expected 3000`);
  for (const [a, b] of [['t', `(${select})`], [`(${select})`, 't']]) {
    const missing = Number(await scalar(`SELECT count(*) FROM (SELECT * FROM ${a} EXCEPT ALL SELECT * FROM ${b})`));
    if (missing > 0) {
      const sample = await db.runAndReadAll(`SELECT * FROM ${a} EXCEPT ALL SELECT * FROM ${b} LIMIT 3`);
      console.error(JSON.stringify(sample.getRows(), (k, v) => (typeof v === 'bigint' ? v.toString() : v)));
    }
    check(missing === 0, `${file}: ${missing} rows of ${a.slice(0, 40)} missing from the other side`);
  }
}

await compare(path.join(dir, 'basin.csv'), true, null);
await compare(path.join(dir, 'basin_pipe.csv'), true, Object.keys(columns).map((_, i) => `col${i}`));

// Basin's detected types agree with DuckDB's sniffer where both infer the type.
const hive = { BIGINT: 'bigint', DOUBLE: 'double', VARCHAR: 'string', BOOLEAN: 'boolean', DATE: 'date', TIMESTAMP: 'timestamp' };
const basinSchema = JSON.parse(fs.readFileSync(path.join(dir, 'schema.json'), 'utf8')).columns;
const described = await db.runAndReadAll(`DESCRIBE SELECT * FROM read_csv(${quote(path.join(dir, 'duck.csv'))})`);
const duckTypes = described.getRows();
check(basinSchema.length === duckTypes.length, `column counts ${basinSchema.length} vs ${duckTypes.length}`);
for (let i = 0; i < duckTypes.length && i < basinSchema.length; ++i) {
  const [name, duckType] = duckTypes[i];
  check(basinSchema[i].name === name, `column ${i} named ${basinSchema[i].name}, DuckDB says ${name}`);
  if (hive[duckType]) {
    check(basinSchema[i].type === hive[duckType],
      `column ${name}: Basin detected ${basinSchema[i].type}, DuckDB ${duckType}`);
  }
}

if (failures > 0) process.exit(1);
console.log('csv cross-check with DuckDB: ok');
