import { test } from 'node:test';
import assert from 'node:assert/strict';
import stringWidth from 'string-width';
import type { Row } from '../../src/catalog/types.js';
import { explainTree, renderExplainTree } from '../../src/cli/explain-tree.js';
import { caretLines, formatErrorAt } from '../../src/cli/error-text.js';
import { SqlSyntaxError } from '../../src/errors.js';

/** EXPLAIN ANALYZE rows as the engine produces them (DESIGN §6 row contract). */
const rows: Row[] = [
  { Id: 1, ParentId: null, Operation: 'Limit', Detail: '5', EstimatedCalls: null, ActualCalls: null, ActualRows: 5 },
  { Id: 2, ParentId: 1, Operation: '  HashJoin', Detail: 'INNER ON c.Id = i.EntityId', EstimatedCalls: null, ActualCalls: null, ActualRows: 9 },
  {
    Id: 3,
    ParentId: 2,
    Operation: '    Scan',
    Detail: "Campaigns c via /12/accounts/:account_id/campaigns; pushed: :account_id=(first account), q=S (prefix, re-checked locally); local filter: c.Name LIKE 'S%'",
    EstimatedCalls: 2,
    ActualCalls: 2,
    ActualRows: 9,
  },
  { Id: 4, ParentId: 2, Operation: '    Scan', Detail: 'Insights i via /12/stats/accounts/:account_id; pushed: entity=CAMPAIGN', EstimatedCalls: 1, ActualCalls: 1, ActualRows: 40 },
];

test('EXPLAIN as a tree: one line per operator, indented, endpoint, pushed params, est/actual calls and rows, local work', () => {
  assert.equal(
    renderExplainTree(rows, undefined),
    [
      'Limit 5  [local · 5 rows]',
      '└─ HashJoin INNER ON c.Id = i.EntityId  [local · 9 rows]',
      '   ├─ Scan Campaigns c via /12/accounts/:account_id/campaigns  [API · est 2 calls · 2 calls · 9 rows]',
      '   │      pushed: :account_id=(first account), q=S (prefix, re-checked locally)',
      "   │      local filter: c.Name LIKE 'S%'",
      '   └─ Scan Insights i via /12/stats/accounts/:account_id  [API · est 1 call · 1 call · 40 rows]',
      '          pushed: entity=CAMPAIGN',
      '',
    ].join('\n'),
  );
});

test('EXPLAIN tree wraps to the screen, keeping the guides', () => {
  const text = renderExplainTree(rows, 60);
  for (const line of text.trimEnd().split('\n')) assert.ok(stringWidth(line) <= 60, line);
  assert.match(text, /\n   │ {6}pushed: :account_id=\(first account\), q=S \(prefix,\n   │ {8}re-checked locally\)\n/);
});

test('EXPLAIN as JSON: the same tree nested, for programs', () => {
  const [root] = explainTree(rows);
  assert.equal(root!.Operation, 'Limit');
  assert.equal(root!.Children[0]!.Operation, 'HashJoin');
  assert.deepEqual(
    root!.Children[0]!.Children.map((c) => [c.Operation, c.Api, c.EstimatedCalls, c.ActualCalls, c.ActualRows]),
    [
      ['Scan', true, 2, 2, 9],
      ['Scan', true, 1, 1, 40],
    ],
  );
  assert.equal(root!.Api, false);
});

test('a syntax error points with a caret; in a script the line is the script line', () => {
  const script = 'SELECT 1;\n\nSELECT Id,\n  Name FRM Campaigns;\n';
  // The parser reports line 2, column 8 of the statement that starts at script line 3.
  const error = new SqlSyntaxError('Syntax error: unexpected "FRM"', 2, 8);
  const text = formatErrorAt(error, { text: script, offset: script.indexOf('SELECT Id') });
  assert.equal(text, 'Error [SQL_SYNTAX]: Syntax error: unexpected "FRM" (line 4, column 8)\nLINE 4:   Name FRM Campaigns;\n               ^');
  // A long line is cut around the caret.
  const long = caretLines(`${'x'.repeat(100)} FRM ${'y'.repeat(100)}`, 1, 102);
  const [line, caret] = long.split('\n');
  assert.ok(line!.startsWith('LINE 1: ...') && line!.endsWith('...'));
  assert.equal(line![caret!.indexOf('^')], 'F');
});
