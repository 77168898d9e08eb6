import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryTable } from '../../src/catalog/memory-table.js';
import { PlanError } from '../../src/errors.js';
import { bindParameters, parseStatements } from '../../src/engine.js';
import { catalogOf, query, tableInfo } from './helpers.js';

const users = new MemoryTable(tableInfo('Users', ['Id', 'Name']), [
  { Id: '1', Name: 'alice' },
  { Id: '2', Name: "x' OR '1'='1" },
]);
const catalog = catalogOf(users);

test('positional ? values are bound in text order', async () => {
  assert.deepEqual(await query(catalog, 'SELECT Id FROM Users WHERE Name = ? OR Id = ? ORDER BY Id', ['alice', '2']), [{ Id: '1' }, { Id: '2' }]);
  const bound = bindParameters(parseStatements('SELECT ? AS a, ? AS b')[0]!, [1, 'two']);
  assert.deepEqual(bound.kind === 'Select' && bound.items, [
    { kind: 'SelectExpr', expr: { kind: 'Literal', value: 1 }, alias: 'a' },
    { kind: 'SelectExpr', expr: { kind: 'Literal', value: 'two' }, alias: 'b' },
  ]);
});

test('named @values, with or without @ in the key, case-insensitive', async () => {
  assert.deepEqual(await query(catalog, 'SELECT Id FROM Users WHERE Name = @name', { '@name': 'alice' }), [{ Id: '1' }]);
  assert.deepEqual(await query(catalog, 'SELECT Id FROM Users WHERE Name = @name', { name: 'alice' }), [{ Id: '1' }]);
  assert.deepEqual(await query(catalog, 'SELECT Id FROM Users WHERE Name = @Name', { NAME: 'alice' }), [{ Id: '1' }]);
});

test('a parameter is a value, never SQL text', async () => {
  assert.deepEqual(await query(catalog, 'SELECT Id FROM Users WHERE Name = ?', ["x' OR '1'='1"]), [{ Id: '2' }]);
  assert.deepEqual(await query(catalog, 'SELECT Id FROM Users WHERE Name = ?', ["' OR 1=1 --"]), []);
  assert.deepEqual(await query(catalog, 'SELECT ? AS v', ['1; DROP TABLE Users']), [{ v: '1; DROP TABLE Users' }]);
});

test('missing and extra values are PlanErrors naming the parameter', () => {
  const statement = parseStatements('SELECT Id FROM Users WHERE Name = ? AND Id = @id')[0]!;
  assert.throws(() => bindParameters(statement, ['a']), (e: unknown) => e instanceof PlanError && /@id/.test(e.message));
  assert.throws(() => bindParameters(statement, { id: '1' }), (e: unknown) => e instanceof PlanError && /\? number 1/.test(e.message));
  assert.throws(() => bindParameters(parseStatements('SELECT ?')[0]!, [1, 2]), (e: unknown) => e instanceof PlanError && /2 positional parameter values/.test(e.message));
  assert.throws(() => bindParameters(parseStatements('SELECT ?')[0]!, undefined), PlanError);
  assert.throws(() => bindParameters(parseStatements('SELECT ?')[0]!, [undefined as never]), /pass null/);
});

test('EXEC, INSERT, UPDATE and DELETE parameters are bound too', () => {
  const [exec, insert, update] = parseStatements(
    "EXEC GetOAuthAccessToken @Verifier = @v, AuthMode = 'APP'; INSERT INTO Users (Id, Name) VALUES (?, ?), ('3', ?); UPDATE Users SET Name = @n WHERE Id = @id",
  );
  assert.deepEqual(bindParameters(exec!, { v: 'abc' }), {
    kind: 'Exec',
    procedure: 'GetOAuthAccessToken',
    args: [
      { name: 'Verifier', value: { kind: 'Literal', value: 'abc' } },
      { name: 'AuthMode', value: { kind: 'Literal', value: 'APP' } },
    ],
  });
  const boundInsert = bindParameters(insert!, ['1', 'a', 'c']);
  assert.deepEqual(boundInsert.kind === 'Insert' && boundInsert.rows.map((r) => r.map((e) => (e.kind === 'Literal' ? e.value : '?'))), [
    ['1', 'a'],
    ['3', 'c'],
  ]);
  const boundUpdate = bindParameters(update!, { n: 'new', id: '1' });
  assert.ok(boundUpdate.kind === 'Update');
  assert.deepEqual(boundUpdate.assignments[0]!.value, { kind: 'Literal', value: 'new' });
  assert.deepEqual(boundUpdate.where, { kind: 'Binary', op: '=', left: { kind: 'ColumnRef', column: 'Id' }, right: { kind: 'Literal', value: '1' } });
});

test('parameters inside subqueries and LIMIT are bound', async () => {
  assert.deepEqual(await query(catalog, 'SELECT Id FROM Users WHERE Id IN (SELECT Id FROM Users WHERE Name = ?) LIMIT ?', ['alice', 5]), [{ Id: '1' }]);
});
