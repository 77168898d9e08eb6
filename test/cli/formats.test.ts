import { test } from 'node:test';
import assert from 'node:assert/strict';
import stringWidth from 'string-width';
import type { Field, Row } from '../../src/catalog/types.js';
import { createResultWriter, type OutputMode, type WriterOptions } from '../../src/cli/formats.js';
import { fitColumnWidths } from '../../src/cli/table-layout.js';

function render(mode: OutputMode, fields: Field[], rows: Row[], options: WriterOptions = {}): string {
  const writer = createResultWriter(mode, options);
  let text = writer.begin(fields);
  for (const row of rows) text += writer.row(row);
  return text + writer.finish();
}

const wideFields: Field[] = [
  { name: 'Id', type: 'String' },
  { name: 'Name', type: 'String' },
  { name: 'EntityStatus', type: 'String' },
  { name: 'DailyBudgetAmountLocalMicro', type: 'Long' },
  { name: 'StartTime', type: 'Datetime' },
  { name: 'ReasonsNotServable', type: 'String' },
];
const wideRows: Row[] = [
  { Id: 'hsa0t4', Name: 'Q1 Promo - Broad 93', EntityStatus: 'ACTIVE', DailyBudgetAmountLocalMicro: 1000000, StartTime: new Date('2025-05-23T18:25:00Z'), ReasonsNotServable: '' },
  { Id: 'hsa0t3', Name: 'Summer Launch - Followers 36', EntityStatus: 'PAUSED', DailyBudgetAmountLocalMicro: 25_000_000, StartTime: new Date('2025-05-18T16:25:00Z'), ReasonsNotServable: 'PAUSED_BY_ADVERTISER,EXPIRED' },
];

test('table mode fits 80 and 120 columns: every line within the screen, numbers and times whole', () => {
  for (const width of [80, 120]) {
    const text = render('table', wideFields, wideRows, { screenWidth: width });
    const lines = text.trimEnd().split('\n');
    for (const line of lines) assert.ok(stringWidth(line) <= width, `${width}: ${stringWidth(line)} > ${width}: ${line}`);
    assert.ok(lines[0]!.startsWith('┌'), 'a table, not records');
    // Numbers right-aligned and whole; times not cut.
    assert.match(text, /│ +25000000 │ 2025-05-18T16:25:00Z │/);
    assert.match(text, /│ +1000000 │ 2025-05-23T18:25:00Z │/);
  }
  // At 120 the table fits with only the long header wrapped.
  const at120 = render('table', wideFields, wideRows, { screenWidth: 120 });
  assert.match(at120, /│ hsa0t3 │ Summer Launch - Followers 36 │ PAUSED +│ +25000000 │ 2025-05-18T16:25:00Z │ PAUSED_BY_ADVERTISER,EXPIRED │/);
  // At 80, text wraps inside its column: Name over several lines.
  const at80 = render('table', wideFields, wideRows, { screenWidth: 80 });
  assert.ok(!at80.includes('Summer Launch - Followers 36'));
  assert.match(at80, /│ Summer +│/);
});

test('wider than the screen even at minimum widths: one record per block (psql \\x auto); .expanded on forces it', () => {
  const fields: Field[] = Array.from({ length: 12 }, (_, i) => ({ name: `Metric${i}`, type: 'Long' as const }));
  const row: Row = Object.fromEntries(fields.map((f, i) => [f.name, 1_000_000_000 + i]));
  const text = render('table', fields, [row, row], { screenWidth: 80 });
  assert.ok(text.startsWith('-[ RECORD 1 ]'), text);
  assert.match(text, /\nMetric0 +\| 1000000000\n/);
  assert.match(text, /-\[ RECORD 2 \]/);
  assert.ok(text.endsWith('(2 rows)\n'));
  const forced = render('table', [{ name: 'a', type: 'Int' }], [{ a: 1 }], { expanded: 'on' });
  assert.equal(forced, '-[ RECORD 1 ]\na | 1\n(1 row)\n');
  // Off: natural widths even when too wide.
  assert.ok(render('table', fields, [row], { screenWidth: 80, expanded: 'off' }).startsWith('┌'));
});

