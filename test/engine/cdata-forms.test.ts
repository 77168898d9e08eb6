/**
 * Every form of CData's SELECT grammar (the reference notes, §2: clauses, expressions, predicates,
 * identifiers, parameters) run against the same rows in socialsql and SQLite. docs/sql-coverage.md
 * maps each form to the test that runs it; forms tested elsewhere (EXEC, CACHE, writes) are listed there.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { SocialSqlError, SqlSyntaxError } from '../../src/errors.js';
import { bindParameters, parseStatements } from '../../src/engine.js';
import { query } from './helpers.js';
import { multiset, Oracle } from './sqlite-oracle.js';
import type { Value } from '../../src/catalog/types.js';
import { sqlInfo } from '../../src/catalog/sql-info.js';

const oracle = new Oracle([
  {
    name: 'Campaigns',
    columns: [{ name: 'Id', type: 'Int' }, { name: 'Name', type: 'String' }, { name: 'Budget', type: 'Int' }, { name: 'Acct', type: 'String' }],
    rows: [
      { Id: 1, Name: 'alpha', Budget: 100, Acct: 'x' },
      { Id: 2, Name: 'beta', Budget: 50, Acct: 'x' },
      { Id: 3, Name: 'gamma', Budget: null, Acct: 'y' },
      { Id: 4, Name: null, Budget: 10, Acct: null },
      { Id: 5, Name: 'alphabet', Budget: 50, Acct: 'y' },
    ],
  },
  {
    name: 'LineItems',
    columns: [{ name: 'Id', type: 'Int' }, { name: 'CampaignId', type: 'Int' }, { name: 'Bid', type: 'Int' }],
    rows: [
      { Id: 10, CampaignId: 1, Bid: 5 },
      { Id: 11, CampaignId: 1, Bid: 7 },
      { Id: 12, CampaignId: 2, Bid: null },
      { Id: 13, CampaignId: null, Bid: 9 },
      { Id: 14, CampaignId: 9, Bid: 1 },
    ],
  },
]);
after(() => oracle.close());

/** Same multiset of rows as SQLite (`sqliteSql` when SQLite spells the form differently). */
const same = async (sql: string, sqliteSql = sql): Promise<Value[][]> => {
  const { ours, sqlite } = await oracle.both(sql, sqliteSql);
  assert.deepEqual(multiset(ours), multiset(sqlite), sql);
  return ours;
};
/** Same sequence of rows (the query orders fully). */
const sameInOrder = async (sql: string, sqliteSql = sql): Promise<Value[][]> => {
  const { ours, sqlite } = await oracle.both(sql, sqliteSql);
  assert.deepEqual(ours, sqlite, sql);
  return ours;
};

test('SELECT TOP n', async () => {
  const rows = await sameInOrder('SELECT TOP 2 Id FROM Campaigns ORDER BY Id DESC', 'SELECT Id FROM Campaigns ORDER BY Id DESC LIMIT 2');
  assert.deepEqual(rows, [[5], [4]]);
  await sameInOrder('SELECT TOP (3) Name, Budget FROM Campaigns ORDER BY Budget DESC, Id', 'SELECT Name, Budget FROM Campaigns ORDER BY Budget DESC, Id LIMIT 3');
});

test('SELECT DISTINCT', async () => {
  const rows = await same('SELECT DISTINCT Budget FROM Campaigns');
  assert.equal(rows.length, 4);
  await same('SELECT DISTINCT Acct, Budget FROM Campaigns');
});

test('SELECT *, t.*, <expression> [AS] alias, [bracketed] identifiers, CAST(x AS VARCHAR)', async () => {
  await same('SELECT * FROM Campaigns');
  await same('SELECT c.*, l.Bid FROM Campaigns c JOIN LineItems l ON l.CampaignId = c.Id');
  await same('SELECT [Name] AS MY_Name, Budget * 2 Doubled FROM [Campaigns] WHERE [Budget] > 10');
  const cast = await same('SELECT CAST(Budget AS VARCHAR) AS Str_Budget FROM Campaigns WHERE Id = 1');
  assert.deepEqual(cast, [['100']]);
});

test('FROM t1, t2 (comma join) with the join condition in WHERE', async () => {
  await same('SELECT Campaigns.Name, LineItems.Id FROM Campaigns, LineItems WHERE Campaigns.Id = LineItems.CampaignId');
  await same('SELECT c.Name, l.Id FROM Campaigns AS c, LineItems AS l WHERE c.Id = l.CampaignId AND l.Bid > 5');
});

