import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bindParameters, parseStatements } from '../../src/engine.js';
import type { Expr, SelectStatement } from '../../src/engine.js';
import { COLLAPSED_IN_LIST_MIN, rewriteForParser } from '../../src/sql/dialect-rewrite.js';
import { tokenize } from '../../src/sql/tokenizer.js';
import { select, syntaxError } from './helpers.js';

const rewritten = (sql: string) => {
  const tokens = tokenize(sql);
  return rewriteForParser(sql, tokens.slice(0, -1), tokens[tokens.length - 1]!);
};

function inList(where: Expr | undefined): Extract<Expr, { kind: 'InList' }> {
  const stack: Expr[] = where ? [where] : [];
  while (stack.length > 0) {
    const e = stack.pop()!;
    if (e.kind === 'InList') return e;
    if (e.kind === 'Binary') stack.push(e.left, e.right);
  }
  return assert.fail('no InList');
}

const MIXED = ['?', '@acct', "'a,?b'", '12', '?', '1.5e3', "N'it''s'", '?', '?'];

test('a long IN list of plain values reaches the grammar as one marker', () => {
  const items = Array.from({ length: 1000 }, () => '?');
  const r = rewritten(`SELECT Id FROM Media WHERE EntityId IN (${items.join(', ')}) AND Metric = ?`);
  assert.match(r.text, /`EntityId` IN \( :__V0 \) AND `Metric` = :__P0$/);
  assert.equal(r.valueLists.length, 1);
  assert.equal(r.valueLists[0]!.length, 1000);
  assert.deepEqual(r.valueLists[0]![999], { kind: 'Param', ref: { kind: 'Positional', index: 999 } });
  // The `?` after the list keeps its number: 1000 came before it.
  assert.deepEqual(r.params, [{ kind: 'Positional', index: 1000 }]);
});

test('a short list, or one with anything but plain values, goes to the grammar as written', () => {
  const short = Array.from({ length: COLLAPSED_IN_LIST_MIN - 1 }, () => '?').join(', ');
  assert.doesNotMatch(rewritten(`SELECT a FROM t WHERE a IN (${short})`).text, /__V/);
  const long = Array.from({ length: 20 }, () => '?');
  for (const odd of ['-1', '(?)', 'DATE \'2024-01-01\'', 'b', 'NULL', 'SELECT 1']) {
    assert.doesNotMatch(rewritten(`SELECT a FROM t WHERE a IN (${[...long, odd].join(', ')})`).text, /__V/, odd);
  }
});

test('the collapsed IR equals the grammar path item for item, with ? numbering across the list', () => {
  const fast = `SELECT Id FROM T WHERE A = ? AND B NOT IN (${MIXED.join(', ')}) AND C = ?`;
  // `(?)` as the first item keeps the list out of the fast path; the IR must not differ.
  const slow = `SELECT Id FROM T WHERE A = ? AND B NOT IN ((${MIXED[0]}), ${MIXED.slice(1).join(', ')}) AND C = ?`;
  assert.match(rewritten(fast).text, /__V0/);
  assert.doesNotMatch(rewritten(slow).text, /__V/);
  assert.deepEqual(parseStatements(fast), parseStatements(slow));
  const list = inList(select(fast).where);
  assert.equal(list.negated, true);
  assert.deepEqual(list.items, [
    { kind: 'Param', ref: { kind: 'Positional', index: 1 } },
    { kind: 'Param', ref: { kind: 'Named', name: 'acct' } },
    { kind: 'Literal', value: 'a,?b' },
    { kind: 'Literal', value: 12 },
    { kind: 'Param', ref: { kind: 'Positional', index: 2 } },
    { kind: 'Literal', value: 1500 },
    { kind: 'Literal', value: "it's" },
    { kind: 'Param', ref: { kind: 'Positional', index: 3 } },
    { kind: 'Param', ref: { kind: 'Positional', index: 4 } },
  ]);
});

test('bound values land in the collapsed list in text order', () => {
  const sql = `SELECT Id FROM T WHERE A = ? AND B IN (${Array.from({ length: 10 }, () => '?').join(', ')}) AND C = ?`;
  const values = Array.from({ length: 12 }, (_, i) => `v${i}`);
  const bound = bindParameters(select(sql), values) as SelectStatement;
  assert.deepEqual(inList(bound.where).items.map((e) => (e.kind === 'Literal' ? e.value : '?')), values.slice(1, 11));
  assert.ok(JSON.stringify(bound.where).includes('"v11"'));
});

test('strings, comments and quoted identifiers holding ? and , are not list items', () => {
  const sql = `SELECT [a?,b] FROM t /* IN (?, ?, ?, ?, ?, ?, ?, ?) */ WHERE x IN ('?', '?,?', ${Array.from({ length: 8 }, () => '?').join(',')}) -- ?, ?\n AND "y,?" = ?`;
  const s = select(sql);
  const list = inList(s.where);
  assert.equal(list.items.length, 10);
  assert.deepEqual(list.items.slice(0, 2), [{ kind: 'Literal', value: '?' }, { kind: 'Literal', value: '?,?' }]);
  assert.deepEqual(list.items[9], { kind: 'Param', ref: { kind: 'Positional', index: 7 } });
  assert.ok(JSON.stringify(s.where).includes('{"kind":"Positional","index":8}'));
});

test('a syntax error after a collapsed list points at the character the user wrote', () => {
  const list = Array.from({ length: 500 }, (_, i) => (i % 2 === 0 ? '?' : `'v${i}'`));
  const fast = `SELECT Id FROM T\nWHERE B IN (${list.join(',\n  ')}) AND AND C = 1`;
  const error = syntaxError(fast);
  assert.match(error.message, /unexpected "C"/);
  const at = fast.lastIndexOf('C = 1');
  const before = fast.slice(0, at);
  assert.deepEqual([error.line, error.column], [before.split('\n').length, at - before.lastIndexOf('\n')]);
  assert.equal(error.line, 501);
  // The grammar path (first item parenthesised: same lines below it) reports the same place.
  const slow = syntaxError(`SELECT Id FROM T\nWHERE B IN ((${list[0]}),\n  ${list.slice(1).join(',\n  ')}) AND AND C = 1`);
  assert.deepEqual([slow.message, slow.line, slow.column], [error.message, error.line, error.column]);
  // A malformed list is not collapsed: the grammar names the bad comma.
  const broken = syntaxError('SELECT Id FROM T WHERE B IN (?, ?, ?, ?, ?, ?, ?, ?, ?,, ?)');
  assert.equal(broken.column, 'SELECT Id FROM T WHERE B IN (?, ?, ?, ?, ?, ?, ?, ?, ?,'.length + 1);
});

test('the IN value limit still counts every item of a collapsed list', () => {
  const sql = `SELECT Id FROM T WHERE B IN (${Array.from({ length: 10_001 }, () => '?').join(',')})`;
  assert.throws(() => parseStatements(sql), /Too many values in IN \(\.\.\.\): 10001/);
});
