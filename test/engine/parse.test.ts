import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseStatements, type SelectStatement } from '../../src/engine.js';
import { select, syntaxError } from './helpers.js';

test('reserved words work as bare column names', () => {
  const words = ['Name', 'Type', 'Status', 'Text', 'Timestamp', 'Value', 'Date', 'Level', 'Source', 'User', 'Key', 'Count', 'Rank', 'Schema', 'Table', 'Rows', 'First'];
  const s = select(`SELECT ${words.join(', ')} FROM t WHERE Key = 'k' AND Count > 1 GROUP BY Key ORDER BY Date DESC, Value`);
  assert.deepEqual(
    s.items.map((i) => (i.kind === 'SelectExpr' && i.expr.kind === 'ColumnRef' ? i.expr.column : '?')),
    words,
  );
  assert.deepEqual(s.groupBy, [{ kind: 'ColumnRef', column: 'Key' }]);
  const q = select('SELECT t.Key, t.Count AS Type FROM Insights t');
  assert.deepEqual(q.items[0], { kind: 'SelectExpr', expr: { kind: 'ColumnRef', table: 't', column: 'Key' } });
  assert.deepEqual(q.items[1], { kind: 'SelectExpr', expr: { kind: 'ColumnRef', table: 't', column: 'Count' }, alias: 'Type' });
});

test('quoted identifiers: brackets, double quotes and backticks, with escapes', () => {
  const s = select('SELECT [Full Name], "a""b", `c``d`, [x]]y] FROM [My Table] AS [m]');
  assert.deepEqual(
    s.items.map((i) => (i.kind === 'SelectExpr' && i.expr.kind === 'ColumnRef' ? i.expr.column : '?')),
    ['Full Name', 'a"b', 'c`d', 'x]y'],
  );
  assert.deepEqual(s.from?.table, { kind: 'TableRef', name: 'My Table', alias: 'm' });
});

test('string literals keep quotes, backslashes and semicolons; comments are ignored', () => {
  const statements = parseStatements("SELECT 'it''s', 'a\\b', 'x;y' -- comment; not a split\n/* ; */ FROM t; SELECT N'ü'");
  assert.equal(statements.length, 2);
  const s = statements[0] as SelectStatement;
  assert.deepEqual(
    s.items.map((i) => (i.kind === 'SelectExpr' && i.expr.kind === 'Literal' ? i.expr.value : '?')),
    ["it's", 'a\\b', 'x;y'],
  );
});

test('numbers, booleans, NULL and dates', () => {
  const s = select("SELECT 1.5e3, .5, -2, TRUE, NULL, DATE '2024-02-03', TIMESTAMP '2024-02-03 04:05:06+02:00'");
  const values = s.items.map((i) => (i.kind === 'SelectExpr' ? i.expr : undefined));
  assert.deepEqual(values.slice(0, 5), [
    { kind: 'Literal', value: 1500 },
    { kind: 'Literal', value: 0.5 },
    { kind: 'Unary', op: '-', operand: { kind: 'Literal', value: 2 } },
    { kind: 'Literal', value: true },
    { kind: 'Literal', value: null },
  ]);
  assert.deepEqual(values[5], { kind: 'Literal', value: new Date('2024-02-03T00:00:00Z') });
  assert.deepEqual(values[6], { kind: 'Literal', value: new Date('2024-02-03T02:05:06Z') });
});

