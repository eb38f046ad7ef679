// Canonical text of query results, shared by the TPC-H comparison and the random differential
// test: DuckDB (the oracle) and `basin sql --output csv` are both turned into rows of
// canonical cells, then compared.
//
// Canonical cells: NULL as `NULL`; integers as digits; decimals and doubles rounded half away
// from zero to 2 digits after the point (-0.00 is 0.00); dates ISO; booleans true/false;
// strings as they are, with `\`, tab and newline escaped so a row is one tab-separated line.
// Which kind a column is comes from the oracle's column types: Basin's CSV has no types, and
// the two engines may legitimately disagree on them (Trino's avg of a decimal is a decimal,
// DuckDB's is a double), so cells are canonicalized by what the column means.
//
// Comparison: numbers of kind `number` may differ by one unit in the second decimal (rounding
// of a double near a half cent, or Trino rounding avg to the column's scale) plus a relative
// 1e-10 (summation order of doubles); everything else must be equal. With an order key (the
// output columns the query's ORDER BY names), rows must come in the same order except within a
// run of rows whose key cells are equal (ties may come in any order); without one, both sides
// are sorted first.
import { DuckDBTypeId } from '@duckdb/node-api';

export const Kind = Object.freeze({
  integer: 'integer', number: 'number', date: 'date', timestamp: 'timestamp', boolean: 'boolean',
  text: 'text',
});

// The kind of a DuckDB column type.
export function KindOfDuckDBType(type) {
  switch (type.typeId) {
    case DuckDBTypeId.TINYINT: case DuckDBTypeId.SMALLINT: case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.BIGINT: case DuckDBTypeId.HUGEINT: case DuckDBTypeId.UTINYINT:
    case DuckDBTypeId.USMALLINT: case DuckDBTypeId.UINTEGER: case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.UHUGEINT:
      return Kind.integer;
    case DuckDBTypeId.DECIMAL: case DuckDBTypeId.DOUBLE: case DuckDBTypeId.FLOAT:
      return Kind.number;
    case DuckDBTypeId.DATE:
      return Kind.date;
    case DuckDBTypeId.TIMESTAMP: case DuckDBTypeId.TIMESTAMP_S: case DuckDBTypeId.TIMESTAMP_MS:
    case DuckDBTypeId.TIMESTAMP_NS:
      return Kind.timestamp;
    case DuckDBTypeId.BOOLEAN:
      return Kind.boolean;
    default:
      return Kind.text;
  }
}

const kPlainDecimal = /^([+-]?)(\d*)(?:\.(\d*))?$/;

// A decimal number written in digits rounded half away from zero to 2 places, exactly (no
// binary floating point on the way); null when `text` is not plain digits.
function RoundDecimalText(text) {
  const match = kPlainDecimal.exec(text);
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) return null;
  const negative = match[1] === '-';
  const fraction = (match[3] ?? '').padEnd(3, '0');
  let cents = BigInt((match[2] || '0') + fraction.slice(0, 2));
  if (fraction.charCodeAt(2) >= 0x35 /* '5' */) cents += 1n;
  return CentsText(negative ? -cents : cents);
}

function CentsText(cents) {
  const negative = cents < 0n;
  const digits = (negative ? -cents : cents).toString().padStart(3, '0');
  const text = `${digits.slice(0, -2)}.${digits.slice(-2)}`;
  return negative && text !== '0.00' ? `-${text}` : text;
}

function RoundDouble(value) {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  // toFixed keeps up to 20 digits before it switches to exponents; go through the exact
  // decimal expansion so huge and tiny values round the same way as decimal text.
  const fixed = Math.abs(value) < 1e21 ? value.toFixed(20) : BigInt(value).toString();
  return RoundDecimalText(fixed) ?? String(value);
}

function EscapeText(text) {
  return text.replace(/[\\\t\n\r]/g,
    (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]);
}

// One cell of a DuckDB result (a DuckDBValue from getRows()) in canonical form.
export function CanonicalDuckDBCell(value, kind) {
  if (value === null || value === undefined) return 'NULL';
  switch (kind) {
    case Kind.integer:
      return value.toString();
    case Kind.number:
      if (typeof value === 'number') return RoundDouble(value);
      return RoundDecimalText(value.toString()) ?? value.toString();
    case Kind.boolean:
      return value ? 'true' : 'false';
    case Kind.timestamp:
      return CanonicalTimestamp(value.toString());
    default:
      return EscapeText(value.toString());
  }
}

