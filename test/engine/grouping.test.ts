import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { multiset, Oracle } from './sqlite-oracle.js';

const oracle = new Oracle([
  {
    name: 'S',
    columns: [{ name: 'G', type: 'String' }, { name: 'D', type: 'Int' }, { name: 'V', type: 'Int' }],
    rows: [
      { G: 'a', D: 1, V: 10 },
      { G: 'a', D: 2, V: 20 },
      { G: 'A', D: 2, V: 5 },
      { G: 'b', D: 4, V: null },
      { G: null, D: 1, V: 7 },
    ],
  },
]);
after(() => oracle.close());

const sameAsSqlite = async (sql: string, ordered = false) => {
  const { ours, sqlite } = await oracle.both(sql);
  if (ordered) assert.deepEqual(ours, sqlite, sql);
  else assert.deepEqual(multiset(ours), multiset(sqlite), sql);
};

test('GROUP BY expressions, select-list aliases and ordinals', async () => {
  await sameAsSqlite('SELECT UPPER(G) AS g, SUM(V) AS s FROM S GROUP BY UPPER(G)');
  await sameAsSqlite('SELECT UPPER(G) AS g, SUM(V) AS s FROM S GROUP BY g');
  await sameAsSqlite('SELECT D % 2 AS odd, COUNT(*) AS n FROM S GROUP BY 1');
  await sameAsSqlite('SELECT G, D, COUNT(*) AS n FROM S GROUP BY 1, 2');
});

test('HAVING with aggregates that are not selected; ORDER BY an alias, an ordinal or an aggregate', async () => {
  await sameAsSqlite('SELECT G FROM S GROUP BY G HAVING COUNT(*) > 1 AND MAX(V) >= 20');
  await sameAsSqlite('SELECT G, SUM(V) AS s FROM S GROUP BY G ORDER BY s DESC, G', true);
  await sameAsSqlite('SELECT G, SUM(V) AS s FROM S GROUP BY G ORDER BY 2, 1', true);
  await sameAsSqlite('SELECT G FROM S GROUP BY G ORDER BY MIN(D) DESC, G', true);
  await sameAsSqlite('SELECT COUNT(DISTINCT G) AS n, SUM(DISTINCT D) AS d FROM S');
});
