/** Planned calls of every Instagram table and key column, with no HTTP (see twitterads-calls.test.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PlanError } from '../../src/errors.js';
import { instagramSchemas } from '../../src/providers/instagram/catalog.js';
import type { PushdownHandling, PushdownPredicate } from '../../src/source/contract.js';
import { cmp, drain, eq, FakeClient, isIn, param, plannedTexts, request, tableOf } from './fake-client.js';

const U = '17841400000000001';
const M1 = '17900000000000001';
const M2 = '17900000000000002';
const M3 = '17900000000000003';

interface Case {
  readonly table: string;
  readonly where: readonly PushdownPredicate[];
  readonly columns?: readonly string[];
  readonly calls: readonly (readonly string[])[];
  readonly handling?: readonly PushdownHandling[];
}

const cases: Record<string, Case> = {
  'Accounts: Id fills the path of the object read': { table: 'Accounts', where: [eq('Id', U)], columns: ['Id', 'Username'], calls: [[`GET /${U}?fields=id,username`]], handling: ['exact'] },
  'Pages: /me/accounts with the fields read': { table: 'Pages', where: [], columns: ['Id', 'Name'], calls: [['GET /me/accounts?fields=id,name']] },
  'Media: AccountId fills the path': { table: 'Media', where: [eq('AccountId', U)], calls: [[`GET /${U}/media?fields=id`]], handling: ['exact'] },
  'Media: Timestamp bounds go to since and until as Unix seconds, re-checked': {
    table: 'Media',
    where: [eq('AccountId', U), cmp('Timestamp', '>=', '2024-01-01T00:00:00Z'), cmp('Timestamp', '<', '2024-02-01T00:00:00Z')],
    calls: [[`GET /${U}/media?fields=id&since=1704067200&until=1706745600`]],
    handling: ['exact', 'inexact', 'inexact'],
  },
  'Media: Id reads by key through ?ids=, up to 50 a call': { table: 'Media', where: [isIn('Id', M1, M2)], calls: [[`GET /?fields=id&ids=${M1},${M2}`]], handling: ['exact'] },
  'Comments: MediaId IN is one request per media, in one batch call': {
    table: 'Comments',
    where: [isIn('MediaId', M1, M2, M3)],
    calls: [[`GET /${M1}/comments?fields=id`, `GET /${M2}/comments?fields=id`, `GET /${M3}/comments?fields=id`]],
    handling: ['exact'],
  },
  'Children: MediaId fills the path': { table: 'Children', where: [eq('MediaId', M1)], calls: [[`GET /${M1}/children?fields=id`]] },
  'Replies: CommentId fills the path': { table: 'Replies', where: [eq('CommentId', M2)], columns: ['Id', 'Text'], calls: [[`GET /${M2}/replies?fields=id,text`]] },
  'Stories: AccountId fills the path': { table: 'Stories', where: [eq('AccountId', U)], calls: [[`GET /${U}/stories?fields=id`]] },
  'Tags: AccountId fills the path': { table: 'Tags', where: [eq('AccountId', U)], calls: [[`GET /${U}/tags?fields=id`]] },
};

for (const [name, c] of Object.entries(cases)) {
  test(`planned calls: ${name}`, async () => {
    const client = new FakeClient({ batchLimit: 50 });
    const plan = tableOf(instagramSchemas, c.table, client).plan(request(c.where, c.columns));
    assert.deepEqual(plannedTexts(plan), c.calls);
    if (c.handling) assert.deepEqual(plan.handling, c.handling);
    await drain(plan);
    assert.deepEqual(client.sent, c.calls);
    assert.equal(plan.explain().estimatedCalls, c.calls.length);
  });
}

test('planned calls: 120 media ids go out as 3 batch calls of up to 50 requests', () => {
  const ids = Array.from({ length: 120 }, (_, i) => `179000000000${String(i).padStart(5, '0')}`);
  const plan = tableOf(instagramSchemas, 'Comments', new FakeClient({ batchLimit: 50 })).plan(request([isIn('MediaId', ...ids)]));
  assert.deepEqual((plannedTexts(plan) as string[][]).map((batch) => batch.length), [50, 50, 20]);
  assert.equal(plan.explain().estimatedCalls, 3);
});

test('planned calls: a required key column with no default is a PlanError before any call', () => {
  assert.throws(() => tableOf(instagramSchemas, 'Replies').plan(request([])), (e) => e instanceof PlanError && /Replies needs a filter on CommentId/.test(e.message));
});

test('planned calls: MediaId from a join is planned once the keys are known', () => {
  const plan = tableOf(instagramSchemas, 'Comments', new FakeClient({ batchLimit: 50 })).plan(request([param('MediaId', 'join:c')]));
  assert.equal(plan.explain().estimatedCalls, null);
  assert.deepEqual(plannedTexts(plan, new Map([['join:c', [M1, M2]]])), [[`GET /${M1}/comments?fields=id`, `GET /${M2}/comments?fields=id`]]);
});

test('planned calls: a by-id read does not send AccountId, so it is re-checked locally', () => {
  const plan = tableOf(instagramSchemas, 'Media').plan(request([eq('AccountId', U), eq('Id', M1)]));
  assert.deepEqual(plannedTexts(plan), [[`GET /?fields=id&ids=${M1}`]]);
  assert.deepEqual(plan.handling, ['inexact', 'exact']);
});
