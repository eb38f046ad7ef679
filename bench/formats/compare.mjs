// Runs the format benchmark cases for Basin (format_bench) and DuckDB (duckdb_bench.mjs),
// alternating engines, and prints median times, Basin/DuckDB ratios and peak memory.
// Called by run.sh, which prepares the data; see bench/README.md.
//
//   node compare.mjs --parquet FILE --csv FILE --basin-bench PATH [--reps 5] [--threads 2]
//                    [--cases read-parquet,write-parquet,read-csv] [--markdown]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

function parseArgs(argv) {
  const options = {
    reps: 5,
    threads: 2,
    cases: 'read-parquet,write-parquet,read-csv',
    markdown: false,
  };
  for (let i = 0; i < argv.length; ++i) {
    const name = argv[i].replace(/^--/, '');
    if (name === 'markdown') options.markdown = true;
    else options[name.replace(/-([a-z])/g, (_, c) => c.toUpperCase())] = argv[++i];
  }
  options.reps = Number(options.reps);
  return options;
}

const options = parseArgs(process.argv.slice(2));
const lineitemParquet = options.parquet;
const lineitemCsv = options.csv;
const scratch = fs.mkdtempSync(path.join(path.dirname(lineitemParquet), 'out-'));

// The command line of one case for one engine; write cases get a fresh output path.
function command(engine, kind, rep) {
  const input = kind === 'read-csv' ? lineitemCsv : lineitemParquet;
  const args = [kind, input];
  if (kind === 'write-parquet') args.push(path.join(scratch, `${engine}-${rep}.parquet`));
  if (engine === 'basin') return [options.basinBench, args];
  return [process.execPath, [path.join(here, 'duckdb_bench.mjs'), ...args,
                              '--threads', String(options.threads)]];
}

function runOnce(engine, kind, rep) {
  const [program, args] = command(engine, kind, rep);
  const output = execFileSync(program, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const result = JSON.parse(output.trim().split('\n').pop());
  if (kind === 'write-parquet') {
    const written = args.find((a) => a.startsWith(scratch));
    result.output_bytes = fs.statSync(written).size;
    fs.rmSync(written);
  }
  return result;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function describeError(error) {
  const text = (error.stderr || error.message || String(error)).toString().trim();
  return text.split('\n')[0].slice(0, 160);
}

const loadBefore = os.loadavg()[0];
const results = [];
for (const kind of options.cases.split(',')) {
  const runs = { basin: [], duckdb: [] };
  const errors = {};
  // One untimed warm-up each (page cache, lazy initialisation), then alternate engines.
  for (let rep = -1; rep < options.reps; ++rep) {
    for (const engine of ['basin', 'duckdb']) {
      if (errors[engine]) continue;
      try {
        const result = runOnce(engine, kind, rep);
        if (rep >= 0) runs[engine].push(result);
      } catch (error) {
        errors[engine] = describeError(error);
      }
    }
  }
  const summary = { kind, errors };
  for (const engine of ['basin', 'duckdb']) {
    if (errors[engine]) continue;
    summary[engine] = {
      seconds: median(runs[engine].map((r) => r.seconds)),
      cpu_seconds: median(runs[engine].map((r) => r.cpu_seconds)),
      peak_rss_bytes: median(runs[engine].map((r) => r.peak_rss_bytes)),
      rows: runs[engine][0].rows,
      output_bytes: runs[engine][0].output_bytes,
    };
  }
  if (summary.basin && summary.duckdb) {
    summary.ratio = summary.basin.seconds / summary.duckdb.seconds;
    summary.cpu_ratio = summary.basin.cpu_seconds / summary.duckdb.cpu_seconds;
    summary.memory_ratio = summary.basin.peak_rss_bytes / summary.duckdb.peak_rss_bytes;
    if (summary.basin.rows !== summary.duckdb.rows) {
      summary.errors.rows = `row counts differ: Basin ${summary.basin.rows}, DuckDB ${summary.duckdb.rows}`;
    }
  }
  results.push(summary);
}
fs.rmSync(scratch, { recursive: true, force: true });

const mb = (bytes) => (bytes / (1 << 20)).toFixed(0);
const verdict = (ratio) => (ratio <= 1.0 ? 'goal met' : ratio <= 1.5 ? 'target met' : 'over target');
const header = ['case', 'Basin s', 'DuckDB s', 'Basin/DuckDB', 'verdict', 'CPU ratio',
                'Basin peak MB', 'DuckDB peak MB', 'notes'];
const table = results.map((r) => {
  const notes = Object.entries(r.errors).map(([who, text]) => `${who}: ${text}`);
  if (r.basin?.output_bytes && r.duckdb?.output_bytes) {
    notes.push(`file size ratio ${(r.basin.output_bytes / r.duckdb.output_bytes).toFixed(2)}`);
  }
  return [
    r.kind,
    r.basin ? r.basin.seconds.toFixed(3) : 'n/a',
    r.duckdb ? r.duckdb.seconds.toFixed(3) : 'n/a',
    r.ratio !== undefined ? r.ratio.toFixed(2) : 'n/a',
    r.ratio !== undefined ? verdict(r.ratio) : '',
    r.cpu_ratio !== undefined ? r.cpu_ratio.toFixed(2) : 'n/a',
    r.basin ? mb(r.basin.peak_rss_bytes) : 'n/a',
    r.duckdb ? mb(r.duckdb.peak_rss_bytes) : 'n/a',
    notes.join('; '),
  ];
});

const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
const line = (row) => row.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd();
// Other work on the machine skews both engines; the 1-minute load average says how much.
const load = `load average ${loadBefore.toFixed(1)} before, ${os.loadavg()[0].toFixed(1)} after`;
console.log(`TPC-H lineitem, ${options.reps} repetitions (median), DuckDB threads=${options.threads}, ` +
            `${os.cpus().length} cores, ${load}`);
console.log(line(header));
console.log(line(widths.map((w) => '-'.repeat(w))));
for (const row of table) console.log(line(row));

if (options.markdown) {
  // For bench/RESULTS.md: ratios and memory only, no absolute times.
  console.log('\n| case | Basin/DuckDB time | verdict | Basin/DuckDB CPU time | Basin peak RSS | ' +
              'DuckDB peak RSS | notes |');
  console.log('|---|---|---|---|---|---|---|');
  for (const row of table) {
    console.log(`| ${row[0]} | ${row[3]} | ${row[4]} | ${row[5]} | ${row[6]} MB | ${row[7]} MB | ` +
                `${row[8]} |`);
  }
}
