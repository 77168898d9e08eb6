/**
 * Scans and projections reuse their tuples batch after batch when the consumer lets go of them
 * (aggregates, projections, window copies, a sort under LIMIT that copies what it keeps). Over
 * several pages (1,024 rows each) every answer must still equal SQLite's: a consumer that kept a
 * reused tuple would see it overwritten by a later page.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Row } from '../../src/catalog/types.js';
import { multiset, Oracle } from './sqlite-oracle.js';

const rows: Row[] = [];
for (let i = 0; i < 5000; i++) rows.push({ Id: `r${i}`, G: `g${i % 37}`, S: ['A', 'B', 'C'][i % 3]!, V: i % 10 === 0 ? null : (i * 7919) % 1000 });
const groups: Row[] = [];
for (let i = 0; i < 37; i++) groups.push({ G: `g${i}`, Label: `label ${i % 5}` });
const oracle = new Oracle([
  { name: 'T', columns: [{ name: 'Id', type: 'String' }, { name: 'G', type: 'String' }, { name: 'S', type: 'String' }, { name: 'V', type: 'Int' }], rows },
  { name: 'L', columns: [{ name: 'G', type: 'String' }, { name: 'Label', type: 'String' }], rows: groups },
]);
after(() => oracle.close());

const inOrder = async (sql: string) => {
  const { ours, sqlite } = await oracle.both(sql);
  assert.deepEqual(ours, sqlite, sql);
  assert.ok(ours.length > 0, sql);
};
const asMultiset = async (sql: string) => {
  const { ours, sqlite } = await oracle.both(sql);
  assert.deepEqual(multiset(ours), multiset(sqlite), sql);
  assert.ok(ours.length > 0, sql);
};

test('a sort under LIMIT keeps its rows intact while the projection below reuses tuples', async () => {
  await inOrder("SELECT Id, V FROM T WHERE S <> 'B' AND V IS NOT NULL ORDER BY V DESC, Id LIMIT 40");
  await inOrder('SELECT Id, V * 2 AS w FROM T ORDER BY V, Id LIMIT 1500 OFFSET 700');
  await inOrder('SELECT Id FROM T ORDER BY Id DESC LIMIT 3');
});

test('aggregates, DISTINCT and joins over reused scan tuples', async () => {
  await inOrder('SELECT G, S, COUNT(*) AS n, SUM(V) AS total, MIN(Id) AS lo, MAX(Id) AS hi FROM T GROUP BY G, S ORDER BY G, S');
  await inOrder('SELECT COUNT(DISTINCT G) AS g, COUNT(V) AS v, COUNT(DISTINCT V) AS dv FROM T');
  await asMultiset('SELECT DISTINCT S, G FROM T WHERE V > 500');
  await inOrder('SELECT l.Label, COUNT(*) AS n FROM T t JOIN L l ON t.G = l.G GROUP BY l.Label ORDER BY l.Label');
  await asMultiset("SELECT t.Id, l.Label FROM T t LEFT JOIN L l ON t.G = l.G AND l.Label <> 'label 2' WHERE t.V > 990");
});

test('windows over reused tuples, whole and first rows per partition', async () => {
  await asMultiset('SELECT Id, ROW_NUMBER() OVER (PARTITION BY G ORDER BY V DESC, Id) AS rn, SUM(V) OVER (PARTITION BY S) AS s FROM T');
  await asMultiset('SELECT Id, V, rn FROM (SELECT Id, V, ROW_NUMBER() OVER (PARTITION BY G ORDER BY V DESC, Id) AS rn FROM T WHERE V IS NOT NULL) t WHERE rn <= 2');
});
