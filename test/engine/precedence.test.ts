/**
 * Operator precedence follows SQL Server's table, in every clause; EXPLAIN's formatter prints the
 * parentheses a tree needs (format → parse gives the same tree, checked as a property); and a
 * conjunct sent to the API is a real top-level conjunct.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Expr } from '../../src/sql/ir.js';
import { parseStatements } from '../../src/sql/parse.js';
import { formatExpr } from '../../src/sql/format.js';
import { SqlSyntaxError } from '../../src/errors.js';
import { startHarness } from '../twitterads/harness.js';

/** Every node in parentheses: shows the tree's shape. */
function shape(e: Expr): string {
  switch (e.kind) {
    case 'ColumnRef':
      return e.column;
    case 'Literal':
      return JSON.stringify(e.value);
    case 'Unary':
      return `(${e.op} ${shape(e.operand)})`;
    case 'Binary':
      return `(${shape(e.left)} ${e.op} ${shape(e.right)})`;
    case 'Like':
      return `(${shape(e.operand)} ${e.negated ? 'NOT ' : ''}LIKE ${shape(e.pattern)})`;
    case 'InList':
      return `(${shape(e.operand)} IN [${e.items.map(shape).join(',')}])`;
    case 'Between':
      return `(${shape(e.operand)} BETWEEN ${shape(e.low)} ${shape(e.high)})`;
    case 'IsNull':
      return `(${shape(e.operand)} IS${e.negated ? ' NOT' : ''} NULL)`;
    default:
      return formatExpr(e);
  }
}

/** AND and OR runs as flat lists: the parser balances them, so only their order of operands matters. */
function normalize(e: unknown): unknown {
  if (Array.isArray(e)) return e.map(normalize);
  if (e === null || typeof e !== 'object') return e;
  const node = e as Record<string, unknown>;
  if (node.kind === 'Binary' && (node.op === 'AND' || node.op === 'OR')) {
    const operands: unknown[] = [];
    const stack: unknown[] = [node];
    while (stack.length > 0) {
      const x = stack.pop() as Record<string, unknown>;
      if (x.kind === 'Binary' && x.op === node.op) stack.push(x.right, x.left);
      else operands.push(normalize(x));
    }
    return { kind: 'Run', op: node.op, operands };
  }
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, normalize(v)]));
}

const whereOf = (sql: string): Expr => {
  const s = parseStatements(sql)[0]!;
  assert.ok(s.kind === 'Select' && s.where);
  return s.where;
};

const CASES: [string, string][] = [
  ['a OR b AND c', '(a OR (b AND c))'],
  ['a AND b OR c', '((a AND b) OR c)'],
  ['a AND b OR c AND d', '((a AND b) OR (c AND d))'],
  ['a OR b AND c OR d AND e', '(a OR ((b AND c) OR (d AND e)))'],
  ['a OR b OR c', '(a OR (b OR c))'],
  ['a OR b OR c OR d', '((a OR b) OR (c OR d))'],
  ['(a OR b) AND c', '((a OR b) AND c)'],
  ['a OR (b OR c) AND d', '(a OR ((b OR c) AND d))'],
  ['NOT a AND b', '((NOT a) AND b)'],
  ['NOT a OR b AND c', '((NOT a) OR (b AND c))'],
  ['a OR NOT b AND c', '(a OR ((NOT b) AND c))'],
  ['NOT a = 1', '(NOT (a = 1))'],
  ['NOT a LIKE b AND c', '((NOT (a LIKE b)) AND c)'],
  ['NOT NOT a AND b', '((NOT (NOT a)) AND b)'],
  ['a = 1 OR b BETWEEN 1 AND 2 AND c', '((a = 1) OR ((b BETWEEN 1 2) AND c))'],
  ['a OR b IS NULL AND c IN (1, 2)', '(a OR ((b IS NULL) AND (c IN [1,2])))'],
  ['a OR b LIKE c AND d', '(a OR ((b LIKE c) AND d))'],
  ['a + b LIKE c', '((a + b) LIKE c)'],
  ['a + b * c - d / e % f', '((a + (b * c)) - ((d / e) % f))'],
  ['a - b - c', '((a - b) - c)'],
  ['a - (b - c)', '(a - (b - c))'],
  ['a / b * c', '((a / b) * c)'],
  ['a % b * c', '((a % b) * c)'],
  // `||` (concatenation) sits with + and -, left to right, as in SQL Server.
  ['a + b || c', '((a + b) || c)'],
  ['a || b + c', '((a || b) + c)'],
  ['a * b || c', '((a * b) || c)'],
  ['a || b * c', '(a || (b * c))'],
  ['a || b = c', '((a || b) = c)'],
  ['a = b || c', '(a = (b || c))'],
  ['- a * b', '((- a) * b)'],
  ['a < b = c', '((a < b) = c)'],
];

