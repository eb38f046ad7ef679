// The random differential test of the SQL engine: small generated tables with NULLs (ints,
// doubles, decimals, strings, dates) written as Parquet, and random queries over them
// (filters with AND / OR / NOT / IS NULL / comparisons / BETWEEN / IN / LIKE and IN / EXISTS /
// scalar subqueries, inner / left / right / full joins on keys with extra ON conditions,
// GROUP BY with count / sum / min / max / avg, HAVING, DISTINCT, ORDER BY every output column,
// OFFSET, LIMIT), each run on Basin (`basin sql --output json`) and on DuckDB, the results
// compared in canonical form (tpch_canonical.mjs). Everything follows from the seed.
//
//   node differential.mjs --basin BIN [--seed N] [--queries N] [--budget SECONDS]
//                         [--only I] [--work DIR] [--output json|csv] [--report N]
//                         [--self-check] [--print]
//
// Basin's results are read as JSON by default: its CSV writes an empty string and a NULL the
// same way (an empty field), and the tables hold both.
//
// Only SQL whose meaning Trino and DuckDB share is generated: no integer division, no
// implicit string/number conversions, NULL order explicit or the default both share (NULLS
// LAST), strings compared by bytes, no avg in scalar subqueries (Trino's avg of a decimal is
// rounded to its scale), values small enough never to overflow. --self-check runs the "actual" side on a
// second DuckDB instance (one thread) instead of Basin, to check the harness itself; --print
// only prints the generated SQL. A mismatch prints the seed, the query's number and its SQL
// (the first --report of them, default 25); the last lines count the mismatches by cause.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { CanonicalBasinRows, CompareRows, RunOracle } from './tpch_canonical.mjs';
import { ResultAsCsv } from './tpch_oracle.mjs';

// ---- the random stream: a 32-bit counter through a mixing function, our own ---------------

