/** Generated functions are made once per source text, so a query planned again runs warm code. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generatedFunction } from '../../src/exec/compile/generated-function.js';

test('the same parameters and source give the same function; other text gives another', () => {
  const add = generatedFunction(['a', 'b'], 'return a + b;');
  assert.equal(generatedFunction(['a', 'b'], 'return a + b;'), add);
  assert.equal(add(2, 3), 5);
  assert.notEqual(generatedFunction(['a', 'b'], 'return a - b;'), add);
  // The parameter list is part of the key: same body, other names, other function.
  const other = generatedFunction(['b', 'a'], 'return a + b;');
  assert.notEqual(other, add);
  assert.equal(other('x', 'y'), 'yx');
});

test('beyond its bound the oldest function is dropped and made again on the next request', () => {
  const first = generatedFunction(['n'], 'return n * 1000;');
  for (let i = 0; i < 600; i++) generatedFunction(['n'], `return n + ${i};`);
  const again = generatedFunction(['n'], 'return n * 1000;');
  assert.notEqual(again, first);
  assert.equal(again(2), 2000);
});
