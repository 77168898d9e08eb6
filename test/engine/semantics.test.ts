import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryTable } from '../../src/catalog/memory-table.js';
import { PlanError } from '../../src/errors.js';
import { catalogOf, fieldsOf, query, tableInfo } from './helpers.js';

const people = new MemoryTable(
  tableInfo('People', [
    { name: 'Id', type: 'Int' },
    'Name',
    { name: 'Age', type: 'Int' },
    { name: 'TeamId', type: 'Int' },
    { name: 'Joined', type: 'Datetime' },
    { name: 'Active', type: 'Boolean' },
    { name: 'Score', type: 'Double' },
    { name: 'IncludeDeleted', type: 'Boolean', pseudo: true },
  ], ['Persons']),
  [
    { Id: 1, Name: 'Ann', Age: 30, TeamId: 1, Joined: new Date('2024-01-05T10:00:00Z'), Active: true, Score: 1.5 },
    { Id: 2, Name: 'bob', Age: null, TeamId: 2, Joined: new Date('2024-02-01T00:00:00Z'), Active: false, Score: null },
    { Id: 3, Name: 'Cid', Age: 25, TeamId: null, Joined: null, Active: null, Score: 2.5 },
    { Id: 4, Name: null, Age: 30, TeamId: 1, Joined: new Date('2023-12-31T23:59:59Z'), Active: true, Score: 3 },
    { Id: 5, Name: '50%_off', Age: 41, TeamId: 3, Joined: new Date('2024-03-01T00:00:00Z'), Active: true, Score: 0 },
  ],
);
const teams = new MemoryTable(tableInfo('Teams', [{ name: 'Id', type: 'Int' }, 'Name']), [
  { Id: 1, Name: 'Red' },
  { Id: 2, Name: 'Blue' },
  { Id: 4, Name: 'Empty' },
]);
const empty = new MemoryTable(tableInfo('Nothing', [{ name: 'X', type: 'Int' }, 'G']), []);
const catalog = catalogOf(people, teams, empty);
const ids = async (sql: string, params?: readonly (string | number | null)[]) => (await query(catalog, sql, params)).map((r) => r.Id);

test('WHERE keeps only true rows: comparisons with NULL are unknown', async () => {
  assert.deepEqual(await ids('SELECT Id FROM People WHERE Age > 26'), [1, 4, 5]);
  assert.deepEqual(await ids('SELECT Id FROM People WHERE NOT (Age > 26)'), [3]);
  assert.deepEqual(await ids('SELECT Id FROM People WHERE Age <> 30'), [3, 5]);
  assert.deepEqual(await ids('SELECT Id FROM People WHERE Age = NULL'), []);
  assert.deepEqual(await ids('SELECT Id FROM People WHERE Age IS NULL OR TeamId IS NULL'), [2, 3]);
  assert.deepEqual(await ids('SELECT Id FROM People WHERE Age IS NOT NULL AND TeamId IS NOT NULL'), [1, 4, 5]);
});

test('Kleene AND/OR/NOT', async () => {
  // Age NULL for bob: (NULL > 1 OR TRUE) is TRUE; (NULL > 1 AND TRUE) is UNKNOWN; NOT UNKNOWN is UNKNOWN.
  assert.deepEqual(await ids('SELECT Id FROM People WHERE Id = 2 AND (Age > 1 OR 1 = 1)'), [2]);
  assert.deepEqual(await ids('SELECT Id FROM People WHERE Id = 2 AND (Age > 1 AND 1 = 1)'), []);
  assert.deepEqual(await ids('SELECT Id FROM People WHERE Id = 2 AND NOT (Age > 1 AND 1 = 1)'), []);
  assert.deepEqual(await ids('SELECT Id FROM People WHERE Id = 2 AND NOT (Age > 1 AND 1 = 0)'), [2]);
  const [row] = await query(catalog, 'SELECT NULL AND FALSE AS a, NULL OR TRUE AS b, NULL AND TRUE AS c, NOT NULL AS d');
  assert.deepEqual(row, { a: false, b: true, c: null, d: null });
});