test('LIMIT/OFFSET, TOP, OFFSET ... FETCH and NULLS FIRST/LAST', () => {
  const a = select('SELECT a FROM t ORDER BY a DESC NULLS FIRST, b NULLS LAST, 3 LIMIT 10 OFFSET 5');
  assert.deepEqual(a.orderBy, [
    { kind: 'OrderItem', expr: { kind: 'ColumnRef', column: 'a' }, desc: true, nulls: 'First' },
    { kind: 'OrderItem', expr: { kind: 'ColumnRef', column: 'b' }, desc: false, nulls: 'Last' },
    { kind: 'OrderItem', expr: { kind: 'Literal', value: 3 }, desc: false },
  ]);
  assert.deepEqual([a.limit, a.offset], [{ kind: 'Literal', value: 10 }, { kind: 'Literal', value: 5 }]);
  const top = select('SELECT DISTINCT TOP 3 a FROM t WHERE a IN (SELECT TOP (2) b FROM u) ORDER BY a');
  assert.equal(top.distinct, true);
  assert.deepEqual(top.limit, { kind: 'Literal', value: 3 });
  const inner = top.where?.kind === 'InSubquery' ? top.where.query : undefined;
  assert.deepEqual(inner?.limit, { kind: 'Literal', value: 2 });
  const fetch = select('SELECT a FROM t ORDER BY a OFFSET 4 ROWS FETCH NEXT ? ROWS ONLY');
  assert.deepEqual([fetch.limit, fetch.offset], [{ kind: 'Param', ref: { kind: 'Positional', index: 0 } }, { kind: 'Literal', value: 4 }]);
  assert.match(syntaxError('SELECT TOP 1 a FROM t LIMIT 2').message, /TOP cannot be combined/);
  assert.match(syntaxError('SELECT a FROM t WHERE a NULLS FIRST').message, /NULLS FIRST\/LAST/);
});

test('joins, aggregates, CASE, CAST, IN, BETWEEN, LIKE ESCAPE, scalar subquery', () => {
  const s = select(
    "SELECT c.Name, COUNT(DISTINCT i.Day), SUM(DISTINCT i.Clicks), CASE WHEN c.Budget > 1 THEN 'big' ELSE 'small' END, CAST(c.Budget AS BIGINT), (SELECT MAX(x) FROM u) " +
      "FROM Campaigns c INNER JOIN Insights i ON i.EntityId = c.Id LEFT OUTER JOIN Accounts a ON a.Id = c.AccountId " +
      "WHERE c.Name LIKE 'a!%%' ESCAPE '!' AND c.Budget NOT BETWEEN 1 AND 2 AND c.Id NOT IN (1, 2) AND c.X IS NOT NULL GROUP BY c.Name HAVING COUNT(*) > 1",
  );
  assert.deepEqual(s.from?.joins.map((j) => j.type), ['Inner', 'Left']);
  const kinds = s.items.map((i) => (i.kind === 'SelectExpr' ? i.expr.kind : i.kind));
  assert.deepEqual(kinds, ['ColumnRef', 'Aggregate', 'Aggregate', 'Case', 'Cast', 'ScalarSubquery']);
  assert.deepEqual(s.items[2], { kind: 'SelectExpr', expr: { kind: 'Aggregate', name: 'SUM', arg: { kind: 'ColumnRef', table: 'i', column: 'Clicks' }, distinct: true } });
  assert.deepEqual(s.items[4], { kind: 'SelectExpr', expr: { kind: 'Cast', operand: { kind: 'ColumnRef', table: 'c', column: 'Budget' }, type: 'Long' } });
  const json = JSON.stringify(s.where);
  assert.match(json, /"kind":"Like".*"escape":\{"kind":"Literal","value":"!"\}/);
  assert.match(json, /"kind":"Between".*"negated":true/);
});

