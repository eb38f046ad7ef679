// Runs the 22 TPC-H queries on Basin and on DuckDB over the same Parquet files and prints
// per-query times (best of N after one warm-up run each), Basin/DuckDB ratios and the total
// ratio. Called by run.sh, which prepares the data and the Basin home; see bench/README.md.
//
//   node tpch_bench.mjs --basin BIN --home DIR --data DIR [--database tpch] [--reps 3]
//                       [--threads 2] [--queries q01,q05] [--timeout 600] [--sf LABEL]
//
// Basin: each run is one `basin sql -f qNN.sql --output csv` process; its time is the one
// Basin reports on stderr for the statement (`(N rows, S s, …)`: parsing, planning, execution),
// so that process start-up and opening the catalog do not count, as DuckDB's do not; the whole
// process time is shown too. DuckDB: one in-process connection (`SET threads = N`, a view per
// table over the Parquet files), each run materializing the whole result. The engines
// alternate. Every Basin result is also
// compared with DuckDB's (tests/node/tpch_canonical.mjs): a query whose result differs is
// marked, and is not counted in the total.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CanonicalCsvRows, CompareRows, OrderKeyOf, RunOracle,
} from '../../tests/node/tpch_canonical.mjs';
import { OpenTpch } from '../../tests/node/tpch_oracle.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const queriesDir = join(here, '..', '..', 'tests', 'tpch', 'queries');

function ParseArguments(argv) {
  const options = { basin: null, home: null, data: null, database: 'tpch', reps: 3, threads: 2,
    queries: null, timeout: 600, sf: '?' };
  for (let i = 0; i < argv.length; ++i) {
    const value = () => argv[++i];
    switch (argv[i]) {
      case '--basin': options.basin = value(); break;
      case '--home': options.home = value(); break;
      case '--data': options.data = value(); break;
      case '--database': options.database = value(); break;
      case '--reps': options.reps = Number(value()); break;
      case '--threads': options.threads = Number(value()); break;
      case '--queries': options.queries = value().split(','); break;
      case '--timeout': options.timeout = Number(value()); break;
      case '--sf': options.sf = value(); break;
      default: console.error(`tpch_bench: unknown argument ${argv[i]}`); process.exit(2);
    }
  }
  if (!options.basin || !options.home || !options.data) {
    console.error('usage: node tpch_bench.mjs --basin BIN --home DIR --data DIR [--reps 3] …');
    process.exit(2);
  }
  return options;
}

const options = ParseArguments(process.argv.slice(2));
const Seconds = (start) => Number(process.hrtime.bigint() - start) / 1e9;