function CanonicalTimestamp(text) {
  // 'YYYY-MM-DD HH:MM:SS[.ffffff]' with the T form accepted and trailing fraction zeros gone.
  const match = /^(\d{4,}-\d\d-\d\d)[T ](\d\d:\d\d:\d\d)(?:\.(\d+))?$/.exec(text);
  if (!match) return EscapeText(text);
  const fraction = (match[3] ?? '').replace(/0+$/, '');
  return `${match[1]} ${match[2]}${fraction ? `.${fraction}` : ''}`;
}

// One cell of Basin's text output (null for SQL NULL) in canonical form, for a column of
// `kind`.
export function CanonicalTextCell(text, kind) {
  if (text === null) return 'NULL';
  switch (kind) {
    case Kind.integer:
      return /^[+-]?\d+$/.test(text) ? BigInt(text).toString() : EscapeText(text);
    case Kind.number: {
      const exact = RoundDecimalText(text);
      if (exact !== null) return exact;
      const value = Number(text);
      return text.trim() !== '' && !Number.isNaN(value) ? RoundDouble(value) : EscapeText(text);
    }
    case Kind.boolean:
      return text.toLowerCase();
    case Kind.timestamp:
      return CanonicalTimestamp(text);
    default:
      return EscapeText(text);
  }
}

// Runs `sql` on a DuckDB connection; returns { names, kinds, rows } with canonical cells.
export async function RunOracle(connection, sql) {
  const reader = await connection.runAndReadAll(sql);
  const kinds = reader.columnTypes().map(KindOfDuckDBType);
  const rows = reader.getRows().map((row) => row.map((v, c) => CanonicalDuckDBCell(v, kinds[c])));
  return { names: reader.columnNames(), kinds, rows };
}

// Parses CSV the way Basin writes it (RFC 4180: header line, fields quoted with "" for a
// quote; an empty unquoted field is NULL). Returns { header, rows } with null for NULL.
export function ParseCsv(text) {
  const records = [];
  let record = [];
  let i = 0;
  const n = text.length;
  if (n === 0) return { header: [], rows: [] };
  for (;;) {
    let field;
    if (text[i] === '"') {
      let value = '';
      ++i;
      for (;;) {
        const quote = text.indexOf('"', i);
        if (quote < 0) throw new Error('CSV: unterminated quoted field');
        value += text.slice(i, quote);
        i = quote + 1;
        if (text[i] === '"') { value += '"'; ++i; } else break;
      }
      field = value;
    } else {
      let end = i;
      while (end < n && text[end] !== ',' && text[end] !== '\n' && text[end] !== '\r') ++end;
      field = end === i ? null : text.slice(i, end);
      i = end;
    }
    record.push(field);
    if (i < n && text[i] === ',') { ++i; continue; }
    if (text[i] === '\r') ++i;
    if (i < n && text[i] !== '\n') throw new Error(`CSV: unexpected character at offset ${i}`);
    ++i;
    records.push(record);
    record = [];
    if (i >= n) break;
  }
  const header = (records.shift() ?? []).map((name) => name ?? '');
  return { header, rows: records };
}

// Canonical rows of Basin's CSV output, given the oracle's column kinds.
export function CanonicalCsvRows(csvText, kinds) {
  const { header, rows } = ParseCsv(csvText);
  const bad = rows.findIndex((row) => row.length !== kinds.length);
  if (header.length !== kinds.length || bad >= 0) {
    const count = bad >= 0 ? rows[bad].length : header.length;
    throw new Error(`${count} columns${bad >= 0 ? ` in row ${bad + 1}` : ''}, ` +
      `expected ${kinds.length}`);
  }
  return rows.map((row) => row.map((cell, c) => CanonicalTextCell(cell, kinds[c])));
}