test('NULL is distinct from the string NULL; .nullvalue sets its text; csv/tsv print it empty, json as null', () => {
  const fields: Field[] = [{ name: 'v', type: 'String' }];
  const rows: Row[] = [{ v: null }, { v: 'NULL' }];
  assert.equal(render('table', fields, rows), '┌──────┐\n│ v    │\n├──────┤\n│ ∅    │\n│ NULL │\n└──────┘\n(2 rows)\n');
  assert.match(render('table', fields, rows, { nullText: '(null)' }), /│ \(null\) │\n│ NULL   │/);
  assert.equal(render('csv', fields, rows), 'v\n\nNULL\n');
  assert.equal(render('tsv', fields, rows), 'v\n\nNULL\n');
  assert.equal(render('json', fields, rows), '[{"v":null},{"v":"NULL"}]\n');
  assert.equal(render('line', fields, rows), 'v = ∅\n\nv = NULL\n');
});

test('box, markdown, tsv, json pretty, headers off, csv separator', () => {
  const fields: Field[] = [{ name: 'Name', type: 'String' }, { name: 'N', type: 'Int' }];
  const rows: Row[] = [{ Name: 'a|b', N: 1 }, { Name: 'tab\there', N: 22 }];
  assert.equal(
    render('box', fields, [{ Name: 'x', N: 1 }, { Name: 'y', N: 2 }]),
    '┌──────┬───┐\n│ Name │ N │\n├──────┼───┤\n│ x    │ 1 │\n├──────┼───┤\n│ y    │ 2 │\n└──────┴───┘\n(2 rows)\n',
  );
  assert.equal(render('markdown', fields, rows), '| Name     | N   |\n|----------|----:|\n| a\\|b     |   1 |\n| tab here |  22 |\n(2 rows)\n');
  assert.equal(render('tsv', fields, rows), 'Name\tN\na|b\t1\ntab\\there\t22\n');
  assert.equal(render('tsv', fields, rows, { headers: false }), 'a|b\t1\ntab\\there\t22\n');
  assert.equal(render('csv', fields, rows, { separator: ';', headers: false }), 'a|b;1\ntab\there;22\n');
  assert.equal(render('json', fields, rows.slice(0, 1), { jsonPretty: true }), '[\n  {\n    "Name": "a|b",\n    "N": 1\n  }\n]\n');
  assert.equal(render('json', fields, [], { jsonPretty: true }), '[]\n');
  assert.equal(render('table', fields, [{ Name: 'x', N: 1 }], { headers: false }), '┌───┬───┐\n│ x │ 1 │\n└───┴───┘\n(1 row)\n');
});

test('East-Asian wide characters and emoji take two columns: borders stay aligned', () => {
  const text = render('table', [{ name: 'Name', type: 'String' }], [{ Name: '日本語' }, { Name: 'ok 👍' }, { Name: 'plain' }]);
  const lines = text.split('\n').slice(0, 6);
  const widths = new Set(lines.map((line) => stringWidth(line)));
  assert.equal(widths.size, 1, lines.join('\n'));
  assert.match(text, /│ 日本語 │/);
});

test('.width fixes a column: text wraps to it', () => {
  const text = render('table', [{ name: 'T', type: 'String' }], [{ T: 'abcdefghij' }], { columnWidths: [4] });
  assert.equal(text, '┌──────┐\n│ T    │\n├──────┤\n│ abcd │\n│ efgh │\n│ ij   │\n└──────┘\n(1 row)\n');
});

test('Longs beyond 2^53 print every digit of their value, never an exponent', () => {
  const fields: Field[] = [{ name: 'n', type: 'Long' }];
  const text = render('table', fields, [{ n: 2 ** 60 }, { n: 1e21 }, { n: -(2 ** 53) - 2 }, { n: 0.1 }]);
  assert.match(text, /│  1152921504606846976 │\n│ 1000000000000000000000 │|│ +1152921504606846976 │/);
  assert.ok(text.includes(' 1000000000000000000000 │'));
  assert.ok(text.includes(' -9007199254740994 │'));
  assert.ok(!/e\+/.test(text));
  assert.equal(render('csv', fields, [{ n: 2 ** 60 }]), 'n\n1152921504606846976\n');
});

test('fitColumnWidths: shrinks the widest column first, respects minimums, undefined when impossible', () => {
  assert.deepEqual(fitColumnWidths([{ natural: 30, minimum: 8 }, { natural: 10, minimum: 10 }], 40), [23, 10]);
  assert.deepEqual(fitColumnWidths([{ natural: 5, minimum: 5 }], undefined), [5]);
  assert.equal(fitColumnWidths([{ natural: 30, minimum: 30 }, { natural: 10, minimum: 10 }], 40), undefined);
});
