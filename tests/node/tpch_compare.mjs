// Runs TPC-H query files on Basin and on DuckDB (the oracle) over the same Parquet files and
// compares the results in canonical form (tpch_canonical.mjs). One line per query:
//   q01 ok (4 rows; basin 0.21 s, duckdb 0.05 s)
//   q02 FAIL 41 rows expected, 40 returned: row 17: expected … | actual …
//   q03 ERROR exit 3: <Basin's first error line>
// then a summary line; the exit status is 1 when any query did not match.
//
//   node tpch_compare.mjs --data DIR (--basin BIN --home DIR [--database DB] | --actual-dir DIR)
//        [--queries DIR] [--only q01,q05] [--timeout SECONDS] [--budget SECONDS] [--save DIR]
//        [--threads N]
//
// --timeout bounds one Basin run (default 120 s); --budget the whole comparison: queries not
// started within it are reported as not run (and count as failures). --threads sets DuckDB's
// threads (default: all cores). --actual-dir takes each query's result from DIR/<query>.csv
// (Basin's CSV form) instead of running Basin: how the comparison is checked on known
// results. --save keeps Basin's CSV and both canonical texts of every query that failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CanonicalCsvRows, CompareRows, OrderKeyOf, RunOracle } from './tpch_canonical.mjs';
import { OpenTpch } from './tpch_oracle.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const options = {
  data: null, basin: process.env.BASIN ?? null, home: null, database: 'tpch', actualDir: null,
  queries: join(here, '..', 'tpch', 'queries'), only: null, timeout: 120, save: null,
  threads: null, budget: Infinity,
};
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; ++i) {
  const value = () => argv[++i];
  switch (argv[i]) {
    case '--data': options.data = value(); break;
    case '--basin': options.basin = value(); break;
    case '--home': options.home = value(); break;
    case '--database': options.database = value(); break;
    case '--actual-dir': options.actualDir = value(); break;
    case '--queries': options.queries = value(); break;
    case '--only': options.only = value().split(','); break;
    case '--timeout': options.timeout = Number(value()); break;
    case '--save': options.save = value(); break;
    case '--threads': options.threads = value(); break;
    case '--budget': options.budget = Number(value()); break;
    default: console.error(`tpch_compare: unknown argument ${argv[i]}`); process.exit(2);
  }
}
if (!options.data || (!options.actualDir && !(options.basin && options.home))) {
  console.error('usage: node tpch_compare.mjs --data DIR (--basin BIN --home DIR | ' +
    '--actual-dir DIR) [--queries DIR] [--only q01,…] [--timeout S] [--save DIR]');
  process.exit(2);
}

// Basin's CSV result for one query file: { csv } or { error }.
function RunBasin(file, timeout) {
  const started = process.hrtime.bigint();
  const run = spawnSync(options.basin, ['--home', options.home, 'sql', '--database',
    options.database, '--output', 'csv', '-f', file], {
    encoding: 'utf8', timeout: timeout * 1000, maxBuffer: 1 << 30,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (run.error?.code === 'ETIMEDOUT') {
    return { error: `TIMEOUT after ${timeout.toFixed(0)} s`, seconds };
  }
  if (run.error) return { error: `ERROR ${run.error.message}`, seconds };
  if (run.status !== 0 || run.signal) {
    const firstLine = (run.stderr || run.stdout || '').trim().split('\n').slice(0, 3).join(' / ');
    const how = run.signal ? `signal ${run.signal}` : `exit ${run.status}`;
    return { error: `ERROR ${how}: ${firstLine}`, seconds };
  }
  return { csv: run.stdout, seconds };
}

function ActualCsv(name) {
  const path = join(options.actualDir, `${name}.csv`);
  if (!existsSync(path)) return { error: `ERROR no ${path}`, seconds: 0 };
  return { csv: readFileSync(path, 'utf8'), seconds: 0 };
}

const files = readdirSync(options.queries).filter((f) => /^q\d+\.sql$/.test(f)).sort()
  .filter((f) => !options.only || options.only.includes(basename(f, '.sql')));
if (files.length === 0) { console.error('tpch_compare: no query files'); process.exit(2); }
const { connection } = await OpenTpch(options.data, options.threads);
let passed = 0;
const started = process.hrtime.bigint();
for (const file of files) {
  const name = basename(file, '.sql');
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  if (elapsed > options.budget) {
    console.log(`${name} NOT RUN: the time budget of ${options.budget} s is spent`);
    continue;
  }
  const path = join(options.queries, file);
  const sql = readFileSync(path, 'utf8');
  const oracleStarted = process.hrtime.bigint();
  const expected = await RunOracle(connection, sql);
  const oracleSeconds = Number(process.hrtime.bigint() - oracleStarted) / 1e9;
  const timeout = Math.max(1, Math.min(options.timeout, options.budget - elapsed));
  const actual = options.actualDir ? ActualCsv(name) : RunBasin(path, timeout);
  let verdict;
  let actualRows = null;
  if (actual.error) {
    verdict = actual.error;
  } else {
    try {
      actualRows = CanonicalCsvRows(actual.csv, expected.kinds);
      const difference = CompareRows(expected.rows, actualRows, expected.kinds,
        OrderKeyOf(sql, expected.names));
      verdict = difference ? `FAIL ${difference.message}` : null;
    } catch (error) {
      verdict = `FAIL unreadable result: ${error.message}`;
    }
  }
  if (verdict === null) {
    ++passed;
    console.log(`${name} ok (${expected.rows.length} rows; basin ${actual.seconds.toFixed(2)} s, ` +
      `duckdb ${oracleSeconds.toFixed(2)} s)`);
    continue;
  }
  const shown = verdict.length > 600 ? `${verdict.slice(0, 600)}…` : verdict;
  console.log(`${name} ${shown}`);
  if (options.save) {
    mkdirSync(options.save, { recursive: true });
    const text = (rows) => rows.map((row) => `${row.join('\t')}\n`).join('');
    writeFileSync(join(options.save, `${name}.expected.txt`), text(expected.rows));
    if (actual.csv !== undefined) {
      writeFileSync(join(options.save, `${name}.basin.csv`), actual.csv);
    }
    if (actualRows) writeFileSync(join(options.save, `${name}.actual.txt`), text(actualRows));
  }
}
console.log(`tpch: ${passed}/${files.length} queries match DuckDB`);
process.exit(passed === files.length ? 0 : 1);
