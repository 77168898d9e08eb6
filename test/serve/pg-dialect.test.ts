/** PostgreSQL text → socialsql's dialect, and the routing facts the session reads from it. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeStatement, isCatalogStatement, splitStatements, toEngineSql } from '../../src/serve/pg-dialect.js';

test('$n, ::, ILIKE, E and dollar strings, schema qualifiers', () => {
  assert.equal(toEngineSql('SELECT "Id" FROM "agency-eu".campaigns WHERE "Id" = $1').sql, 'SELECT "Id" FROM campaigns WHERE "Id" = @p1');
  assert.equal(toEngineSql(`SELECT '2026-01-01'::timestamptz, c."Budget"::float8, (1 + 2)::int4`).sql, `SELECT CAST('2026-01-01' AS DATETIME), CAST(c."Budget" AS DOUBLE), CAST((1 + 2) AS INT)`);
  assert.equal(toEngineSql(`SELECT x FROM t WHERE "Name" ILIKE 'a%'`).sql, `SELECT x FROM t WHERE "Name" LIKE 'a%'`);
  assert.equal(toEngineSql(`SELECT E'it\\'s', $$dollar 'q'$$, $tag$x$tag$`).sql, `SELECT 'it''s', 'dollar ''q''', 'x'`);
  assert.equal(toEngineSql('SELECT a::double precision, b::timestamp with time zone').sql, 'SELECT CAST(a AS DOUBLE), CAST(b AS DATETIME)');
  assert.throws(() => toEngineSql('SELECT a::int[]'), /Array casts/);
  assert.throws(() => toEngineSql('SELECT a::inet'), /Cannot cast to inet/);
});

test('positions map back to the text the client sent', () => {
  const e = toEngineSql('SELECT "Id"::text FROM "agency-eu".campaigns WHERE "Id" = $1');
  const at = e.sql.indexOf('@p1');
  assert.equal(e.originalOffset(at), 'SELECT "Id"::text FROM "agency-eu".campaigns WHERE "Id" = '.length);
});

test('statements split at top-level semicolons only', () => {
  assert.deepEqual(splitStatements(`SELECT ';'; SELECT "a;b" FROM t; -- c;\n;`).map((s) => s.sql.trim()), [`SELECT ';'`, `SELECT "a;b" FROM t`, '-- c;']);
});

test('catalog statements: system schemas, SET/SHOW, no API table', () => {
  const api = (t: { name: string }) => t.name.toLowerCase() === 'campaigns';
  assert.ok(isCatalogStatement(describeStatement('SELECT n.nspname FROM pg_catalog.pg_namespace n'), api));
  assert.ok(isCatalogStatement(describeStatement('SHOW server_version'), api));
  assert.ok(isCatalogStatement(describeStatement('SELECT version()'), api));
  assert.ok(!isCatalogStatement(describeStatement('SELECT "Id" FROM campaigns WHERE "Id" = $2'), api));
  assert.deepEqual(describeStatement('SELECT 1 FROM "agency-eu".campaigns c JOIN x ON true WHERE a = $3').tables, [{ schema: 'agency-eu', name: 'campaigns' }, { name: 'x' }]);
  assert.equal(describeStatement('SELECT $1, $3').paramCount, 3);
});