// Canonical rows of Basin's JSON output (`--output json`: an array of one object per row,
// keys in column order, NULL as null), given the oracle's column kinds. Unlike CSV, JSON tells
// an empty string from NULL.
export function CanonicalJsonRows(jsonText, kinds) {
  const rows = JSON.parse(jsonText);
  if (!Array.isArray(rows)) throw new Error('JSON result is not an array of rows');
  return rows.map((object, r) => {
    const values = Object.values(object);
    if (values.length !== kinds.length) {
      throw new Error(`${values.length} columns in row ${r + 1}, expected ${kinds.length}`);
    }
    return values.map((value, c) => {
      if (value === null) return 'NULL';
      if (typeof value === 'object') return EscapeText(JSON.stringify(value));
      return CanonicalTextCell(String(value), kinds[c]);
    });
  });
}

// Canonical rows of Basin's output in `format` (csv or json).
export function CanonicalBasinRows(text, format, kinds) {
  return format === 'json' ? CanonicalJsonRows(text.trim() === '' ? '[]' : text, kinds) :
    CanonicalCsvRows(text, kinds);
}

function CellsMatch(expected, actual, kind) {
  if (expected === actual) return true;
  if (kind !== Kind.number) return false;
  const a = Number(expected);
  const b = Number(actual);
  if (Number.isNaN(a) || Number.isNaN(b)) return false;
  return Math.abs(a - b) <= 0.0100001 + 1e-10 * Math.max(Math.abs(a), Math.abs(b));
}

function RowsMatch(expected, actual, kinds) {
  return expected.length === actual.length &&
    expected.every((cell, c) => CellsMatch(cell, actual[c], kinds[c]));
}

const RowText = (row) => row.join('\t');
function ByText(a, b) {
  const x = RowText(a);
  const y = RowText(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

// Compares canonical rows. `orderKey` lists column indexes of the ORDER BY (null: compare as
// multisets). Returns null when they agree, else { row, expected, actual, message } for the
// first difference (row is 1-based in the expected result; expected/actual are TSV or '').
export function CompareRows(expectedRows, actualRows, kinds, orderKey) {
  const describe = (row, e, a, why) => ({
    row, expected: e ? RowText(e) : '', actual: a ? RowText(a) : '',
    message: `${why}: row ${row}: expected ${e ? RowText(e) : '(none)'} | ` +
      `actual ${a ? RowText(a) : '(none)'}`,
  });
  const countNote = expectedRows.length === actualRows.length ? 'rows differ' :
    `${expectedRows.length} rows expected, ${actualRows.length} returned`;
  if (!orderKey) {
    const e = [...expectedRows].sort(ByText);
    const a = [...actualRows].sort(ByText);
    for (let i = 0; i < Math.max(e.length, a.length); ++i) {
      if (!e[i] || !a[i] || !RowsMatch(e[i], a[i], kinds)) {
        return describe(i + 1, e[i], a[i], `${countNote} (sorted)`);
      }
    }
    return null;
  }
  // Ordered: walk the runs of equal order-key cells in the expected rows.
  const keyOf = (row) => orderKey.map((c) => row[c]);
  let i = 0;
  while (i < expectedRows.length || i < actualRows.length) {
    if (i >= expectedRows.length || i >= actualRows.length) {
      return describe(i + 1, expectedRows[i], actualRows[i], countNote);
    }
    const key = keyOf(expectedRows[i]);
    let end = i + 1;
    while (end < expectedRows.length &&
           keyOf(expectedRows[end]).every((cell, k) => cell === key[k])) ++end;
    const e = expectedRows.slice(i, end);
    const a = actualRows.slice(i, end);
    if (end - i > 1) { e.sort(ByText); a.sort(ByText); }
    for (let j = 0; j < e.length; ++j) {
      if (!a[j] || !RowsMatch(e[j], a[j], kinds)) {
        return describe(i + j + 1, e[j], a[j], countNote);
      }
    }
    i = end;
  }
  return null;
}

// The order key of a query file: its `-- order-key: a, b` comment, as column indexes of the
// result's column names (null when the query has no such comment).
export function OrderKeyOf(sqlText, names) {
  const match = /^--\s*order-key:\s*(.+)$/m.exec(sqlText);
  if (!match) return null;
  return match[1].split(',').map((name) => {
    const index = names.indexOf(name.trim());
    if (index < 0) throw new Error(`order-key column ${name.trim()} is not in the result`);
    return index;
  });
}