test('INNER | LEFT [OUTER] | RIGHT [OUTER] | FULL [OUTER] JOIN … ON', async () => {
  for (const join of ['JOIN', 'INNER JOIN', 'LEFT JOIN', 'LEFT OUTER JOIN', 'RIGHT JOIN', 'RIGHT OUTER JOIN', 'FULL JOIN', 'FULL OUTER JOIN']) {
    await same(`SELECT c.Id, c.Name, l.Id, l.Bid FROM Campaigns c ${join} LineItems l ON l.CampaignId = c.Id`);
  }
});

test('WHERE: = > < >= <= <> != with AND and OR', async () => {
  for (const op of ['=', '>', '<', '>=', '<=', '<>', '!=']) await same(`SELECT Id FROM Campaigns WHERE Budget ${op} 50`);
  await same("SELECT Id FROM Campaigns WHERE Budget >= 50 AND Acct = 'x' OR Name = 'gamma'");
});

test('WHERE: LIKE, NOT LIKE, IN, NOT IN, IS NULL, IS NOT NULL, BETWEEN', async () => {
  await same("SELECT Id FROM Campaigns WHERE Name LIKE 'alp%'");
  await same("SELECT Id FROM Campaigns WHERE Name NOT LIKE '%a'");
  await same('SELECT Id FROM Campaigns WHERE Budget IN (10, 50)');
  await same('SELECT Id FROM Campaigns WHERE Budget NOT IN (10, 50)');
  await same('SELECT Id FROM Campaigns WHERE Budget IS NULL');
  await same('SELECT Id FROM Campaigns WHERE Name IS NOT NULL');
  await same('SELECT Id FROM Campaigns WHERE Budget BETWEEN 10 AND 50');
});

test('WHERE: <expression> CONTAINS <expression> (and the CONTAINS function)', async () => {
  const rows = await same("SELECT Id FROM Campaigns WHERE Name CONTAINS 'pha'", "SELECT Id FROM Campaigns WHERE instr(Name, 'pha') > 0");
  assert.deepEqual(multiset(rows), multiset([[1], [5]]));
  await same("SELECT c.Id FROM Campaigns c WHERE c.Name CONTAINS 'et' OR c.[Acct] CONTAINS 'y'", "SELECT c.Id FROM Campaigns c WHERE instr(c.Name, 'et') > 0 OR instr(c.Acct, 'y') > 0");
  await same("SELECT Id FROM Campaigns WHERE CONTAINS(Name, 'a')", "SELECT Id FROM Campaigns WHERE instr(Name, 'a') > 0");
  // A parameter on the right, as any value.
  const bound = await query(oracle.catalog, 'SELECT Id FROM Campaigns WHERE Name CONTAINS ?', ['bet']);
  assert.deepEqual(bound, [{ Id: 2 }, { Id: 5 }]);
  // A column named Contains stays a column.
  assert.deepEqual(await query(oracle.catalog, 'SELECT Contains FROM (SELECT 1 AS Contains) t'), [{ Contains: 1 }]);
});

test('GROUP BY … HAVING, with COUNT(*), COUNT(DISTINCT x), AVG, MAX, MIN, SUM, COUNT(x)', async () => {
  await same('SELECT Acct, COUNT(*), COUNT(DISTINCT Budget), AVG(Budget), MAX(Budget), MIN(Name), SUM(Budget), COUNT(Budget) FROM Campaigns GROUP BY Acct');
  await same('SELECT Acct, MAX(Budget) FROM Campaigns GROUP BY Acct HAVING COUNT(*) > 1');
  await same('SELECT COUNT(*) AS MyCount FROM Campaigns');
});

test('UNION [ALL] <select_statement>', async () => {
  await same('SELECT Acct FROM Campaigns UNION SELECT Name FROM Campaigns');
  await same('SELECT Budget FROM Campaigns UNION ALL SELECT Bid FROM LineItems');
});

test('ORDER BY … ASC | DESC, NULLS FIRST | NULLS LAST', async () => {
  await sameInOrder('SELECT Id, Name FROM Campaigns ORDER BY Name ASC');
  await sameInOrder('SELECT Id, Budget FROM Campaigns ORDER BY Budget DESC, Id');
  await sameInOrder('SELECT Id, Budget FROM Campaigns ORDER BY Budget NULLS LAST, Id');
  await sameInOrder('SELECT Id, Budget FROM Campaigns ORDER BY Budget DESC NULLS FIRST, Id');
});

