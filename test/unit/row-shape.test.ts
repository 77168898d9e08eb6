/** rowMaker: rows of one shape from values in column order, with any column name the schema may hold. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rowMaker } from '../../src/providers/row-shape.js';

test('a maker builds rows with the columns in order and the values given', () => {
  const make = rowMaker(['Id', 'Name', 'Odd "name"\\with\nbreaks', 'Clicks']);
  const at = new Date(0);
  const row = make(['1', 'a', at, null]);
  assert.deepEqual(Object.keys(row), ['Id', 'Name', 'Odd "name"\\with\nbreaks', 'Clicks']);
  assert.deepEqual(row, { Id: '1', Name: 'a', 'Odd "name"\\with\nbreaks': at, Clicks: null });
  assert.notEqual(make(['2', 'b', null, 3]), make(['2', 'b', null, 3]), 'a new object each time');
});

test('duplicate column names are refused', () => {
  assert.throws(() => rowMaker(['A', 'B', 'A']), /cannot repeat a column name/);
});
