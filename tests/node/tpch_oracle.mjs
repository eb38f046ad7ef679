// The DuckDB oracle for TPC-H: runs query files over the Parquet tables of `basin gen tpch`
// (one view per table, named like the table) and prints each result in canonical text (see
// tpch_canonical.mjs): one row per line, tab-separated.
//
//   node tpch_oracle.mjs --data DIR [--threads N] [--csv-out DIR] QUERY.sql...
//
// --csv-out also writes each raw result as DIR/<query>.csv in the CSV form `basin sql --output
// csv` writes (header, every value quoted, NULL as an empty field): test input for the
// comparison script, to check it on known-good and deliberately altered results.
import { writeFileSync, readFileSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { RunOracle } from './tpch_canonical.mjs';

export const kTpchTables =
  ['part', 'supplier', 'partsupp', 'customer', 'orders', 'lineitem', 'nation', 'region'];

const Quote = (text) => `'${text.replaceAll("'", "''")}'`;

// A DuckDB connection with one view per TPC-H table over DATA/<table>/*.parquet.
export async function OpenTpch(dataDir, threads) {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  if (threads) await connection.run(`SET threads = ${Number(threads)}`);
  for (const table of kTpchTables) {
    await connection.run(`CREATE VIEW ${table} AS SELECT * FROM ` +
      `read_parquet(${Quote(join(dataDir, table, '*.parquet'))})`);
  }
  return { instance, connection };
}

// A result as Basin's CSV: header, every value quoted, NULL as an empty unquoted field.
export function ResultAsCsv(reader) {
  const quote = (text) => `"${text.replaceAll('"', '""')}"`;
  const lines = [reader.columnNames().map(quote).join(',')];
  for (const row of reader.getRows()) {
    lines.push(row.map((v) => (v === null ? '' : quote(v.toString()))).join(','));
  }
  return `${lines.join('\n')}\n`;
}

async function Main(argv) {
  let dataDir = null;
  let threads = null;
  let csvOut = null;
  const files = [];
  for (let i = 0; i < argv.length; ++i) {
    if (argv[i] === '--data') dataDir = argv[++i];
    else if (argv[i] === '--threads') threads = argv[++i];
    else if (argv[i] === '--csv-out') csvOut = argv[++i];
    else files.push(argv[i]);
  }
  if (!dataDir || files.length === 0) {
    console.error('usage: node tpch_oracle.mjs --data DIR [--threads N] [--csv-out DIR] Q.sql...');
    process.exit(2);
  }
  const { connection } = await OpenTpch(dataDir, threads);
  if (csvOut) mkdirSync(csvOut, { recursive: true });
  for (const file of files) {
    const sql = readFileSync(file, 'utf8');
    const result = await RunOracle(connection, sql);
    if (files.length > 1) console.log(`== ${basename(file)} (${result.rows.length} rows)`);
    for (const row of result.rows) console.log(row.join('\t'));
    if (csvOut) {
      const reader = await connection.runAndReadAll(sql);
      writeFileSync(join(csvOut, `${basename(file, '.sql')}.csv`), ResultAsCsv(reader));
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await Main(process.argv.slice(2));