test('AND binds tighter than OR, and every level follows SQL Server, in WHERE, the select list, HAVING, ON, UPDATE and DELETE', () => {
  for (const [text, expected] of CASES) {
    assert.equal(shape(whereOf(`SELECT 1 FROM t WHERE ${text}`)), expected, `WHERE ${text}`);
    const select = parseStatements(`SELECT ${text} FROM t`)[0]!;
    const item = select.kind === 'Select' ? select.items[0] : undefined;
    assert.ok(item?.kind === 'SelectExpr');
    assert.equal(shape(item.expr), expected, `SELECT ${text}`);
  }
  const having = parseStatements('SELECT 1 FROM t GROUP BY a HAVING a OR b AND c')[0]!;
  assert.ok(having.kind === 'Select' && having.having);
  assert.equal(shape(having.having), '(a OR (b AND c))');
  const join = parseStatements('SELECT 1 FROM t JOIN u ON a OR b AND c')[0]!;
  assert.ok(join.kind === 'Select' && join.from?.joins[0]?.on);
  assert.equal(shape(join.from.joins[0].on), '(a OR (b AND c))');
  for (const sql of ['DELETE FROM t WHERE a OR b AND c', 'UPDATE t SET x = 1 WHERE a OR b AND c']) {
    const s = parseStatements(sql)[0]!;
    assert.ok((s.kind === 'Delete' || s.kind === 'Update') && s.where);
    assert.equal(shape(s.where), '(a OR (b AND c))', sql);
  }
  const inCase = parseStatements('SELECT CASE WHEN a OR b AND c THEN 1 END FROM t')[0]!;
  const caseItem = inCase.kind === 'Select' ? inCase.items[0] : undefined;
  assert.ok(caseItem?.kind === 'SelectExpr' && caseItem.expr.kind === 'Case');
  assert.equal(shape(caseItem.expr.whens[0]!.when), '(a OR (b AND c))');
});

test('bitwise operators and XOR are syntax errors with a position, not silently re-read', () => {
  for (const [sql, column] of [['SELECT a & b FROM t', 10], ['SELECT a | b FROM t', 10], ['SELECT ~a FROM t', 8], ['SELECT a ^ b FROM t', 10], ['SELECT a XOR b FROM t', 14]] as const) {
    assert.throws(() => parseStatements(sql), (e: unknown) => e instanceof SqlSyntaxError && e.column === column, sql);
  }
});

test('a run of 20,000 ORs parses as a balanced tree, in the order written', () => {
  const where = whereOf(`SELECT 1 FROM t WHERE ${Array.from({ length: 20_000 }, (_v, i) => `a = ${i}`).join(' OR ')}`);
  let depth = 0;
  for (let level: Expr[] = [where]; level.length > 0; depth++) level = level.flatMap((e) => (e.kind === 'Binary' && e.op === 'OR' ? [e.left, e.right] : []));
  assert.ok(depth <= 16, `depth ${depth}`);
  const run = normalize(where) as { operands: { right: { value: number } }[] };
  assert.deepEqual(run.operands.map((o) => o.right.value), Array.from({ length: 20_000 }, (_v, i) => i));
});

