import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sqlInfo } from '../../src/catalog/sql-info.js';
import { SCALAR_FUNCTIONS } from '../../src/exec/functions.js';
import { catalogOf, query } from './helpers.js';

const one = async (sql: string) => Object.values((await query(catalogOf(), `SELECT ${sql} AS v`))[0]!)[0];

test("CData's string functions", async () => {
  assert.equal(await one("CHARINDEX('lo', 'hello lo')"), 4);
  assert.equal(await one("CHARINDEX('lo', 'hello lo', 5)"), 7);
  assert.equal(await one("CHARINDEX('zz', 'hello')"), 0);
  assert.equal(await one("REVERSE('abc')"), 'cba');
  assert.equal(await one("REPLICATE('ab', 3)"), 'ababab');
  assert.equal(await one("STUFF('abcdef', 2, 3, 'XY')"), 'aXYef');
  assert.equal(await one("STARTSWITH('campaign', 'camp')"), true);
  assert.equal(await one("CONTAINS('campaign', 'pai')"), true);
  assert.equal(await one("ASCII('A')"), 65);
  assert.equal(await one('CHAR(66)'), 'B');
  assert.equal(await one("LPAD('7', 3, '0')"), '007');
  assert.equal(await one("ISNUMERIC('12.5')"), 1);
  assert.equal(await one("ISNUMERIC('x')"), 0);
  assert.equal(await one("REVERSE(NULL)"), null);
});

test("CData's math functions; out-of-domain values are NULL", async () => {
  assert.equal(await one('POWER(2, 10)'), 1024);
  assert.equal(await one('SQRT(16)'), 4);
  assert.equal(await one('SQRT(-1)'), null);
  assert.equal(await one('SQUARE(3)'), 9);
  assert.equal(await one('LOG(8, 2)'), 3);
  assert.equal(await one('LOG10(1000)'), 3);
  assert.equal(await one('SIGN(-4)'), -1);
  assert.equal(await one('MOD(10, 3)'), 1);
  assert.equal(await one('TRUNCATE(2.789, 1)'), 2.7);
  assert.equal(Math.round((await one('DEGREES(PI())')) as number), 180);
});

test('sys_sqlinfo lists only functions the engine has, and the constructs it runs', () => {
  const info = sqlInfo();
  for (const row of ['STRING_FUNCTIONS', 'NUMERIC_FUNCTIONS', 'DATE_FUNCTIONS', 'DATE_LITERAL_FUNCTIONS']) {
    for (const name of info[row]!.split(', ')) assert.ok(name in SCALAR_FUNCTIONS, `${row}: ${name}`);
  }
  assert.match(info.SET_OPERATIONS!, /UNION, UNION ALL, INTERSECT, EXCEPT/);
  assert.match(info.OJ_CAPABILITIES!, /LEFT, RIGHT, FULL/);
  assert.match(info.SUBQUERIES!, /EXISTS/);
  assert.match(info.WINDOW_FUNCTIONS!, /ROW_NUMBER/);
  assert.match(info.DATE_FUNCTIONS!, /DATEADD/);
});