test('LIMIT n, LIMIT n OFFSET m, LIMIT m, n', async () => {
  await sameInOrder('SELECT Id FROM Campaigns ORDER BY Id LIMIT 2');
  await sameInOrder('SELECT Id FROM Campaigns ORDER BY Id LIMIT 2 OFFSET 1');
  // `LIMIT a, b` as MySQL and SQLite read it: skip a rows, return b.
  const rows = await sameInOrder('SELECT Id FROM Campaigns ORDER BY Id LIMIT 1, 3');
  assert.deepEqual(rows, [[2], [3], [4]]);
});

test('parameters: @param and ?', async () => {
  const named = await query(oracle.catalog, 'SELECT Id FROM Campaigns WHERE Acct = @acct AND Budget > @min', { acct: 'x', min: 60 });
  assert.deepEqual(named, [{ Id: 1 }]);
  const positional = await query(oracle.catalog, 'SELECT Id FROM Campaigns WHERE Budget = ? OR Name = ?', [10, 'gamma']);
  assert.deepEqual(positional, [{ Id: 3 }, { Id: 4 }]);
});

test('NULLIF, COALESCE, CASE <expression> WHEN … THEN … ELSE … END, CASE WHEN <search_condition>', async () => {
  await same("SELECT NULLIF(Budget, 50), COALESCE(Name, Acct, 'none') FROM Campaigns");
  await same("SELECT CASE Acct WHEN 'x' THEN 'X' WHEN 'y' THEN NULL ELSE 'other' END FROM Campaigns");
  await same("SELECT CASE WHEN Budget >= 50 THEN 'big' WHEN Budget IS NULL THEN NULL ELSE 'small' END FROM Campaigns");
});

test('RANK() and DENSE_RANK() OVER ([PARTITION BY c] ORDER BY c)', async () => {
  await same('SELECT Id, RANK() OVER (ORDER BY Budget) FROM Campaigns');
  await same('SELECT Id, DENSE_RANK() OVER (PARTITION BY Acct ORDER BY Budget) FROM Campaigns');
});

test('SELECT … INTO csv:// is refused with a clear error (socialsql does not write files from SQL)', async () => {
  await assert.rejects(query(oracle.catalog, 'SELECT Name INTO csv://campaigns.csv FROM Campaigns'), (e: unknown) => e instanceof SqlSyntaxError && /SELECT INTO csv:\/\/ is not supported/.test(e.message) && e.column === 21);
  await assert.rejects(query(oracle.catalog, 'SELECT Name INTO csv://filename=c:/x.csv;delimiter=tab FROM Campaigns'), (e: unknown) => e instanceof SqlSyntaxError && /--format csv/.test(e.message));
  await assert.rejects(query(oracle.catalog, 'SELECT Name INTO [csv://campaigns.csv] FROM Campaigns'), (e: unknown) => e instanceof SocialSqlError && /SELECT INTO is not supported/.test(e.message));
});

test('{EXECUTE | EXEC} proc [@]name = <expression>, where the expression is @p, ? or a literal', () => {
  const bound = bindParameters(parseStatements("EXECUTE GetOAuthAccessToken @AuthMode = 'WEB', Verifier = ?, AuthKey = 42")[0]!, ['v1']);
  assert.ok(bound.kind === 'Exec');
  assert.deepEqual(bound.args.map((a) => [a.name, a.value.kind === 'Literal' ? a.value.value : '?']), [['AuthMode', 'WEB'], ['Verifier', 'v1'], ['AuthKey', 42]]);
  const named = bindParameters(parseStatements("EXEC GetOAuthAuthorizationURL @CallbackURL = @cb, AuthMode = 'WEB'")[0]!, { cb: 'http://localhost:33333' });
  assert.ok(named.kind === 'Exec');
  assert.deepEqual(named.args.map((a) => [a.name, a.value.kind === 'Literal' ? a.value.value : '?']), [['CallbackURL', 'http://localhost:33333'], ['AuthMode', 'WEB']]);
});

test("sys_sqlinfo's SUPPORTED_OPERATORS names every predicate of CData's search_condition run above", () => {
  const operators = sqlInfo().SUPPORTED_OPERATORS!.split(', ');
  for (const op of ['=', '>', '<', '>=', '<=', '<>', '!=', 'LIKE', 'NOT LIKE', 'IN', 'NOT IN', 'IS NULL', 'IS NOT NULL', 'AND', 'OR', 'CONTAINS', 'BETWEEN']) assert.ok(operators.includes(op), op);
});
