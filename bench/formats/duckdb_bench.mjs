// DuckDB side of the format benchmark: one case per process, timed inside, printed as one JSON
// line (the same shape format_bench prints for Basin).
//
//   node duckdb_bench.mjs read-parquet FILE [--threads 2] [--method aggregate|stream|temp-table]
//   node duckdb_bench.mjs write-parquet INPUT.parquet OUTPUT.parquet [--threads 2]
//   node duckdb_bench.mjs read-csv FILE [--threads 2] [--method aggregate|stream|temp-table]
//
// Reads must decode every column, and DuckDB skips whatever a query does not need, so the
// query has to consume every column cheaply. The methods (bench/README.md has measurements):
//  - "aggregate" (default): SELECT min(c1), min(c2), … over every column. The optimizer cannot
//    answer min() from Parquet metadata (it does answer count(c) from null counts, so count
//    would decode nothing), and a min per value costs little next to decoding it: the closest
//    match to Basin's reader filling DataChunks that nobody looks at, and the strictest
//    baseline for Basin.
//  - "stream": SELECT * as a streaming query whose chunks are fetched and dropped; slower, as
//    every chunk crosses into Node.js.
//  - "temp-table": CREATE TEMP TABLE … AS SELECT *; adds building DuckDB's table storage.
// write-parquet loads INPUT into an in-memory table first and times only
// COPY … TO OUTPUT (FORMAT parquet, COMPRESSION snappy).
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
// @duckdb/node-api lives in the test oracles' node_modules.
const require = createRequire(path.join(here, '../../tests/node/package.json'));
const { DuckDBInstance } = await import(require.resolve('@duckdb/node-api'));

function parseArgs(argv) {
  const positional = [];
  const options = { threads: 2, method: 'aggregate' };
  for (let i = 0; i < argv.length; ++i) {
    if (argv[i] === '--threads') options.threads = Number(argv[++i]);
    else if (argv[i] === '--method') options.method = argv[++i];
    else positional.push(argv[i]);
  }
  return { mode: positional[0], files: positional.slice(1), options };
}

function quote(text) {
  return `'${text.replaceAll("'", "''")}'`;
}

async function drain(connection, sql) {
  const result = await connection.stream(sql);
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
  }
}

// The statement that makes DuckDB decode every column of `source` (see the methods above).
async function readStatement(connection, source, method) {
  if (method === 'aggregate') {
    const described = await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${source}`);
    const minimums = described.getRows().map((row) => `min("${row[0]}")`);
    return () => connection.run(`SELECT ${minimums.join(', ')} FROM ${source}`);
  }
  if (method === 'stream') return () => drain(connection, `SELECT * FROM ${source}`);
  if (method === 'temp-table') {
    return () => connection.run(`CREATE TEMP TABLE t AS SELECT * FROM ${source}`);
  }
  throw new Error(`unknown --method ${method}: aggregate, stream or temp-table`);
}

async function countRows(connection, source) {
  const reader = await connection.runAndReadAll(`SELECT count(*)::BIGINT FROM ${source}`);
  return Number(reader.getRows()[0][0]);
}

const { mode, files, options } = parseArgs(process.argv.slice(2));
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
await connection.run(`SET threads=${options.threads}`);

let rows;
let seconds;
let cpuSeconds;
// User + system CPU time of the whole process (DuckDB's threads included), in seconds.
const cpuNow = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
};
if (mode === 'read-parquet' || mode === 'read-csv') {
  const source =
    mode === 'read-parquet' ? `read_parquet(${quote(files[0])})` : `read_csv(${quote(files[0])})`;
  const statement = await readStatement(connection, source, options.method);
  const cpuStart = cpuNow();
  const start = process.hrtime.bigint();
  await statement();
  seconds = Number(process.hrtime.bigint() - start) / 1e9;
  cpuSeconds = cpuNow() - cpuStart;
  rows = await countRows(connection, source);  // after timing: a CSV count is a full scan
} else if (mode === 'write-parquet') {
  await connection.run(`CREATE TABLE input AS SELECT * FROM read_parquet(${quote(files[0])})`);
  const counted = await connection.runAndReadAll('SELECT count(*)::BIGINT FROM input');
  rows = Number(counted.getRows()[0][0]);
  const cpuStart = cpuNow();
  const start = process.hrtime.bigint();
  await connection.run(`COPY input TO ${quote(files[1])} (FORMAT parquet, COMPRESSION snappy)`);
  seconds = Number(process.hrtime.bigint() - start) / 1e9;
  cpuSeconds = cpuNow() - cpuStart;
} else {
  console.error('usage: duckdb_bench.mjs read-parquet|write-parquet|read-csv FILE [OUTPUT]');
  process.exit(2);
}

console.log(JSON.stringify({
  engine: 'duckdb',
  mode,
  method: mode === 'write-parquet' ? 'copy' : options.method,
  rows,
  seconds,
  cpu_seconds: cpuSeconds,
  // maxRSS is in KiB and includes Node.js itself (about 50 MB).
  peak_rss_bytes: process.resourceUsage().maxRSS * 1024,
}));