function RunBasin(file) {
  const start = process.hrtime.bigint();
  const run = spawnSync(options.basin, ['--home', options.home, 'sql', '--database',
    options.database, '--output', 'csv', '-f', file],
  { encoding: 'utf8', timeout: options.timeout * 1000, maxBuffer: 1 << 30 });
  const wall = Seconds(start);
  if (run.error || run.status !== 0) {
    const why = run.error ? run.error.message :
      `exit ${run.status}: ${(run.stderr || '').trim().split('\n')[0]}`;
    return { error: why.slice(0, 120) };
  }
  const reported = /\(\d+ rows?, ([0-9.]+) s\b/.exec(run.stderr ?? '');
  return { seconds: reported ? Number(reported[1]) : wall, process: wall, csv: run.stdout };
}

async function RunDuckDB(connection, sql) {
  const start = process.hrtime.bigint();
  await connection.runAndReadAll(sql);
  return { seconds: Seconds(start) };
}

const files = readdirSync(queriesDir).filter((f) => /^q\d+\.sql$/.test(f)).sort()
  .filter((f) => !options.queries || options.queries.includes(basename(f, '.sql')));
const { connection } = await OpenTpch(options.data, options.threads);
const loadBefore = os.loadavg()[0];
const rows = [];
for (const file of files) {
  const name = basename(file, '.sql');
  const path = join(queriesDir, file);
  const sql = readFileSync(path, 'utf8');
  const best = { basin: Infinity, duckdb: Infinity, process: Infinity };
  let error = null;
  let basinCsv = null;
  for (let rep = -1; rep < options.reps; ++rep) {  // rep -1: the warm-up run
    if (!error) {
      const basin = RunBasin(path);
      if (basin.error) error = basin.error;
      else if (rep >= 0) {
        best.basin = Math.min(best.basin, basin.seconds);
        best.process = Math.min(best.process, basin.process);
      }
      basinCsv ??= basin.csv;
    }
    const duck = await RunDuckDB(connection, sql);
    if (rep >= 0) best.duckdb = Math.min(best.duckdb, duck.seconds);
  }
  let note = error ?? '';
  if (!error) {
    const expected = await RunOracle(connection, sql);
    try {
      const difference = CompareRows(expected.rows, CanonicalCsvRows(basinCsv, expected.kinds),
        expected.kinds, OrderKeyOf(sql, expected.names));
      if (difference) note = `RESULT DIFFERS (${difference.message.slice(0, 80)})`;
    } catch (e) {
      note = `RESULT UNREADABLE (${e.message.slice(0, 80)})`;
    }
  }
  const ok = !error && note === '';
  rows.push({ name, basin: error ? null : best.basin, process: error ? null : best.process,
    duckdb: best.duckdb, ok, note });
  const ratio = error ? '—' : (best.basin / best.duckdb).toFixed(2);
  process.stderr.write(`${name}: basin ${error ? 'failed' : `${best.basin.toFixed(3)} s`}, ` +
    `duckdb ${best.duckdb.toFixed(3)} s, ratio ${ratio}${note ? ` — ${note}` : ''}\n`);
}

// The table.
const counted = rows.filter((r) => r.ok);
const total = {
  basin: counted.reduce((s, r) => s + r.basin, 0),
  duckdb: counted.reduce((s, r) => s + r.duckdb, 0),
};
const totalRatio = counted.length ? total.basin / total.duckdb : NaN;
const Ratio = (r) => r.basin / r.duckdb;
const worst = counted.reduce((w, r) => (!w || Ratio(r) > Ratio(w) ? r : w), null);
const cell = (value, digits) => (value === null ? '—' : value.toFixed(digits));
console.log(`machine: ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'unknown CPU'}, ` +
  `load ${loadBefore.toFixed(1)} before / ${os.loadavg()[0].toFixed(1)} after; ` +
  `best of ${options.reps} after a warm-up; DuckDB threads = ${options.threads}`);
console.log('| query | Basin s | DuckDB s | Basin/DuckDB | Basin process s | note |');
console.log('|---|---:|---:|---:|---:|---|');
for (const r of rows) {
  const ratio = r.basin === null ? '—' : (r.basin / r.duckdb).toFixed(2);
  console.log(`| ${r.name} | ${cell(r.basin, 3)} | ${cell(r.duckdb, 3)} | ${ratio} | ` +
    `${cell(r.process, 3)} | ${r.note} |`);
}
console.log(`| total (${counted.length} of ${rows.length} with equal results) | ` +
  `${total.basin.toFixed(3)} | ${total.duckdb.toFixed(3)} | ` +
  `${Number.isNaN(totalRatio) ? '—' : totalRatio.toFixed(2)} | | |`);
// The summary line for bench/RESULTS.md.
const worstText = worst ? `, worst ${worst.name} ${(worst.basin / worst.duckdb).toFixed(2)}` : '';
console.log(`\nRESULTS.md: TPC-H SF ${options.sf}, ${new Date().toISOString().slice(0, 10)}, ` +
  `${os.cpus().length} cores: total Basin/DuckDB ` +
  `${Number.isNaN(totalRatio) ? '—' : totalRatio.toFixed(2)} over ${counted.length} of ` +
  `${rows.length} queries${worstText}; ${rows.length - counted.length} failed or differ.`);