test('IN and NOT IN with NULLs', async () => {
  assert.deepEqual(await ids('SELECT Id FROM People WHERE TeamId IN (1, NULL)'), [1, 4]);
  assert.deepEqual(await ids('SELECT Id FROM People WHERE TeamId NOT IN (1, NULL)'), []);
  assert.deepEqual(await ids('SELECT Id FROM People WHERE TeamId NOT IN (1, 3)'), [2]);
  assert.deepEqual(await ids('SELECT Id FROM People WHERE TeamId NOT IN (SELECT Id FROM Teams)'), [5]);
  assert.deepEqual(await ids('SELECT Id FROM People WHERE Id IN (SELECT TeamId FROM People)'), [1, 2, 3]);
  assert.deepEqual(await ids('SELECT Id FROM People WHERE Id NOT IN (SELECT TeamId FROM People)'), []);
});

test('LIKE: %, _, ESCAPE, case-insensitive, NOT LIKE and NULL', async () => {
  assert.deepEqual(await ids("SELECT Id FROM People WHERE Name LIKE 'b%'"), [2]);
  assert.deepEqual(await ids("SELECT Id FROM People WHERE Name LIKE 'A_N'"), [1]);
  assert.deepEqual(await ids("SELECT Id FROM People WHERE Name LIKE '%!%!_%' ESCAPE '!'"), [5]);
  assert.deepEqual(await ids("SELECT Id FROM People WHERE Name LIKE '%\\_%' ESCAPE '\\'"), [5]);
  assert.deepEqual(await ids("SELECT Id FROM People WHERE Name NOT LIKE '%n%'"), [2, 3, 5]);
  assert.deepEqual(await ids("SELECT Id FROM People WHERE Name LIKE '.*'"), []);
});

test('BETWEEN and NOT BETWEEN', async () => {
  assert.deepEqual(await ids('SELECT Id FROM People WHERE Age BETWEEN 25 AND 30'), [1, 3, 4]);
  assert.deepEqual(await ids('SELECT Id FROM People WHERE Age NOT BETWEEN 26 AND 40'), [3, 5]);
  assert.deepEqual(await ids("SELECT Id FROM People WHERE Joined BETWEEN '2024-01-01' AND '2024-02-01'"), [1, 2]);
});

test('comparison coercion: dates from strings (UTC), numbers from numeric strings, booleans', async () => {
  assert.deepEqual(await ids("SELECT Id FROM People WHERE Joined >= '2024-02-01'"), [2, 5]);
  assert.deepEqual(await ids("SELECT Id FROM People WHERE Joined < '2024-01-01T01:00:00+01:00'"), [4]);
  assert.deepEqual(await ids("SELECT Id FROM People WHERE Joined < '2024-01-01T00:00:00+01:00'"), []);
  assert.deepEqual(await ids("SELECT Id FROM People WHERE Age = '30'"), [1, 4]);
  assert.deepEqual(await ids("SELECT Id FROM People WHERE Active = 'false'"), [2]);
  assert.deepEqual(await ids('SELECT Id FROM People WHERE Active = 1'), [1, 4, 5]);
  assert.deepEqual(await ids('SELECT Id FROM People WHERE Active'), [1, 4, 5]);
  await assert.rejects(query(catalog, "SELECT Id FROM People WHERE Joined > 'yesterday'"), /not a date/);
});

test('ORDER BY: several keys, DESC, NULLS FIRST/LAST, defaults, aliases, ordinals, stability', async () => {
  assert.deepEqual(await ids('SELECT Id FROM People ORDER BY Age'), [2, 3, 1, 4, 5]);
  assert.deepEqual(await ids('SELECT Id FROM People ORDER BY Age DESC'), [5, 1, 4, 3, 2]);
  assert.deepEqual(await ids('SELECT Id FROM People ORDER BY Age NULLS LAST'), [3, 1, 4, 5, 2]);
  assert.deepEqual(await ids('SELECT Id FROM People ORDER BY Age DESC NULLS FIRST, Id DESC'), [2, 5, 4, 1, 3]);
  assert.deepEqual(await ids('SELECT Id, Age AS years FROM People ORDER BY years DESC, 1 DESC'), [5, 4, 1, 3, 2]);
  assert.deepEqual(await ids('SELECT Id FROM People ORDER BY TeamId DESC, Name'), [5, 2, 4, 1, 3]);
  assert.deepEqual(await ids('SELECT Id FROM People ORDER BY LOWER(Name)'), [4, 5, 1, 2, 3]);
  await assert.rejects(query(catalog, 'SELECT Id FROM People ORDER BY 3'), /position 3 is out of range/);
});

