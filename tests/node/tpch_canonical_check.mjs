// Checks of the result canonicalization and comparison (tpch_canonical.mjs) on hand-made
// cases: the harness must accept what is equal and catch what is not, before it judges Basin.
// Prints one line per failed check; exit status 1 when any failed.
import {
  CanonicalCsvRows, CanonicalJsonRows, CanonicalTextCell, CompareRows, Kind, OrderKeyOf, ParseCsv,
} from './tpch_canonical.mjs';

let failures = 0;
let checks = 0;
function Check(what, actual, expected) {
  ++checks;
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) { ++failures; console.log(`FAIL ${what}: got ${a}, expected ${e}`); }
}

// Rounding: exact, half away from zero, on decimal text and on doubles.
Check('round up', CanonicalTextCell('2.675', Kind.number), '2.68');
Check('round down', CanonicalTextCell('2.6749', Kind.number), '2.67');
Check('negative half', CanonicalTextCell('-0.125', Kind.number), '-0.13');
Check('negative zero', CanonicalTextCell('-0.001', Kind.number), '0.00');
Check('integer as number', CanonicalTextCell('42', Kind.number), '42.00');
Check('long decimal', CanonicalTextCell('123456789012345678901234.5678', Kind.number),
  '123456789012345678901234.57');
Check('exponent', CanonicalTextCell('1.2345678E7', Kind.number), '12345678.00');
Check('leading dot', CanonicalTextCell('.5', Kind.number), '0.50');
Check('not a number', CanonicalTextCell('abc', Kind.number), 'abc');
Check('integer', CanonicalTextCell('+007', Kind.integer), '7');
Check('text escapes', CanonicalTextCell('a\tb\nc\\', Kind.text), 'a\\tb\\nc\\\\');
Check('null', CanonicalTextCell(null, Kind.text), 'NULL');
Check('timestamp', CanonicalTextCell('2024-01-02T03:04:05.120000', Kind.timestamp),
  '2024-01-02 03:04:05.12');

// CSV: quoted fields, doubled quotes, embedded commas and newlines, NULL as empty unquoted.
Check('csv', ParseCsv('"a","b"\n"x,1","say ""hi"""\n,"two\nlines"\n'),
  { header: ['a', 'b'], rows: [['x,1', 'say "hi"'], [null, 'two\nlines']] });
Check('csv empty string vs null', ParseCsv('"a","b"\r\n"",\r\n').rows, [['', null]]);
Check('csv header only', ParseCsv('"a"\n').rows, []);
Check('csv rows canonical', CanonicalCsvRows('"n","d"\n"1","0.125"\n', [Kind.integer, Kind.number]),
  [['1', '0.13']]);
Check('json rows', CanonicalJsonRows('[{"s":"","n":null,"d":0.125,"m":"1.005","i":7}]',
  [Kind.text, Kind.text, Kind.number, Kind.number, Kind.integer]),
  [['', 'NULL', '0.13', '1.01', '7']]);
let threw = false;
try { CanonicalCsvRows('"a","b"\n"1"\n', [Kind.integer, Kind.integer]); } catch { threw = true; }
Check('csv wrong column count throws', threw, true);

// Comparison.
const kinds = [Kind.text, Kind.number];
const rows = [['a', '1.00'], ['b', '2.00'], ['c', '2.00'], ['d', '3.00']];
Check('equal', CompareRows(rows, rows, kinds, [1]), null);
Check('ties in any order', CompareRows(rows, [rows[0], rows[2], rows[1], rows[3]], kinds, [1]),
  null);
Check('order violated', CompareRows(rows, [rows[1], rows[0], rows[2], rows[3]], kinds, [1])?.row,
  1);
Check('unordered accepts any order', CompareRows(rows, [...rows].reverse(), kinds, null), null);
Check('one cent apart is equal', CompareRows([['a', '1.00']], [['a', '1.01']], kinds, null), null);
Check('two cents apart differ', CompareRows([['a', '1.00']], [['a', '1.02']], kinds, null) !== null,
  true);
Check('text never approximate', CompareRows([['a', '1']], [['b', '1']], kinds, null) !== null,
  true);
Check('missing row', CompareRows(rows, rows.slice(0, 3), kinds, [1])?.message.startsWith(
  '4 rows expected, 3 returned'), true);
Check('extra row', CompareRows(rows.slice(0, 3), rows, kinds, null)?.row, 4);
Check('null is not zero', CompareRows([['a', 'NULL']], [['a', '0.00']], kinds, null) !== null,
  true);
Check('duplicate rows count', CompareRows([rows[0], rows[0]], [rows[0], rows[1]], kinds, null)
  !== null, true);
Check('order key from comment', OrderKeyOf('-- order-key: y, x\nselect 1', ['x', 'y']), [1, 0]);
Check('no order key', OrderKeyOf('select 1 -- order by', ['x']), null);

console.log(`tpch_canonical_check: ${checks - failures}/${checks} checks passed`);
process.exit(failures === 0 ? 0 : 1);