function Mix32(value) {
  let z = value >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

class Random {
  // The seed is mixed first: seeds s and s+1 must not give the same stream one step apart.
  constructor(seed) { this.state = Mix32(Mix32(seed) ^ 0x5bd1e995); }
  Next() {  // uniform in [0, 2^32)
    this.state = (this.state + 0x9e3779b9) >>> 0;
    return Mix32(this.state);
  }
  Int(lo, hi) { return lo + (this.Next() % (hi - lo + 1)); }  // inclusive
  Chance(p) { return this.Next() / 4294967296 < p; }
  Pick(list) { return list[this.Next() % list.length]; }
}

// ---- tables --------------------------------------------------------------------------------

const kWords = ['apple', 'Apple', 'banana', 'cherry', '', 'date', 'fig', 'grape', 'kiwi',
  'lemon', 'a b', 'Zed', "o'brien", 'café', 'apple pie', 'x,y', 'quote"d'];

// Column types: the Hive name (DDL), the DuckDB name, and how a random value is written.
const kTypes = {
  int: { hive: 'int', duck: 'INTEGER' },
  bigint: { hive: 'bigint', duck: 'BIGINT' },
  double: { hive: 'double', duck: 'DOUBLE' },
  decimal: { hive: 'decimal(10,2)', duck: 'DECIMAL(10,2)' },
  decimal3: { hive: 'decimal(12,3)', duck: 'DECIMAL(12,3)' },
  string: { hive: 'string', duck: 'VARCHAR' },
  date: { hive: 'date', duck: 'DATE' },
};
const Numeric = (type) => ['int', 'bigint', 'double', 'decimal', 'decimal3'].includes(type);
const Family = (type) => (Numeric(type) ? 'number' : type);

const Quote = (text) => `'${text.replaceAll("'", "''")}'`;
function DateText(days) {  // days after 1990-01-01
  return new Date(Date.UTC(1990, 0, 1) + days * 86400000).toISOString().slice(0, 10);
}

// A literal of `type` near the values the tables hold (sometimes outside them).
function Literal(rng, type) {
  switch (type) {
    case 'int': return String(rng.Int(-5, 30));
    case 'bigint': return String(rng.Int(-1100, 1100));
    case 'double': return `${rng.Int(-600, 600)}.${rng.Pick(['0', '5', '25'])}e0`;
    case 'decimal': return `${rng.Int(-300, 300)}.${String(rng.Int(0, 99)).padStart(2, '0')}`;
    case 'decimal3': return `${rng.Int(-50, 50)}.${String(rng.Int(0, 999)).padStart(3, '0')}`;
    case 'string': return Quote(rng.Pick(kWords));
    case 'date': return `DATE '${DateText(rng.Int(-30, 4000))}'`;
    default: throw new Error(type);
  }
}

// A stored value (SQL text for a VALUES row), NULL with probability `nulls`.
function StoredValue(rng, type, nulls) {
  if (rng.Chance(nulls)) return 'NULL';
  switch (type) {
    case 'double': return `${rng.Int(-500, 500)}.${rng.Pick(['0', '5', '25', '125', '75'])}e0`;
    case 'date': return `DATE '${DateText(rng.Int(0, 3650))}'`;
    default: return Literal(rng, type);
  }
}

// The three tables: a fact table t1, a smaller t2 sharing the key k, a dimension t3.
function TableSpecs() {
  return [
    { name: 't1', rows: 2500, columns: [
      ['id', 'int', 0], ['k', 'int', 0.1], ['a', 'bigint', 0.1], ['d', 'double', 0.1],
      ['m', 'decimal', 0.1], ['s', 'string', 0.1], ['dt', 'date', 0.1]] },
    { name: 't2', rows: 300, columns: [
      ['id', 'int', 0], ['k', 'int', 0.1], ['n', 'int', 0.15], ['e', 'double', 0.1],
      ['p', 'decimal3', 0.1], ['u', 'string', 0.1], ['dt2', 'date', 0.1]] },
    { name: 't3', rows: 15, columns: [
      ['k', 'int', 0], ['name', 'string', 0.2], ['w', 'decimal', 0.2]] },
  ];
}

function RowValues(rng, table, row) {
  return table.columns.map(([name, type, nulls]) => {
    if (name === 'id') return String(row + 1);
    if (table.name === 't3' && name === 'k') return row === 14 ? 'NULL' : String(row);
    if (name === 'k') {
      return rng.Chance(nulls) ? 'NULL' : String(rng.Int(0, table.name === 't1' ? 9 : 12));
    }
    if (name === 'n') return rng.Chance(nulls) ? 'NULL' : String(rng.Int(-50, 50));
    return StoredValue(rng, type, nulls);
  });
}

async function WriteTables(connection, rng, dir) {
  const tables = TableSpecs();
  for (const table of tables) {
    const columns = table.columns.map(([name, type]) => `${name} ${kTypes[type].duck}`);
    await connection.run(`CREATE TABLE ${table.name} (${columns.join(', ')})`);
    const rows = [];
    for (let r = 0; r < table.rows; ++r) rows.push(`(${RowValues(rng, table, r).join(', ')})`);
    await connection.run(`INSERT INTO ${table.name} VALUES ${rows.join(', ')}`);
    mkdirSync(join(dir, table.name), { recursive: true });
    // Several row groups, so scans see more than one.
    await connection.run(`COPY ${table.name} TO ${Quote(join(dir, table.name, 'data.parquet'))} ` +
      '(FORMAT parquet, ROW_GROUP_SIZE 1000)');
  }
  return tables;
}

// ---- queries -------------------------------------------------------------------------------

const ColumnsOf = (table, alias) =>
  table.columns.map(([name, type]) => ({ ref: `${alias}.${name}`, type }));

// A subquery predicate on an outer integer column: [NOT] IN (SELECT …), [NOT] EXISTS with a
// correlation, or a comparison with a (correlated) scalar min / max. The inner table is t2 or
// t3 under an alias of its own; its filter has no subqueries.
function SubqueryPredicate(rng, outer) {
  const ints = outer.filter((c) => c.type === 'int');
  const column = rng.Pick(ints.length ? ints : outer);
  const [, t2, t3] = TableSpecs();
  const inner = rng.Pick([t2, t3]);
  const alias = 'sq';
  const innerColumns = ColumnsOf(inner, alias);
  const filter = rng.Chance(0.6) ? ` AND ${Predicate(rng, innerColumns, 1, false)}` : '';
  const kind = rng.Int(0, 99);
  if (column.type === 'int' && kind < 40) {
    const selected = rng.Pick(inner.name === 't2' ? ['k', 'n', 'id'] : ['k']);
    return `${column.ref} ${rng.Chance(0.35) ? 'NOT ' : ''}IN (SELECT ${alias}.${selected} ` +
      `FROM ${inner.name} ${alias} WHERE TRUE${filter})`;
  }
  if (column.type === 'int' && kind < 75) {
    return `${rng.Chance(0.35) ? 'NOT ' : ''}EXISTS (SELECT 1 FROM ${inner.name} ${alias} ` +
      `WHERE ${alias}.k = ${column.ref}${filter})`;
  }
  // A scalar subquery: min / max are exact in both engines (avg of a decimal is not).
  const numbers = innerColumns.filter((c) => Numeric(c.type) &&
    Family(c.type) === Family(column.type));
  const target = numbers.length ? rng.Pick(numbers) :
    innerColumns.find((c) => Family(c.type) === Family(column.type));
  if (!target) return `${column.ref} IS NOT NULL`;
  const correlated = column.type === 'int' && rng.Chance(0.5) ?
    ` AND ${alias}.k <= ${column.ref}` : '';
  return `${column.ref} ${rng.Pick(['<', '>=', '='])} (SELECT ${rng.Pick(['min', 'max'])}` +
    `(${target.ref}) FROM ${inner.name} ${alias} WHERE TRUE${correlated}${filter})`;
}

// A predicate over `columns` ({ ref, type }), `depth` levels of AND / OR / NOT at most.
function Predicate(rng, columns, depth, subqueries = true) {
  const roll = rng.Int(0, 99);
  if (depth > 0 && roll < 25) {
    const op = rng.Pick(['AND', 'OR']);
    const parts = [Predicate(rng, columns, depth - 1, subqueries),
      Predicate(rng, columns, depth - 1, subqueries)];
    if (rng.Chance(0.3)) parts.push(Predicate(rng, columns, depth - 1, subqueries));
    return `(${parts.join(` ${op} `)})`;
  }
  if (depth > 0 && roll < 32) return `NOT (${Predicate(rng, columns, depth - 1, subqueries)})`;
  if (subqueries && roll >= 88) return SubqueryPredicate(rng, columns);
  const column = rng.Pick(columns);
  const kind = rng.Int(0, 99);
  if (kind < 15) return `${column.ref} IS ${rng.Chance(0.5) ? 'NOT ' : ''}NULL`;
  if (kind < 27) {
    const [x, y] = [Literal(rng, column.type), Literal(rng, column.type)];
    return `${column.ref} ${rng.Chance(0.25) ? 'NOT ' : ''}BETWEEN ${x} AND ${y}`;
  }
  if (kind < 40) {
    const values = Array.from({ length: rng.Int(1, 4) }, () => Literal(rng, column.type));
    if (rng.Chance(0.15)) values.push('NULL');
    return `${column.ref} ${rng.Chance(0.25) ? 'NOT ' : ''}IN (${values.join(', ')})`;
  }
  if (kind < 48 && column.type === 'string') {
    const word = rng.Pick(kWords.filter((w) => !/[%_]/.test(w)));
    const pattern = rng.Pick([`${word.slice(0, 2)}%`, `%${word.slice(-2)}`, `%${word.slice(1, 3)}%`,
      `_${word.slice(1)}`]);
    return `${column.ref} ${rng.Chance(0.25) ? 'NOT ' : ''}LIKE ${Quote(pattern)}`;
  }
  const op = rng.Pick(['=', '<>', '<', '<=', '>', '>=']);
  const peers = columns.filter((c) => c !== column && Family(c.type) === Family(column.type));
  if (peers.length > 0 && rng.Chance(0.3)) return `${column.ref} ${op} ${rng.Pick(peers).ref}`;
  return `${column.ref} ${op} ${Literal(rng, column.type)}`;
}

// A value expression for the select list: a column, or a simple computation of one.
function ValueExpression(rng, columns) {
  const column = rng.Pick(columns);
  const ref = column.ref;
  if (rng.Chance(0.6)) return { sql: ref, type: column.type };
  switch (column.type) {
    case 'int': case 'bigint':
      return rng.Pick([
        { sql: `${ref} + ${rng.Int(1, 9)}`, type: column.type },
        { sql: `${ref} * ${rng.Int(2, 5)}`, type: column.type },
        { sql: `coalesce(${ref}, ${rng.Int(-3, 3)})`, type: column.type },
        { sql: `abs(${ref})`, type: column.type },
      ]);
    case 'double':
      return rng.Pick([{ sql: `${ref} * 2`, type: 'double' },
        { sql: `${ref} - 1.5e0`, type: 'double' }, { sql: `-${ref}`, type: 'double' }]);
    case 'decimal': case 'decimal3':
      return rng.Pick([{ sql: `${ref} * 3`, type: column.type },
        { sql: `${ref} + 1.25`, type: column.type },
        { sql: `coalesce(${ref}, 0)`, type: column.type }]);
    case 'string':
      return rng.Pick([{ sql: `lower(${ref})`, type: 'string' },
        { sql: `upper(${ref})`, type: 'string' }, { sql: `length(${ref})`, type: 'bigint' },
        { sql: `${ref} || '!'`, type: 'string' },
        { sql: `coalesce(${ref}, '-')`, type: 'string' }]);
    case 'date':
      return { sql: `CASE WHEN ${ref} < DATE '1995-01-01' THEN 'old' ` +
        `WHEN ${ref} IS NULL THEN 'none' ELSE 'new' END`, type: 'string' };
    default:
      return { sql: ref, type: column.type };
  }
}

function Aggregate(rng, columns) {
  const column = rng.Pick(columns);
  const numeric = columns.filter((c) => Numeric(c.type));
  const roll = rng.Int(0, 99);
  if (roll < 15) return 'count(*)';
  if (roll < 30) return `count(${column.ref})`;
  if (roll < 37) return `count(DISTINCT ${column.ref})`;
  if (roll < 52) return `min(${column.ref})`;
  if (roll < 67) return `max(${column.ref})`;
  if (numeric.length === 0) return 'count(*)';
  const number = rng.Pick(numeric);
  if (roll < 85) return `sum(${number.ref})`;
  return `avg(${number.ref})`;
}

function JoinKind(rng) {
  const roll = rng.Int(0, 99);
  return roll < 50 ? 'JOIN' : roll < 75 ? 'LEFT JOIN' : roll < 87 ? 'FULL JOIN' : 'RIGHT JOIN';
}

// ON a.k = b.k, sometimes with a further condition (on the right side or on both), which
// for outer joins is not the same as a WHERE.
function JoinCondition(rng, key, left, right) {
  if (!rng.Chance(0.3)) return key;
  return `${key} AND ${Predicate(rng, rng.Chance(0.6) ? right : [...left, ...right], 0, false)}`;
}

function FromClause(rng, tables) {
  const shape = rng.Int(0, 99);
  if (shape < 45) {
    const table = rng.Pick(tables);
    return { sql: `${table.name} x`, columns: ColumnsOf(table, 'x') };
  }
  const [t1, t2, t3] = tables;
  const [a, b, c] = [ColumnsOf(t1, 'a'), ColumnsOf(t2, 'b'), ColumnsOf(t3, 'c')];
  if (rng.Chance(0.15)) {
    return { sql: `t2 b ${JoinKind(rng)} t3 c ON ${JoinCondition(rng, 'b.k = c.k', b, c)}`,
      columns: [...b, ...c] };
  }
  let sql = `t1 a ${JoinKind(rng)} t2 b ON ${JoinCondition(rng, 'a.k = b.k', a, b)}`;
  let columns = [...a, ...b];
  if (rng.Chance(0.35)) {
    const key = `${rng.Pick(['a', 'b'])}.k = c.k`;
    const kind = rng.Chance(0.5) ? 'LEFT JOIN' : 'JOIN';
    sql += ` ${kind} t3 c ON ${JoinCondition(rng, key, columns, c)}`;
    columns = [...columns, ...c];
  }
  return { sql, columns };
}

function Query(rng, tables) {
  const from = FromClause(rng, tables);
  const where = rng.Chance(0.75) ? ` WHERE ${Predicate(rng, from.columns, rng.Int(0, 2))}` : '';
  const items = [];
  let groupBy = '';
  let having = '';
  const grouped = rng.Chance(0.45);
  if (grouped) {
    // Grouping keys: low-cardinality columns (keys, strings, dates, small ints).
    const keys = from.columns.filter((c) => /\.(k|s|u|name|n|dt)$/.test(c.ref));
    const count = rng.Chance(0.15) ? 0 : rng.Int(1, 2);
    const chosen = [];
    for (let i = 0; i < count; ++i) {
      const key = rng.Pick(keys);
      if (!chosen.includes(key)) chosen.push(key);
    }
    chosen.forEach((key) => items.push(key.ref));
    const aggregates = rng.Int(1, 3);
    for (let i = 0; i < aggregates; ++i) items.push(Aggregate(rng, from.columns));
    if (chosen.length > 0) groupBy = ` GROUP BY ${chosen.map((k) => k.ref).join(', ')}`;
    if (chosen.length > 0 && rng.Chance(0.25)) having = ` HAVING count(*) > ${rng.Int(0, 20)}`;
  } else {
    const count = rng.Int(1, 4);
    for (let i = 0; i < count; ++i) items.push(ValueExpression(rng, from.columns).sql);
  }
  const distinct = !grouped && rng.Chance(0.15) ? 'DISTINCT ' : '';
  const select = distinct + items.map((sql, i) => `${sql} AS c${i}`).join(', ');
  const order = items.map((_, i) => {
    const direction = rng.Pick(['', ' DESC', ' ASC']);
    const nulls = rng.Pick(['', ' NULLS FIRST', ' NULLS LAST']);
    return `c${i}${direction}${nulls}`;
  }).join(', ');
  // Joins without grouping always have a LIMIT: their results are large.
  const joinRows = from.sql.includes('JOIN') && !grouped;
  let limit = rng.Chance(0.6) ? ` LIMIT ${rng.Int(1, 50)}` :
    joinRows ? ` LIMIT ${rng.Int(51, 300)}` : '';
  if (limit && rng.Chance(0.2)) limit = ` OFFSET ${rng.Int(1, 20)}${limit}`;
  return `SELECT ${select} FROM ${from.sql}${where}${groupBy}${having} ORDER BY ${order}${limit}`;
}

// ---- running -------------------------------------------------------------------------------

function ParseArguments(argv) {
  const options = { basin: process.env.BASIN ?? null, seed: 1, queries: 200, budget: Infinity,
    only: null, work: null, selfCheck: false, print: false, output: 'json', report: 25,
    register: process.env.BASIN_TEST_REGISTER ?? 'ddl' };
  for (let i = 0; i < argv.length; ++i) {
    const value = () => argv[++i];
    switch (argv[i]) {
      case '--basin': options.basin = value(); break;
      case '--seed': options.seed = Number(value()); break;
      case '--queries': options.queries = Number(value()); break;
      case '--budget': options.budget = Number(value()); break;
      case '--only': options.only = Number(value()); break;
      case '--work': options.work = value(); break;
      case '--self-check': options.selfCheck = true; break;
      case '--output': options.output = value(); break;
      case '--report': options.report = Number(value()); break;
      case '--print': options.print = true; break;
      default: console.error(`differential: unknown argument ${argv[i]}`); process.exit(2);
    }
  }
  if (!options.basin && !options.selfCheck && !options.print) {
    console.error('differential: --basin BIN (or BASIN) is required unless --self-check / --print');
    process.exit(2);
  }
  return options;
}

function Basin(options, home, args) {
  return spawnSync(options.basin, ['--home', home, ...args],
    { encoding: 'utf8', timeout: 60000, maxBuffer: 1 << 30 });
}

function RegisterInBasin(options, home, dir, tables) {
  if (options.register === 'catalog') {
    const run = (args) => {
      const result = Basin(options, home, ['catalog', ...args]);
      if (result.status !== 0) throw new Error(`basin catalog ${args[0]}: ${result.stderr}`);
    };
    run(['create-database', 'diff']);
    for (const table of tables) {
      const columns = table.columns.map(([name, type]) => `${name} ${kTypes[type].hive}`)
        .join(', ');
      run(['create-table', `diff.${table.name}`, '--columns', columns, '--location',
        join(dir, table.name), '--format', 'parquet']);
    }
    return;
  }
  const statements = ['CREATE DATABASE IF NOT EXISTS diff;'];
  for (const table of tables) {
    const columns = table.columns.map(([name, type]) => `${name} ${kTypes[type].hive}`).join(', ');
    statements.push(`CREATE EXTERNAL TABLE diff.${table.name} (${columns}) STORED AS PARQUET ` +
      `LOCATION ${Quote(join(dir, table.name))};`);
  }
  const result = Basin(options, home, ['sql', '-c', statements.join('\n')]);
  if (result.status !== 0) throw new Error(`registering the tables: ${result.stderr.trim()}`);
}

async function Main() {
  const options = ParseArguments(process.argv.slice(2));
  const rng = new Random(options.seed);
  const work = options.work ?? mkdtempSync(join(tmpdir(), 'basin-differential-'));
  const dataDir = join(work, 'data');
  const home = join(work, 'home');
  const oracleDb = await DuckDBInstance.create(':memory:');
  const oracle = await oracleDb.connect();
  const tables = await WriteTables(oracle, rng, dataDir);
  // Both engines read the Parquet files, not DuckDB's own copy of the rows.
  for (const table of tables) {
    await oracle.run(`DROP TABLE ${table.name}`);
    await oracle.run(`CREATE VIEW ${table.name} AS SELECT * FROM ` +
      `read_parquet(${Quote(join(dataDir, table.name, '*.parquet'))})`);
  }
  const queries = Array.from({ length: options.queries }, () => Query(rng, tables));
  if (options.print) {
    queries.forEach((sql, i) => console.log(`${i + 1}\t${sql}`));
    return 0;
  }
  let second = null;
  if (options.selfCheck) {
    second = await (await DuckDBInstance.create(':memory:', { threads: '1' })).connect();
    for (const table of tables) {
      await second.run(`CREATE VIEW ${table.name} AS SELECT * FROM ` +
        `read_parquet(${Quote(join(dataDir, table.name, '*.parquet'))})`);
    }
  } else {
    rmSync(home, { recursive: true, force: true });  // a fresh catalog, also with --work
    try {
      RegisterInBasin(options, home, dataDir, tables);
    } catch (error) {
      console.log(`differential seed ${options.seed}: ${error.message}`);
      return 1;
    }
  }

  const started = Date.now();
  let run = 0;
  let mismatches = 0;
  let rowsCompared = 0;
  let empty = 0;
  const causes = new Map();  // cause → count
  for (let i = 0; i < queries.length; ++i) {
    if (options.only !== null && i + 1 !== options.only) continue;
    if ((Date.now() - started) / 1000 > options.budget) break;
    const sql = queries[i];
    ++run;
    let expected;
    try {
      expected = await RunOracle(oracle, sql);
    } catch (error) {
      ++mismatches;
      console.log(`seed ${options.seed} query ${i + 1}: DuckDB rejects the generated SQL ` +
        `(a generator bug): ${error.message.split('\n')[0]}\n  ${sql}`);
      continue;
    }
    let output;
    let failure = null;
    if (second) {
      output = ResultAsCsv(await second.runAndReadAll(sql));
    } else {
      const result = Basin(options, home, ['sql', '--database', 'diff', '--output',
        options.output, '-c', sql]);
      if (result.error || result.status !== 0) {
        const why = result.error ? result.error.message :
          (result.stderr || result.stdout).trim().split('\n').slice(0, 3).join(' / ');
        failure = `Basin failed (${result.signal ?? `exit ${result.status}`}): ${why}`;
      }
      output = result.stdout;
    }
    if (!failure) {
      try {
        const actual = CanonicalBasinRows(output, second ? 'csv' : options.output, expected.kinds);
        const difference = CompareRows(expected.rows, actual, expected.kinds,
          expected.kinds.map((_, c) => c));
        if (difference) failure = difference.message;
        rowsCompared += expected.rows.length;
        if (expected.rows.length === 0) ++empty;
      } catch (error) {
        failure = `unreadable result: ${error.message}`;
      }
    }
    if (failure) {
      ++mismatches;
      // Errors are grouped by their message without its position and excerpt.
      const cause = !failure.startsWith('Basin failed') ? 'wrong result' :
        failure.split(' / ')[0].replace(/line \d+:\d+: /, '').slice(0, 140);
      causes.set(cause, (causes.get(cause) ?? 0) + 1);
      if (mismatches <= options.report) {
        const shown = failure.length > 500 ? `${failure.slice(0, 500)}…` : failure;
        console.log(`MISMATCH seed ${options.seed} query ${i + 1}: ${shown}\n  ${sql}`);
      }
    }
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const skipped = (options.only === null ? queries.length : 1) - run;
  console.log(`differential seed ${options.seed}: ${run - mismatches}/${run} queries agree ` +
    `(${rowsCompared} rows compared, ${empty} empty results, ${seconds} s` +
    `${skipped ? `, ${skipped} not run: time budget` : ''})`);
  for (const [cause, count] of [...causes].sort((a, b) => b[1] - a[1])) {
    console.log(`  ${count} × ${cause}`);
  }
  if (!options.work) rmSync(work, { recursive: true, force: true });
  return mismatches === 0 && skipped === 0 ? 0 : 1;
}

process.exit(await Main());
