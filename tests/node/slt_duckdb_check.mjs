// Checks the expected results of sqllogictest files (tests/sql/**/*.test) against DuckDB, an
// independent engine: every `statement` and `query` record runs on DuckDB (records after
// `skipif duckdb` or `onlyif basin` are left out), and each query's result, formatted the way
// basin_slt formats values (I, R with 3 decimals, T; NULL, (empty)), is compared with the
// file. Used while writing test files, so no expectation comes from Basin's own output.
//
//   node slt_duckdb_check.mjs FILE.test…      # prints mismatches; exit code 1 if any
//   node slt_duckdb_check.mjs --print FILE    # prints DuckDB's results for every query
// `N values hashing to H` lines are checked as basin_slt does (MD5 of each value and a newline).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

function Format(value, letter) {
  if (value === null || value === undefined) return 'NULL';
  if (letter === 'I' || letter === 'R') {
    let text = typeof value === 'object' ? value.toString() : String(value);
    if (typeof value === 'boolean') return String(value);
    const number = Number(text);
    if (!Number.isNaN(number) && text.trim() !== '') {
      if (letter === 'R') {
        const fixed = number.toFixed(3);
        return fixed === '-0.000' ? '0.000' : fixed;
      }
      if (/^-?\d+$/.test(text)) return text;
      const cut = text.split('.')[0];
      return cut === '-0' ? '0' : cut;
    }
    return text;
  }
  const text = typeof value === 'object' ? value.toString() : String(value);
  return text === '' ? '(empty)' : text;
}

function ParseRecords(text) {
  const lines = text.split('\n').map((line) => line.replace(/[\r \t]+$/, ''));
  const records = [];
  let skip = false;
  for (let i = 0; i < lines.length;) {
    const line = lines[i];
    if (line === '' || line.startsWith('#')) { ++i; continue; }
    const words = line.split(/\s+/);
    if (words[0] === 'halt') break;
    if (words[0] === 'skipif') { skip = words[1] === 'duckdb'; ++i; continue; }
    if (words[0] === 'onlyif') { skip = words[1] !== 'duckdb'; ++i; continue; }
    if (words[0] === 'hash-threshold') { ++i; continue; }
    const start = i;
    ++i;
    const sql = [];
    while (i < lines.length && lines[i] !== '' && lines[i] !== '----') sql.push(lines[i++]);
    const expected = [];
    if (lines[i] === '----') {
      ++i;
      while (i < lines.length && lines[i] !== '') expected.push(lines[i++]);
    }
    if (!skip) records.push({ line: start + 1, head: words, sql: sql.join('\n'), expected });
    skip = false;
  }
  return records;
}

function Matches(expected, rows, sort) {
  let values = rows.flat();
  if (sort === 'valuesort') values = [...values].sort();
  const hashed = expected.length === 1 && expected[0].match(/^(\d+) values hashing to ([0-9a-f]{32})$/);
  if (hashed) {
    const md5 = createHash('md5');
    for (const value of values) md5.update(value + '\n');
    return Number(hashed[1]) === values.length && md5.digest('hex') === hashed[2];
  }
  const sortValues = (list) => (sort === 'valuesort' ? [...list].sort() : list);
  if (JSON.stringify(sortValues(expected)) === JSON.stringify(sortValues(values))) return true;
  for (const separator of ['\t', ' ']) {
    let actual = rows.map((row) => row.join(separator));
    let wanted = [...expected];
    if (sort === 'rowsort') { actual = actual.sort(); wanted = wanted.sort(); }
    if (JSON.stringify(actual) === JSON.stringify(wanted)) return true;
  }
  if (sort === 'rowsort' && rows.length > 0) {
    const width = rows[0].length;
    const grouped = [];
    for (let i = 0; i + width <= expected.length; i += width) grouped.push(expected.slice(i, i + width));
    const key = (list) => JSON.stringify(list.map((row) => row.join('\u0001')).sort());
    if (expected.length === values.length && key(grouped) === key(rows)) return true;
  }
  return false;
}

const args = process.argv.slice(2);
const print = args[0] === '--print';
const files = print ? args.slice(1) : args;
let failures = 0;
for (const file of files) {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  for (const record of ParseRecords(readFileSync(file, 'utf8'))) {
    const kind = record.head[0];
    let result = null;
    let error = null;
    try {
      result = await connection.runAndReadAll(record.sql);
    } catch (e) {
      error = e;
    }
    const where = `${file}:${record.line}`;
    if (kind === 'statement') {
      const wantError = record.head[1] === 'error';
      if (wantError !== (error !== null)) {
        ++failures;
        console.log(`${where}: statement ${record.head[1]} but DuckDB ${error ? 'failed: ' + error.message : 'succeeded'}\n  ${record.sql}`);
      }
      continue;
    }
    if (error) {
      ++failures;
      console.log(`${where}: DuckDB failed: ${error.message}\n  ${record.sql}`);
      continue;
    }
    const letters = record.head[1];
    const sort = record.head[2] ?? 'nosort';
    let rows = result.getRows().map((row) => row.map((value, c) => Format(value, letters[c])));
    if (sort === 'rowsort') rows = rows.sort((a, b) => (a.join('\u0001') < b.join('\u0001') ? -1 : 1));
    if (result.columnCount !== letters.length) {
      ++failures;
      console.log(`${where}: the record declares ${letters.length} columns, DuckDB gives ${result.columnCount}\n  ${record.sql}`);
      continue;
    }
    if (print) {
      console.log(`${where}: ${record.sql}\n${rows.map((r) => r.join('\t')).join('\n')}\n`);
      continue;
    }
    if (!Matches(record.expected, rows, sort)) {
      ++failures;
      console.log(`${where}: mismatch\n  ${record.sql}\n  expected:\n    ${record.expected.join('\n    ')}\n  DuckDB:\n    ${rows.map((r) => r.join('\t')).join('\n    ')}`);
    }
  }
}
process.exit(failures === 0 ? 0 : 1);
