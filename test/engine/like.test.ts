/**
 * LIKE against every printable ASCII character and some non-ASCII ones, with and without ESCAPE,
 * checked against a small reference matcher (dynamic programming over code points).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { likeMatcher } from '../../src/exec/like.js';
import { PlanError } from '../../src/errors.js';
import { MemoryTable } from '../../src/catalog/memory-table.js';
import { catalogOf, query, tableInfo } from './helpers.js';

const sameLetter = (a: string, b: string): boolean => a === b || a.toLowerCase() === b.toLowerCase() || a.toUpperCase() === b.toUpperCase();

/** The reference: `%` any run, `_` one code point, escape makes the next character literal; case-insensitive. */
function referenceLike(text: string, pattern: string, escape?: string): boolean {
  const t = [...text];
  const tokens: ({ kind: 'any' } | { kind: 'one' } | { kind: 'char'; c: string })[] = [];
  const p = [...pattern];
  for (let i = 0; i < p.length; i++) {
    if (escape !== undefined && p[i] === escape) tokens.push({ kind: 'char', c: p[++i]! });
    else if (p[i] === '%') tokens.push({ kind: 'any' });
    else if (p[i] === '_') tokens.push({ kind: 'one' });
    else tokens.push({ kind: 'char', c: p[i]! });
  }
  // matches[j] = the first i tokens match the first j characters
  let matches = t.map(() => false).concat(false);
  matches[0] = true;
  for (const token of tokens) {
    const next = matches.map(() => false);
    for (let j = 0; j <= t.length; j++) {
      if (token.kind === 'any') next[j] = matches[j]! || (j > 0 && next[j - 1]!);
      else if (j > 0 && matches[j - 1]) next[j] = token.kind === 'one' || sameLetter(token.c, t[j - 1]!);
    }
    matches = next;
  }
  return matches[t.length]!;
}

/** The pattern ends with an escape character that escapes nothing. */
function dangling(pattern: string, escape: string): boolean {
  const chars = [...pattern];
  for (let i = 0; i < chars.length; i++) if (chars[i] === escape && ++i >= chars.length) return true;
  return false;
}

const PRINTABLE = Array.from({ length: 0x7f - 0x20 }, (_v, i) => String.fromCharCode(0x20 + i));
const NON_ASCII = ['é', 'É', 'ß', 'ñ', 'Ω', 'ω', '中', '😀', '\u0301', '\u00a0', '\n', '\t'];

test('every printable ASCII and some non-ASCII characters: literal, inside %...%, next to _ (no raw RegExp error)', () => {
  for (const c of [...PRINTABLE, ...NON_ASCII]) {
    if (c === '%' || c === '_') continue;
    const text = `x - ${c} y`;
    for (const pattern of [`%${c}%`, `x - ${c} y`, `%${c}_y`, `${c}`, `_ - ${c}%`]) {
      assert.equal(likeMatcher(pattern)(text), referenceLike(text, pattern), `'${text}' LIKE '${pattern}'`);
    }
    assert.equal(likeMatcher(`%${c}%`)('plain'), referenceLike('plain', `%${c}%`), c);
  }
  assert.equal(likeMatcher('%-%')('Campaign - 1'), true);
  assert.equal(likeMatcher('%-%')('Campaign 1'), false);
});

test('ESCAPE with every printable character as the escape, escaping %, _ and itself', () => {
  for (const e of [...PRINTABLE, 'é', '😀']) {
    for (const [text, pattern] of [
      ['50%', `50${e}%`],
      ['50x', `50${e}%`],
      ['a_b', `a${e}_b`],
      ['axb', `a${e}_b`],
      [`a${e}b`, `a${e}${e}b`],
      ['100% - off', `%${e}% - %`],
    ] as const) {
      if (dangling(pattern, e)) assert.throws(() => likeMatcher(pattern, e), PlanError);
      else assert.equal(likeMatcher(pattern, e)(text), referenceLike(text, pattern, e), `'${text}' LIKE '${pattern}' ESCAPE '${e}'`);
    }
  }
  assert.throws(() => likeMatcher('abc!', '!'), PlanError);
  assert.throws(() => likeMatcher('abc', '!!'), PlanError);
});

test('LIKE equals the reference for random patterns and texts (property)', () => {
  const alphabet = fc.constantFrom(...'aA%_-\\.*+?^$()[]{}|/!é😀 '.split(/(?:)/u));
  const text = fc.array(alphabet, { maxLength: 8 }).map((a) => a.join(''));
  fc.assert(
    fc.property(text, text, fc.option(fc.constantFrom('\\', '!', '-', '[', '%', '_', 'a', '😀'), { nil: undefined }), (t, p, e) => {
      if (e !== undefined && dangling(p, e)) {
        assert.throws(() => likeMatcher(p, e), PlanError);
        return;
      }
      assert.equal(likeMatcher(p, e)(t), referenceLike(t, p, e), `'${t}' LIKE '${p}'${e ? ` ESCAPE '${e}'` : ''}`);
    }),
    { numRuns: 5000, seed: 11 },
  );
});

test("SQL: Name LIKE '%-%' and NOT LIKE with ESCAPE, case-insensitive", async () => {
  const catalog = catalogOf(new MemoryTable(tableInfo('Campaigns', ['Name']), [{ Name: 'Demo - 1' }, { Name: 'plain' }, { Name: '50% OFF' }, { Name: null }]));
  const names = async (sql: string) => (await query(catalog, sql)).map((r) => r.Name);
  assert.deepEqual(await names("SELECT Name FROM Campaigns WHERE Name LIKE '%-%'"), ['Demo - 1']);
  assert.deepEqual(await names("SELECT Name FROM Campaigns WHERE Name LIKE '%!%%' ESCAPE '!'"), ['50% OFF']);
  assert.deepEqual(await names("SELECT Name FROM Campaigns WHERE Name NOT LIKE '%\\%%' ESCAPE '\\'"), ['Demo - 1', 'plain']);
  assert.deepEqual(await names("SELECT Name FROM Campaigns WHERE Name LIKE 'DEMO%'"), ['Demo - 1']);
});

test('patterns that make a RegExp backtrack or overflow its size limit: answered, no raw error', () => {
  // `%a%a…%b` against a long run of a's backtracks exponentially in a regex engine.
  const pattern = `${'%a'.repeat(40)}%b`;
  assert.equal(likeMatcher(pattern)('a'.repeat(20_000)), false);
  assert.equal(likeMatcher(pattern)(`${'a'.repeat(20_000)}b`), true);
  const long = 'x'.repeat(200_000);
  assert.equal(likeMatcher(long)(long), true);
  assert.equal(likeMatcher(`${long}%`)(`${long}y`), true);
  assert.equal(likeMatcher(long)(`${long}y`), false);
});