test('EXPLAIN, EXPLAIN ANALYZE and EXEC', () => {
  const [e1, e2, exec, exec2] = parseStatements(
    "EXPLAIN SELECT 1; explain analyze select a from t; EXEC GetOAuthAuthorizationURL @CallbackURL = 'http://localhost:33333', Scope = ?, Count = -3, Flag = TRUE; EXECUTE RefreshOAuthAccessToken",
  );
  assert.equal(e1?.kind === 'Explain' && e1.analyze, false);
  assert.equal(e2?.kind === 'Explain' && e2.analyze, true);
  assert.deepEqual(exec, {
    kind: 'Exec',
    procedure: 'GetOAuthAuthorizationURL',
    args: [
      { name: 'CallbackURL', value: { kind: 'Literal', value: 'http://localhost:33333' } },
      { name: 'Scope', value: { kind: 'Param', ref: { kind: 'Positional', index: 0 } } },
      { name: 'Count', value: { kind: 'Literal', value: -3 } },
      { name: 'Flag', value: { kind: 'Literal', value: true } },
    ],
  });
  assert.deepEqual(exec2, { kind: 'Exec', procedure: 'RefreshOAuthAccessToken', args: [] });
  assert.match(syntaxError("EXEC p 'positional'").message, /positional EXEC arguments are not supported/);
  assert.match(syntaxError('EXPLAIN DELETE FROM t').message, /EXPLAIN takes a SELECT/);
});

test('INSERT (multi-row), UPDATE and DELETE', () => {
  const [ins, upd, del] = parseStatements(
    "INSERT INTO Campaigns (Name, AccountId) VALUES ('a', @acct), ('b', ?); UPDATE Campaigns SET Name = 'x', Status = ? WHERE Id = 'c1'; DELETE FROM Comments WHERE Id IN ('1', '2')",
  );
  assert.deepEqual(ins, {
    kind: 'Insert',
    table: { kind: 'TableRef', name: 'Campaigns' },
    columns: ['Name', 'AccountId'],
    rows: [
      [{ kind: 'Literal', value: 'a' }, { kind: 'Param', ref: { kind: 'Named', name: 'acct' } }],
      [{ kind: 'Literal', value: 'b' }, { kind: 'Param', ref: { kind: 'Positional', index: 0 } }],
    ],
  });
  assert.deepEqual(upd?.kind === 'Update' && upd.assignments.map((a) => a.column), ['Name', 'Status']);
  assert.equal(del?.kind === 'Delete' && del.where?.kind, 'InList');
  assert.match(syntaxError('INSERT INTO t (a, b) VALUES (1)').message, /column count/);
});

test('syntax errors point at the original text (line and column) and show what was found', () => {
  const e = syntaxError('SELECT Name,\n       Status\nFROM Campaigns\nWHERE Status = = 3');
  assert.equal(e.line, 4);
  assert.equal(e.column, 16);
  assert.match(e.message, /unexpected "="/);
  const eof = syntaxError('SELECT a\nFROM t\nWHERE');
  assert.equal(eof.line, 3);
  assert.match(eof.message, /end of statement/);
  const bracket = syntaxError('SELECT [a b] FROM [t] WHERE [a b] >< 1');
  assert.equal(bracket.column, 36);
  const second = syntaxError('SELECT 1;\n  SELECT a FROM t WHERE a IN ()');
  assert.deepEqual([second.line, second.column], [2, 31]);
  assert.equal(syntaxError('SELEC x').column, 1);
  assert.equal(syntaxError("SELECT 'unterminated").column, 8);
  assert.equal(syntaxError('SELECT a FROM t WHERE a = #1').column, 27);
});

test('unsupported constructs are rejected, not ignored', () => {
  for (const [sql, message] of [
    ['SELECT a FROM t JOIN u USING (a)', /USING is not supported/],
    ['SELECT CAST(a AS BLOB) FROM t', /Unknown type "BLOB"/],
    ['SELECT a FROM db.t', /Qualified table names/],
    ['SELECT a.b.c FROM t', /Qualified column names/],
    ['SELECT 1e999', /out of range/],
    ['SELECT a FROM t GROUP BY a WITH ROLLUP', /unexpected "ROLLUP"/],
    ['SELECT 1 FROM t WHERE a IS TRUE', /IS supports NULL only/],
    ['CREATE TABLE t (a int)', /Expected SELECT/],
  ] as const) {
    assert.match(syntaxError(sql).message, message, sql);
  }
});