test('EXPLAIN formatting round-trips: parse(format(tree)) is the same tree (property)', () => {
  const rec = <T>(shape: { [K in keyof T]: fc.Arbitrary<T[K]> }): fc.Arbitrary<Expr> => fc.record(shape, { noNullPrototype: true }) as unknown as fc.Arbitrary<Expr>;
  const column = fc.constantFrom('a', 'b', 'Name', 'Order', 'Key', 'select', 'two words');
  const literal = fc.oneof(
    fc.integer({ min: 0, max: 1_000_000 }),
    fc.double({ min: 0, max: 1e6, noNaN: true, noDefaultInfinity: true }).filter((d) => !Object.is(d, -0)),
    fc.string({ maxLength: 6 }),
    fc.constantFrom(null, true, false),
  );
  const leaf: fc.Arbitrary<Expr> = fc.oneof(
    column.map((c): Expr => ({ kind: 'ColumnRef', column: c })),
    literal.map((v): Expr => ({ kind: 'Literal', value: v })),
  );
  const binaryOps = ['OR', 'AND', '=', '<>', '<', '<=', '>', '>=', '+', '-', '||', '*', '/', '%'] as const;
  const { expr } = fc.letrec<{ expr: Expr }>((tie) => ({
    expr: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      rec({ kind: fc.constant('Binary' as const), op: fc.constantFrom(...binaryOps), left: tie('expr'), right: tie('expr') }),
      rec({ kind: fc.constant('Unary' as const), op: fc.constantFrom('NOT' as const, '-' as const), operand: tie('expr') }),
      rec({ kind: fc.constant('Like' as const), operand: tie('expr'), pattern: leaf, negated: fc.boolean() }),
      rec({ kind: fc.constant('IsNull' as const), operand: tie('expr'), negated: fc.boolean() }),
      rec({ kind: fc.constant('InList' as const), operand: tie('expr'), items: fc.array(leaf, { minLength: 1, maxLength: 3 }), negated: fc.boolean() }),
      rec({ kind: fc.constant('Between' as const), operand: tie('expr'), low: leaf, high: leaf, negated: fc.boolean() }),
    ),
  }));
  fc.assert(
    fc.property(expr, (tree) => {
      const text = formatExpr(tree);
      const reparsed = whereOf(`SELECT 1 FROM t WHERE ${text}`);
      assert.deepEqual(normalize(reparsed), normalize(tree), text);
    }),
    { numRuns: 2000, seed: 7 },
  );
});

test('OR with AND over LineItems: the right count, and only top-level conjuncts go to the API', async () => {
  const h = await startHarness();
  try {
    const all = (await h.conn.query('SELECT PayBy, Currency, BidStrategy FROM LineItems')).rows;
    const expected = all.filter((r) => r.PayBy === 'ENGAGEMENT' || (r.Currency === 'USD' && r.BidStrategy === 'MAX')).length;
    const wrong = all.filter((r) => (r.PayBy === 'ENGAGEMENT' || r.Currency === 'USD') && r.BidStrategy === 'MAX').length;
    assert.notEqual(expected, wrong, 'the data tells the two readings apart');
    const { rows } = await h.conn.query("SELECT COUNT(*) AS n FROM LineItems WHERE PayBy = 'ENGAGEMENT' OR Currency = 'USD' AND BidStrategy = 'MAX'");
    assert.equal(rows[0]!.n, expected);

    const explained = (await h.conn.query("EXPLAIN SELECT Id FROM LineItems WHERE Id = 'x' OR CampaignId = 'c' AND AccountId = 'acc'")).rows;
    const details = explained.map((r) => String(r.Detail)).join('\n');
    assert.match(details, /Id = 'x' OR CampaignId = 'c' AND AccountId = 'acc'/);
    assert.doesNotMatch(details, /campaign_ids|line_item_ids/, 'no id of an OR branch is sent to the API');
  } finally {
    await h.close();
  }
});