test('aggregates: NULLs ignored, empty input, COUNT DISTINCT, types', async () => {
  const [all] = await query(catalog, 'SELECT COUNT(*) AS n, COUNT(Age) AS ages, COUNT(DISTINCT Age) AS d, SUM(Age) AS s, AVG(Age) AS a, MIN(Name) AS mn, MAX(Joined) AS mx FROM People');
  assert.deepEqual(all, { n: 5, ages: 4, d: 3, s: 126, a: 31.5, mn: '50%_off', mx: new Date('2024-03-01T00:00:00Z') });
  assert.deepEqual(await query(catalog, 'SELECT COUNT(*) AS n, SUM(X) AS s, MAX(X) AS m FROM Nothing'), [{ n: 0, s: null, m: null }]);
  assert.deepEqual(await query(catalog, 'SELECT G, COUNT(*) AS n FROM Nothing GROUP BY G'), []);
  assert.deepEqual(await query(catalog, 'SELECT SUM(Age) AS s, AVG(Age) AS a FROM People WHERE Age IS NULL'), [{ s: null, a: null }]);
  assert.deepEqual(fieldsOf(catalog, 'SELECT COUNT(*), SUM(Age), SUM(Score), AVG(Age), MIN(Name), Age / 2, Age + 1 FROM People GROUP BY Age').map((f) => f.type), ['Long', 'Long', 'Double', 'Double', 'String', 'Double', 'Int']);
});

test('GROUP BY with NULL group, expressions, HAVING, and grouping errors', async () => {
  assert.deepEqual(await query(catalog, 'SELECT TeamId, COUNT(*) AS n, SUM(Age) AS s FROM People GROUP BY TeamId ORDER BY TeamId'), [
    { TeamId: null, n: 1, s: 25 },
    { TeamId: 1, n: 2, s: 60 },
    { TeamId: 2, n: 1, s: null },
    { TeamId: 3, n: 1, s: 41 },
  ]);
  assert.deepEqual(await query(catalog, 'SELECT Age > 28 AS old, COUNT(*) AS n FROM People GROUP BY Age > 28 ORDER BY n'), [
    { old: null, n: 1 },
    { old: false, n: 1 },
    { old: true, n: 3 },
  ]);
  assert.deepEqual(await query(catalog, 'SELECT TeamId FROM People GROUP BY TeamId HAVING COUNT(*) > 1'), [{ TeamId: 1 }]);
  assert.deepEqual(await query(catalog, 'SELECT COUNT(*) AS n FROM People HAVING COUNT(*) > 10'), []);
  await assert.rejects(query(catalog, 'SELECT Name, COUNT(*) FROM People GROUP BY TeamId'), (e: unknown) => e instanceof PlanError && /Name must appear in GROUP BY/.test(e.message));
  await assert.rejects(query(catalog, 'SELECT Id FROM People WHERE COUNT(*) > 1'), /not allowed in WHERE/);
});

test('DISTINCT treats NULLs as equal', async () => {
  assert.deepEqual(await query(catalog, 'SELECT DISTINCT TeamId FROM People ORDER BY TeamId'), [{ TeamId: null }, { TeamId: 1 }, { TeamId: 2 }, { TeamId: 3 }]);
  assert.deepEqual(await query(catalog, 'SELECT DISTINCT Age > 28 AS old, TeamId = 1 AS red FROM People'), [
    { old: true, red: true },
    { old: null, red: false },
    { old: false, red: null },
    { old: true, red: false },
  ]);
  await assert.rejects(query(catalog, 'SELECT DISTINCT Name FROM People ORDER BY Age'), /must appear in the select list/);
});

test('LIMIT, OFFSET, TOP and FETCH', async () => {
  assert.deepEqual(await ids('SELECT Id FROM People ORDER BY Id LIMIT 2'), [1, 2]);
  assert.deepEqual(await ids('SELECT Id FROM People ORDER BY Id LIMIT 2 OFFSET 3'), [4, 5]);
  assert.deepEqual(await ids('SELECT Id FROM People ORDER BY Id LIMIT 10 OFFSET 4'), [5]);
  assert.deepEqual(await ids('SELECT Id FROM People ORDER BY Id LIMIT 0'), []);
  assert.deepEqual(await ids('SELECT TOP 2 Id FROM People ORDER BY Id DESC'), [5, 4]);
  assert.deepEqual(await ids('SELECT Id FROM People ORDER BY Id OFFSET 1 ROWS FETCH NEXT 2 ROWS ONLY'), [2, 3]);
  assert.deepEqual(await ids('SELECT Id FROM People ORDER BY Id LIMIT ? OFFSET ?', [1, 1]), [2]);
  await assert.rejects(query(catalog, 'SELECT Id FROM People LIMIT ?', [-1]), /non-negative integer/);
});

