/**
 * Hostile SQL never escapes as a raw JS error: flat chains, deep nesting and absurd sizes either
 * work or fail with a PlanError naming the documented limit; bad casts and `WHERE *` are
 * documented errors; an AbortSignal that fires during planning cancels the query.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { connect } from '../../src/providers/twitterads/index.js';
import type { Connection } from '../../src/connection/types.js';
import { CancelledError, PlanError, SocialSqlError, SqlSyntaxError } from '../../src/errors.js';
import { SQL_LIMITS } from '../../src/sql/limits.js';

let conn: Connection;
before(async () => {
  conn = await connect('Emulator=true');
});
after(() => conn.close());

const chain = (n: number, sep: string, term: (i: number) => string) => Array.from({ length: n }, (_v, i) => term(i)).join(sep);

async function failure(sql: string): Promise<SocialSqlError> {
  try {
    await conn.query(sql);
  } catch (error) {
    assert.ok(error instanceof SocialSqlError, `${sql.slice(0, 60)}: ${String(error)}`);
    return error;
  }
  assert.fail(`${sql.slice(0, 60)} should have failed`);
}

test('OR and AND runs of 10,000 terms plan and run (balanced trees, no stack overflow)', async () => {
  const or = await conn.query(`SELECT COUNT(*) AS n FROM Campaigns WHERE ${chain(10_000, ' OR ', (i) => `Name = 'nope${i}'`)}`);
  assert.equal(or.rows[0]!.n, 0);
  const all = (await conn.query('SELECT COUNT(*) AS n FROM Campaigns')).rows[0]!.n;
  const and = await conn.query(`SELECT COUNT(*) AS n FROM Campaigns WHERE ${chain(3_000, ' AND ', (i) => `Name <> 'nope${i}'`)}`);
  assert.equal(and.rows[0]!.n, all);
});

test('a 2,000-term + chain, 3,000 NOTs and 3,000 unary minuses: PlanError naming the depth limit', async () => {
  for (const sql of [`SELECT ${chain(2_000, '+', () => '1')}`, `SELECT ${'NOT '.repeat(3_000)}1`, `SELECT ${'- '.repeat(3_000)}1`, `SELECT ${chain(30_000, ' || ', () => "'a'")}`]) {
    const error = await failure(sql);
    assert.ok(error instanceof PlanError, error.message);
    assert.match(error.message, new RegExp(`limit of ${SQL_LIMITS.expressionDepth}\\b`));
  }
  // Just under the limit works.
  const ok = await conn.query(`SELECT ${chain(900, '+', () => '1')} AS n`);
  assert.equal(ok.rows[0]!.n, 900);
});

test('deep parentheses, CASE and function nesting: a PlanError, never a RangeError', async () => {
  for (const sql of [
    `SELECT ${'('.repeat(5_000)}1${')'.repeat(5_000)}`,
    `SELECT ${'ABS('.repeat(5_000)}1${')'.repeat(5_000)}`,
    `SELECT ${'CASE WHEN 1 = 1 THEN '.repeat(5_000)}1${' END'.repeat(5_000)}`,
    `SELECT 1 FROM Campaigns WHERE Id IN (${'SELECT Id FROM Campaigns WHERE Id IN ('.repeat(300)}'x'${')'.repeat(300)})`,
  ]) {
    const error = await failure(sql);
    assert.ok(error instanceof PlanError, `${sql.slice(0, 40)}: ${error.message}`);
  }
});

test('caps on statement length, joins, table references, select items and IN values are PlanErrors before any call', async () => {
  const cases: [string, number][] = [
    [`SELECT 1 -- ${'x'.repeat(SQL_LIMITS.statementLength)}`, SQL_LIMITS.statementLength],
    [`SELECT c0.Id FROM Campaigns c0 ${chain(SQL_LIMITS.joins, ' ', (i) => `JOIN Campaigns c${i + 1} ON c${i + 1}.Id = c${i}.Id`)}`, SQL_LIMITS.joins],
    [`SELECT ${chain(SQL_LIMITS.selectItems + 1, ', ', (i) => `${i}`)}`, SQL_LIMITS.selectItems],
    [`SELECT Id FROM Campaigns WHERE Id IN (${chain(SQL_LIMITS.inValues + 1, ',', (i) => `'c${i}'`)})`, SQL_LIMITS.inValues],
    // Five scalar subqueries of 64 tables each: every block is under the join cap, the statement is not.
    [`SELECT ${chain(5, ', ', (k) => `(SELECT COUNT(*) FROM Campaigns c0 ${chain(SQL_LIMITS.joins - 1, ' ', (i) => `JOIN Campaigns c${i + 1} ON c${i + 1}.Id = c${i}.Id`)}) AS n${k}`)}`, SQL_LIMITS.tableReferences],
  ];
  for (const [sql, limit] of cases) {
    const error = await failure(sql);
    assert.ok(error instanceof PlanError, error.message);
    assert.match(error.message, new RegExp(`limit of ${limit}\\b`));
  }
  const joined = await conn.query(`SELECT COUNT(*) AS n FROM Campaigns c0 ${chain(SQL_LIMITS.joins - 1, ' ', (i) => `JOIN Campaigns c${i + 1} ON c${i + 1}.Id = c${i}.Id`)}`);
  assert.equal(joined.rows[0]!.n, (await conn.query('SELECT COUNT(*) AS n FROM Campaigns')).rows[0]!.n);
});

test('CAST(CAST(9e15 AS DATETIME) AS VARCHAR) and friends are PlanErrors, not RangeError', async () => {
  for (const sql of ['SELECT CAST(CAST(9e15 AS DATETIME) AS VARCHAR)', 'SELECT CAST(9e15 AS DATETIME)', 'SELECT CAST(-9e15 AS DATETIME)']) {
    const error = await failure(sql);
    assert.ok(error instanceof PlanError, error.message);
    assert.match(error.message, /DATETIME range/);
  }
  const ok = await conn.query('SELECT CAST(CAST(0 AS DATETIME) AS VARCHAR) AS t');
  assert.equal(ok.rows[0]!.t, '1970-01-01T00:00:00.000Z');
});

test('DELETE FROM Campaigns WHERE * is a SqlSyntaxError at the *', async () => {
  for (const [sql, column] of [['DELETE FROM Campaigns WHERE *', 29], ['SELECT Id FROM Campaigns WHERE 1 + *', 36]] as const) {
    const error = await failure(sql);
    assert.ok(error instanceof SqlSyntaxError, error.message);
    assert.equal(error.column, column);
    assert.doesNotMatch(error.message, /undefined/);
  }
});

test('an AbortSignal that fires while a statement is parsed and planned cancels it', async () => {
  const controller = new AbortController();
  // The abort comes due during the synchronous parse of a large statement.
  setTimeout(() => controller.abort(), 1);
  const sql = `SELECT COUNT(*) FROM Campaigns WHERE ${chain(8_000, ' OR ', (i) => `Name = 'nope${i}'`)}`;
  await assert.rejects(conn.query(sql, undefined, { signal: controller.signal }), CancelledError);
  const aborted = AbortSignal.abort();
  await assert.rejects(conn.query('SELECT 1', undefined, { signal: aborted }), CancelledError);
});
