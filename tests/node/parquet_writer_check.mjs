// Cross-checks Parquet files written by Basin against DuckDB, the reference reader.
//
//   node parquet_writer_check.mjs MANIFEST.json
//
// The manifest lists cases: { file, expected_sql, codec, rows, flat_columns }. For each case
// DuckDB must read exactly the expected rows (the query in expected_sql, made of typed SQL
// literals by the test that wrote the file), see the expected codec on every column chunk,
// and find column statistics (min, max, null count per row group) equal to what it computes
// from the data itself. Prints one line per case; exits 1 on any mismatch.
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';

const manifest = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();

const rows = async (sql) => (await con.runAndReadAll(sql)).getRowObjectsJson();
const scalar = async (sql) => Object.values((await rows(sql))[0])[0];
const quote = (text) => `'${text.replaceAll("'", "''")}'`;
const ident = (name) => `"${name.replaceAll('"', '""')}"`;

let failures = 0;
const fail = (name, message) => {
  failures++;
  console.log(`FAIL ${name}: ${message}`);
};

for (const c of manifest.cases) {
  const file = quote(c.file);
  const name = c.file.split('/').pop();
  try {
    await con.run(`CREATE OR REPLACE TEMP TABLE expected AS ${readFileSync(c.expected_sql, 'utf8')}`);
    await con.run(`CREATE OR REPLACE TEMP TABLE actual AS SELECT * FROM read_parquet(${file})`);

    const count = Number(await scalar('SELECT count(*) FROM actual'));
    if (count !== c.rows) fail(name, `DuckDB reads ${count} rows, expected ${c.rows}`);

    // Same column names and types.
    const describe = async (table) =>
      (await rows(`DESCRIBE ${table}`)).map((r) => `${r.column_name} ${r.column_type}`).join(', ');
    const actualTypes = await describe('actual');
    const expectedTypes = await describe('expected');
    if (actualTypes !== expectedTypes) {
      fail(name, `columns differ:\n  read:     ${actualTypes}\n  expected: ${expectedTypes}`);
    }

    // Same rows: per id, every column IS NOT DISTINCT FROM the expected value.
    const columns = (await rows('DESCRIBE expected')).map((r) => r.column_name);
    const differing = [];
    for (const column of columns.slice(1)) {
      const bad = Number(await scalar(
          `SELECT count(*) FROM expected e FULL JOIN actual a USING (id)
           WHERE e.${ident(column)} IS DISTINCT FROM a.${ident(column)}`));
      if (bad > 0) {
        const sample = await rows(
            `SELECT id, e.${ident(column)}::VARCHAR AS expected, a.${ident(column)}::VARCHAR AS read
             FROM expected e FULL JOIN actual a USING (id)
             WHERE e.${ident(column)} IS DISTINCT FROM a.${ident(column)} ORDER BY id LIMIT 3`);
        differing.push(`${column} (${bad} rows, e.g. ${JSON.stringify(sample)})`);
      }
    }
    if (differing.length > 0) fail(name, `values differ in ${differing.join('; ')}`);
    const order = Number(await scalar(
        `SELECT count(*) FROM (SELECT id, row_number() OVER () - 1 AS position FROM actual)
         WHERE id <> position`));
    if (order !== 0) fail(name, `${order} rows are out of order`);

    // Codec of every column chunk.
    const codecs = (await rows(`SELECT DISTINCT compression FROM parquet_metadata(${file})`))
        .map((r) => r.compression);
    if (c.rows > 0 && (codecs.length !== 1 || codecs[0] !== c.codec)) {
      fail(name, `codecs ${JSON.stringify(codecs)}, expected ${c.codec}`);
    }

    // Statistics of flat columns against the data of each row group.
    const groups = await rows(
        `SELECT DISTINCT row_group_id, row_group_num_rows FROM parquet_metadata(${file})
         ORDER BY row_group_id`);
    let start = 0;
    const bounds = groups.map((g) => {
      const range = [Number(g.row_group_id), start, start + Number(g.row_group_num_rows)];
      start = range[2];
      return `(${range.join(', ')})`;
    });
    if (bounds.length > 0) {
      await con.run(`CREATE OR REPLACE TEMP TABLE groups (id BIGINT, first BIGINT, stop BIGINT)`);
      await con.run(`INSERT INTO groups VALUES ${bounds.join(', ')}`);
      await con.run(
          `CREATE OR REPLACE TEMP TABLE numbered AS
           SELECT g.id AS row_group, p.* FROM read_parquet(${file}, file_row_number = true) p
           JOIN groups g ON p.file_row_number >= g.first AND p.file_row_number < g.stop`);
      for (const column of c.flat_columns) {
        const mismatches = await rows(
            `WITH truth AS (
               SELECT row_group, min(${ident(column)})::VARCHAR AS min,
                      max(${ident(column)})::VARCHAR AS max,
                      count(*) - count(${ident(column)}) AS nulls
               FROM numbered GROUP BY row_group),
             stats AS (
               SELECT row_group_id AS row_group, stats_min_value AS min, stats_max_value AS max,
                      stats_null_count AS nulls
               FROM parquet_metadata(${file}) WHERE path_in_schema = ${quote(column)})
             SELECT row_group, s.min AS stats_min, t.min, s.max AS stats_max, t.max,
                    s.nulls AS stats_nulls, t.nulls
             FROM truth t FULL JOIN stats s USING (row_group)
             WHERE s.min IS DISTINCT FROM t.min OR s.max IS DISTINCT FROM t.max
                OR s.nulls IS DISTINCT FROM t.nulls
             ORDER BY row_group LIMIT 3`);
        if (mismatches.length > 0) {
          fail(name, `column ${column}: statistics differ from the data: ` +
                     JSON.stringify(mismatches));
        }
      }
    }
    console.log(`checked ${name}: ${count} rows, ${groups.length} row groups, codec ${codecs}`);
  } catch (error) {
    fail(name, String(error));
  }
}
process.exit(failures > 0 ? 1 : 0);