test('INNER and LEFT joins (hash), NULL keys never match, residual ON conditions', async () => {
  assert.deepEqual(await query(catalog, 'SELECT p.Id, t.Name FROM People p JOIN Teams t ON t.Id = p.TeamId ORDER BY p.Id'), [
    { Id: 1, Name: 'Red' },
    { Id: 2, Name: 'Blue' },
    { Id: 4, Name: 'Red' },
  ]);
  assert.deepEqual(await query(catalog, "SELECT p.Id, t.Name AS team FROM People p LEFT JOIN Teams t ON t.Id = p.TeamId AND t.Name <> 'Blue' ORDER BY p.Id"), [
    { Id: 1, team: 'Red' },
    { Id: 2, team: null },
    { Id: 3, team: null },
    { Id: 4, team: 'Red' },
    { Id: 5, team: null },
  ]);
  assert.deepEqual(await query(catalog, 'SELECT t.Name, COUNT(p.Id) AS members FROM Teams t LEFT JOIN People p ON p.TeamId = t.Id GROUP BY t.Name ORDER BY t.Name'), [
    { Name: 'Blue', members: 1 },
    { Name: 'Empty', members: 0 },
    { Name: 'Red', members: 2 },
  ]);
  assert.deepEqual(await query(catalog, 'SELECT COUNT(*) AS n FROM People p CROSS JOIN Teams t'), [{ n: 15 }]);
  assert.deepEqual(await query(catalog, 'SELECT COUNT(*) AS n FROM People p JOIN Teams t ON p.Age > t.Id * 10'), [{ n: 9 }]);
});

test('expressions and functions', async () => {
  const [row] = await query(
    catalog,
    "SELECT 7 / 2 AS d, 7 % 3 AS m, 1 / 0 AS z, 'a' || NULL AS c1, CONCAT('a', NULL, 1) AS c2, UPPER('x') AS u, LENGTH('héllo') AS l, SUBSTRING('abcdef', 2, 3) AS s, TRIM('  x ') AS t, ROUND(2.456, 2) AS r, ROUND(-2.5) AS r2, ABS(-3) AS a, COALESCE(NULL, NULL, 3) AS co, NULLIF(1, 1) AS ni, IFNULL(NULL, 'd') AS ifn, ISNULL('v', 'd') AS isn, CASE WHEN 1 > 2 THEN 'no' WHEN 2 > 1 THEN 'yes' END AS cw, CASE 3 WHEN 3 THEN 'three' ELSE 'other' END AS cs, CAST('12' AS INT) + 1 AS ci, CAST(1 AS VARCHAR) || 'x' AS cv, CAST('2024-01-02' AS DATETIME) AS cd",
  );
  assert.deepEqual(row, {
    d: 3.5, m: 1, z: null, c1: null, c2: 'a1', u: 'X', l: 5, s: 'bcd', t: 'x', r: 2.46, r2: -3, a: 3, co: 3, ni: null, ifn: 'd', isn: 'v', cw: 'yes', cs: 'three', ci: 13, cv: '1x', cd: new Date('2024-01-02T00:00:00Z'),
  });
  const [now] = await query(catalog, 'SELECT CURRENT_TIMESTAMP AS a, NOW() AS b');
  assert.ok(now!.a instanceof Date && now!.a.getTime() === (now!.b as Date).getTime());
  await assert.rejects(query(catalog, 'SELECT UPPPER(Name) FROM People'), /Unknown function UPPPER. Did you mean UPPER\?/);
  await assert.rejects(query(catalog, "SELECT 'abc' + 1"), /Cannot use 'abc' as a number/);
});

test('SELECT without FROM, SELECT *, t.*, pseudo-columns, duplicate names', async () => {
  assert.deepEqual(await query(catalog, 'SELECT 1 AS one, 2 + 3 AS five WHERE 1 = 1'), [{ one: 1, five: 5 }]);
  assert.deepEqual(await query(catalog, 'SELECT 1 AS one WHERE 1 = 0'), []);
  assert.deepEqual(fieldsOf(catalog, 'SELECT * FROM People').map((f) => f.name), ['Id', 'Name', 'Age', 'TeamId', 'Joined', 'Active', 'Score']);
  assert.deepEqual(fieldsOf(catalog, 'SELECT IncludeDeleted, p.* FROM Persons p').map((f) => f.name)[0], 'IncludeDeleted');
  assert.deepEqual(fieldsOf(catalog, 'SELECT t.*, p.Name FROM People p JOIN Teams t ON t.Id = p.TeamId'), [
    { name: 'Id', type: 'Int' },
    { name: 'Name', type: 'String' },
    { name: 'Name_2', type: 'String' },
  ]);
  const [row] = await query(catalog, 'SELECT p.Name, t.Name, p.Name FROM People p JOIN Teams t ON t.Id = p.TeamId WHERE p.Id = 1');
  assert.deepEqual(row, { Name: 'Ann', Name_2: 'Red', Name_3: 'Ann' });
});

