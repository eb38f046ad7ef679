// Compares the rows of two lake files (Parquet, CSV or JSON, by extension) with DuckDB as the
// oracle: same column names, same row multiset, values compared as text.
// Usage: node compare_files.mjs EXPECTED ACTUAL   (exit 1 and a diff sample when they differ)
import { DuckDBInstance } from '@duckdb/node-api';

function reader(path) {
  const quoted = `'${path.replaceAll("'", "''")}'`;
  if (path.endsWith('.parquet')) return `read_parquet(${quoted})`;
  if (path.endsWith('.json') || path.endsWith('.jsonl')) return `read_json(${quoted})`;
  return `read_csv(${quoted})`;
}

const [expected, actual] = process.argv.slice(2);
const db = await DuckDBInstance.create(':memory:');
const connection = await db.connect();
const columns = async (path) =>
  (await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${reader(path)}`))
    .getRows().map((row) => row[0]);
const expectedColumns = await columns(expected);
const actualColumns = await columns(actual);
if (JSON.stringify(expectedColumns) !== JSON.stringify(actualColumns)) {
  console.error(`columns differ:\n  ${expectedColumns}\n  ${actualColumns}`);
  process.exit(1);
}
const asText = (path) =>
  `SELECT ${expectedColumns.map((c) => `CAST("${c}" AS VARCHAR) AS "${c}"`).join(', ')} ` +
  `FROM ${reader(path)}`;
const count = async (sql) => Number((await connection.runAndReadAll(sql)).getRows()[0][0]);
const total = await count(`SELECT count(*) FROM ${reader(expected)}`);
const missing = await count(
  `SELECT count(*) FROM (${asText(expected)} EXCEPT ALL ${asText(actual)})`);
const extra = await count(
  `SELECT count(*) FROM (${asText(actual)} EXCEPT ALL ${asText(expected)})`);
if (missing !== 0 || extra !== 0) {
  const sample = await connection.runAndReadAll(
    `(${asText(expected)} EXCEPT ALL ${asText(actual)}) LIMIT 3`);
  console.error(`${expected} vs ${actual}: ${missing} rows missing, ${extra} extra; e.g.`);
  console.error(sample.getRows());
  process.exit(1);
}
console.log(`equal: ${total} rows, ${expectedColumns.length} columns`);
