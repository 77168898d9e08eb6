/** ROUND with a digit count past a double's range is a number, never NaN (a fuzz find: ROUND(0.000001, 18454)). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { catalogOf, query } from './helpers.js';

const one = async (sql: string) => Object.values((await query(catalogOf(), `SELECT ${sql} AS v`))[0]!)[0];

test('ROUND far right keeps the value and far left gives 0, never NaN', async () => {
  assert.equal(await one('ROUND(0.000001, 18454)'), 0.000001);
  assert.equal(await one('ROUND(1e300, 20)'), 1e300);
  assert.equal(await one('ROUND(-2.5, 400)'), -2.5);
  assert.equal(await one('ROUND(123.456, -400)'), 0);
  assert.equal(await one('ROUND(123.456, -2)'), 100);
  assert.equal(await one('ROUND(2.345, 2)'), 2.35);
  // The fuzz statement: a clear error about the value, not about NaN.
  await assert.rejects(one('CAST(ROUND(0.000001, 18454) AS BOOLEAN)'), (e: Error) => e.name === 'PlanError' && e.message === 'Cannot convert 0.000001 to BOOLEAN');
});
