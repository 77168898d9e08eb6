/** COUNT(DISTINCT a, b): distinct pairs with no NULL part, as MySQL counts them (SQLite has no such form: compared with a DISTINCT subquery). */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { SqlSyntaxError } from '../../src/errors.js';
import { query } from './helpers.js';
import { Oracle } from './sqlite-oracle.js';

const oracle = new Oracle([
  {
    name: 'T',
    columns: [{ name: 'G', type: 'String' }, { name: 'A', type: 'String' }, { name: 'B', type: 'Int' }],
    rows: [
      { G: 'x', A: 'a', B: 1 },
      { G: 'x', A: 'a', B: 1 },
      { G: 'x', A: 'a', B: 2 },
      { G: 'x', A: 'b', B: 1 },
      { G: 'x', A: null, B: 1 },
      { G: 'y', A: 'a', B: null },
      { G: 'y', A: '1', B: 1 },
      { G: 'y', A: 'a"', B: 1 },
      { G: 'y', A: 'a', B: 1 },
    ],
  },
]);
after(() => oracle.close());

test('COUNT(DISTINCT a, b) counts distinct pairs and skips pairs with a NULL', async () => {
  const whole = await oracle.both('SELECT COUNT(DISTINCT A, B) FROM T', 'SELECT COUNT(*) FROM (SELECT DISTINCT A, B FROM T WHERE A IS NOT NULL AND B IS NOT NULL)');
  assert.deepEqual(whole.ours, whole.sqlite);
  assert.deepEqual(whole.ours, [[5]]);
  const grouped = await oracle.both(
    'SELECT G, COUNT(DISTINCT A, B) AS n, COUNT(DISTINCT A) AS na, COUNT(DISTINCT A, B, G) AS n3 FROM T GROUP BY G ORDER BY G',
    'SELECT G, (SELECT COUNT(*) FROM (SELECT DISTINCT A, B FROM T u WHERE u.G = t.G AND A IS NOT NULL AND B IS NOT NULL)), COUNT(DISTINCT A), ' +
      '(SELECT COUNT(*) FROM (SELECT DISTINCT A, B, G FROM T u WHERE u.G = t.G AND A IS NOT NULL AND B IS NOT NULL)) FROM T t GROUP BY G ORDER BY G',
  );
  assert.deepEqual(grouped.ours, grouped.sqlite);
  assert.deepEqual(grouped.ours, [['x', 3, 2, 3], ['y', 3, 3, 3]]);
  // The column is named as written, and HAVING can use it.
  const rows = await query(oracle.catalog, 'SELECT G, COUNT(DISTINCT A, B) FROM T GROUP BY G HAVING COUNT(DISTINCT A, B) > 2 ORDER BY G');
  assert.deepEqual(rows, [{ G: 'x', 'COUNT(DISTINCT A, B)': 3 }, { G: 'y', 'COUNT(DISTINCT A, B)': 3 }]);
});

test('several arguments only with COUNT(DISTINCT …): a syntax error with a position otherwise', async () => {
  for (const sql of ['SELECT COUNT(A, B) FROM T', 'SELECT SUM(DISTINCT A, B) FROM T']) {
    await assert.rejects(query(oracle.catalog, sql), (e: unknown) => e instanceof SqlSyntaxError && /takes one argument/.test(e.message) && /line 1, column 8/.test(e.message), sql);
  }
  // The grammar itself refuses MAX(a, b).
  await assert.rejects(query(oracle.catalog, 'SELECT MAX(A, B) FROM T'), (e: unknown) => e instanceof SqlSyntaxError && /line 1, column 13/.test(e.message));
});