test('names: case-insensitive, aliases, closest-name suggestions, ambiguity', async () => {
  assert.deepEqual(await ids('select ID from people where id = 3'), [3]);
  await assert.rejects(query(catalog, 'SELECT Id FROM Peopel'), (e: unknown) => e instanceof PlanError && e.message === 'Unknown table Peopel. Did you mean People?');
  await assert.rejects(query(catalog, 'SELECT Id FROM Person'), /Did you mean Persons\?/);
  await assert.rejects(query(catalog, 'SELECT Nmae FROM People'), /Unknown column Nmae in People. Did you mean Name\?/);
  await assert.rejects(query(catalog, 'SELECT p.Agee FROM People p'), /Unknown column Agee in People. Did you mean Age\?/);
  await assert.rejects(query(catalog, 'SELECT x.Age FROM People p'), /Unknown table or alias x/);
  await assert.rejects(query(catalog, 'SELECT Name FROM People p JOIN Teams t ON t.Id = p.TeamId'), /Column Name is ambiguous/);
  await assert.rejects(query(catalog, 'SELECT Id FROM People p WHERE Id IN (SELECT Id FROM Teams WHERE Name = q.Name)'), /Unknown table or alias q/);
  // In a correlated subquery a misspelt column is named in the table of the alias it is read through.
  await assert.rejects(query(catalog, 'SELECT Id FROM People p WHERE EXISTS (SELECT 1 FROM Teams t WHERE t.Nmae = p.Name)'), (e: unknown) => e instanceof PlanError && e.message === 'Unknown column Nmae in Teams. Did you mean Name?');
  await assert.rejects(query(catalog, 'SELECT Id FROM People p WHERE EXISTS (SELECT 1 FROM Teams t WHERE t.Id = p.Agee)'), (e: unknown) => e instanceof PlanError && e.message === 'Unknown column Agee in People. Did you mean Age?');
  await assert.rejects(
    query(catalog, 'SELECT p.Id FROM People p LEFT JOIN Teams t ON t.Id = p.TeamId AND EXISTS (SELECT 1 FROM People q WHERE q.TeamId = t.Id AND q.Name > t.Nmae)'),
    (e: unknown) => e instanceof PlanError && e.message.startsWith('Unknown column Nmae in Teams'),
  );
});

test('scalar subqueries, ORDER BY an aggregate, and joins across value types', async () => {
  assert.deepEqual(await ids('SELECT Id FROM People WHERE Age = (SELECT MAX(Age) FROM People)'), [5]);
  assert.deepEqual(await query(catalog, 'SELECT COUNT(*) AS n FROM People HAVING COUNT(*) > (SELECT COUNT(*) FROM Teams WHERE Name = \'Red\')'), [{ n: 5 }]);
  await assert.rejects(query(catalog, 'SELECT Id FROM People WHERE Age = (SELECT Age FROM People)'), /more than one row/);
  await assert.rejects(query(catalog, 'SELECT Id FROM People WHERE Age IN (SELECT Id, Name FROM Teams)'), /one column/);
  assert.deepEqual(await query(catalog, 'SELECT TeamId FROM People WHERE TeamId IS NOT NULL GROUP BY TeamId ORDER BY COUNT(*) DESC, TeamId'), [{ TeamId: 1 }, { TeamId: 2 }, { TeamId: 3 }]);
  const codes = new MemoryTable(tableInfo('Codes', ['Code', 'Label']), [{ Code: '1', Label: 'one' }, { Code: '02', Label: 'two' }]);
  const rows = await query(catalogOf(people, codes), 'SELECT p.Id, c.Label FROM People p JOIN Codes c ON c.Code = p.TeamId ORDER BY p.Id');
  assert.deepEqual(rows, [{ Id: 1, Label: 'one' }, { Id: 2, Label: 'two' }, { Id: 4, Label: 'one' }]);
});
