// Runs SQL statements in an in-memory DuckDB (the test oracle) and prints the rows of the last
// one, one tab-separated line per row. For the S3 integration tests: making input files and
// computing expected results.
// Usage: node s3_duckdb_sql.mjs 'COPY (…) TO …' 'SELECT …'
import { DuckDBInstance } from '@duckdb/node-api';

const statements = process.argv.slice(2);
if (statements.length === 0) {
  console.error('usage: node s3_duckdb_sql.mjs SQL...');
  process.exit(2);
}
const db = await DuckDBInstance.create(':memory:');
const connection = await db.connect();
let rows = [];
for (const sql of statements) rows = (await connection.runAndReadAll(sql)).getRows();
for (const row of rows) console.log(row.map((value) => String(value)).join('\t'));
