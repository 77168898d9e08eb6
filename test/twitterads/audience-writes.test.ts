/**
 * Writes on targeting and audiences: INSERT/DELETE TargetingCriteria through the batch endpoint,
 * INSERT/UPDATE/DELETE CustomAudiences, and EXEC ManageAudienceUsers; the bodies the emulator
 * logged, and the API's rules refused before any call.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { PlanError } from '../../src/errors.js';
import { audienceUsersBodies, audienceUsersRequest, sha256 } from '../../src/providers/twitterads/manage-audience-users.js';
import { targetingProblem } from '../../src/providers/twitterads/targeting-writes.js';
import { call } from '../emulator/twitterads-client.js';
import { startHarness, type Harness } from './harness.js';

interface Logged {
  method: string;
  path: string;
  query: Record<string, string>;
  parts?: Array<Record<string, unknown>>;
}

let h: Harness;
let account: string;
let lineItems: string[];
before(async () => {
  h = await startHarness();
  account = h.emulator.credentials.accountIds[0]!;
  lineItems = (await h.conn.query('SELECT Id FROM LineItems')).rows.map((r) => r.Id as string);
});
after(() => h.close());

const log = async () => (await (await fetch(`${h.emulator.url}/__emulator/requests`)).json()) as Logged[];

test('INSERT INTO TargetingCriteria is one batch call for every row; the operations are as logged; DELETE is a batch of Deletes', async () => {
  // Values the seeded criteria do not have (the API refuses a duplicate criterion).
  const [a, b] = lineItems;
  await h.reset();
  const result = await h.conn.query(
    "INSERT INTO TargetingCriteria (LineItemId, TargetingType, TargetingValue, OperatorType) VALUES (?, 'BROAD_KEYWORD', 'espresso tonic', 'EQ'), (?, 'age', 'AGE_OVER_21', 'lte'), (?, 'PHRASE_KEYWORD', 'flat white', 'NE')",
    [a!, a!, b!],
  );
  assert.equal(result.affectedRows, 3);
  const sent = await log();
  assert.equal(sent.length, 1);
  assert.equal(sent[0]!.method, 'POST');
  assert.equal(sent[0]!.path, `/12/batch/accounts/${account}/targeting_criteria`);
  assert.deepEqual(sent[0]!.parts, [
    { operation_type: 'Create', params: { line_item_id: a, targeting_type: 'BROAD_KEYWORD', targeting_value: 'espresso tonic', operator_type: 'EQ' } },
    { operation_type: 'Create', params: { line_item_id: a, targeting_type: 'AGE', targeting_value: 'AGE_OVER_21', operator_type: 'LTE' } },
    { operation_type: 'Create', params: { line_item_id: b, targeting_type: 'PHRASE_KEYWORD', targeting_value: 'flat white', operator_type: 'NE' } },
  ]);
  const ids = result.rows.map((r) => r.Id as string);
  const back = (await h.conn.query(`SELECT Id, LineItemId, TargetingType, TargetingValue, OperatorType FROM TargetingCriteria WHERE LineItemId IN (?, ?) AND Id IN (?, ?, ?)`, [a!, b!, ...ids])).rows;
  assert.deepEqual(back.map((r) => `${r.LineItemId}:${r.TargetingType}:${r.TargetingValue}:${r.OperatorType}`).sort(), [`${a}:AGE:AGE_OVER_21:LTE`, `${a}:BROAD_KEYWORD:espresso tonic:EQ`, `${b}:PHRASE_KEYWORD:flat white:NE`].sort());

  await h.reset();
  const removed = await h.conn.query('DELETE FROM TargetingCriteria WHERE Id IN (?, ?)', [ids[0]!, ids[2]!]);
  assert.equal(removed.affectedRows, 2);
  const deletes = await log();
  assert.deepEqual(deletes.map((r) => [r.method, r.path, r.parts]), [
    ['POST', `/12/batch/accounts/${account}/targeting_criteria`, [{ operation_type: 'Delete', params: { targeting_criterion_id: ids[0] } }, { operation_type: 'Delete', params: { targeting_criterion_id: ids[2] } }]],
  ]);
  const left = (await h.conn.query('SELECT Id FROM TargetingCriteria WHERE LineItemId IN (?, ?) AND Id IN (?, ?, ?)', [a!, b!, ...ids])).rows.map((r) => r.Id);
  assert.deepEqual(left, [ids[1]]);
  // An id the account does not have is a row that is not there.
  assert.equal((await h.conn.query("DELETE FROM TargetingCriteria WHERE Id = 'zzzz9'")).affectedRows, 0);
});

test('600 criteria are two batch calls (500 operations a call)', async () => {
  const rows = Array.from({ length: 600 }, () => "(?, 'BROAD_KEYWORD', ?)").join(', ');
  const params = Array.from({ length: 600 }, (_, i) => [lineItems[i % 5]!, `kw${i}`]).flat();
  await h.reset();
  const result = await h.conn.query(`INSERT INTO TargetingCriteria (LineItemId, TargetingType, TargetingValue) VALUES ${rows}`, params);
  assert.equal(result.affectedRows, 600);
  assert.deepEqual((await log()).map((r) => r.parts?.length), [500, 100]);
});

test("the API's targeting rules are refused before any call, and the emulator refuses the same", async () => {
  const [a] = lineItems;
  const refused: Array<[string, unknown[], RegExp]> = [
    ["INSERT INTO TargetingCriteria (LineItemId, TargetingType, TargetingValue) VALUES (?, 'SHOE_SIZE', '42')", [a], /TargetingType must be one of AGE, .*LOCATION/],
    ["INSERT INTO TargetingCriteria (LineItemId, TargetingType, TargetingValue) VALUES (?, 'GENDER', '3')", [a], /GENDER TargetingValue is 1 \(male\) or 2/],
    ["INSERT INTO TargetingCriteria (LineItemId, TargetingType, TargetingValue, OperatorType) VALUES (?, 'BROAD_KEYWORD', 'tea', 'GTE')", [a], /row 1: OperatorType GTE is only valid for AGE/],
    ["INSERT INTO TargetingCriteria (LineItemId, TargetingType, TargetingValue, TailoredAudienceExpansion) VALUES (?, 'GENDER', '1', true)", [a], /only valid for CUSTOM_AUDIENCE/],
    ["INSERT INTO TargetingCriteria (LineItemId, TargetingType, TargetingValue) VALUES (?, 'GENDER', '1'), ('no such', 'GENDER', '1')", [a], /row 2: LineItemId "no such" is not a Twitter Ads id/],
    ["INSERT INTO TargetingCriteria (LineItemId, TargetingType, TargetingValue) VALUES (?, 'BROAD_KEYWORD', '  ')", [a], /TargetingValue must not be empty/],
  ];
  await h.reset();
  for (const [sql, params, message] of refused) await assert.rejects(h.conn.query(sql, params as string[]), (e: unknown) => e instanceof PlanError && message.test(e.message), sql);
  assert.equal((await h.calls()).requests, 0, 'no call for a refused statement');
  // The emulator holds the API's line: each refused criterion sent straight to it is refused, and nothing is applied.
  const before = (await h.conn.query('SELECT COUNT(*) AS n FROM TargetingCriteria WHERE LineItemId = ?', [a!])).rows;
  const direct: Array<Record<string, unknown>> = [
    { targeting_type: 'SHOE_SIZE', targeting_value: '42' },
    { targeting_type: 'GENDER', targeting_value: '3' },
    { targeting_type: 'BROAD_KEYWORD', targeting_value: 'tea', operator_type: 'GTE' },
    { targeting_type: 'GENDER', targeting_value: '1', tailored_audience_expansion: true },
  ];
  for (const params of direct) {
    assert.ok(targetingProblem({ LineItemId: a!, TargetingType: params.targeting_type as string, TargetingValue: params.targeting_value as string, OperatorType: (params.operator_type as string) ?? null, TailoredAudienceExpansion: (params.tailored_audience_expansion as boolean) ?? null }));
    const res = await call(h.emulator, `/12/batch/accounts/${account}/targeting_criteria`, { method: 'POST', json: [{ operation_type: 'Create', params: { line_item_id: a, ...params } }] });
    assert.equal(res.status, 400, JSON.stringify(params));
    assert.ok(res.body.operation_errors[0].length > 0, JSON.stringify(res.body));
  }
  assert.deepEqual((await h.conn.query('SELECT COUNT(*) AS n FROM TargetingCriteria WHERE LineItemId = ?', [a!])).rows, before);
});

test('CustomAudiences: INSERT is a POST per row, UPDATE a PUT, DELETE a DELETE; names are checked first', async () => {
  await h.reset();
  const created = await h.conn.query("INSERT INTO AdAudiences (Name, Description) VALUES ('Newsletter', 'signed up in 2026'), ('Churned', NULL)");
  assert.equal(created.affectedRows, 2);
  const [first, second] = created.rows.map((r) => r.Id as string);
  const posts = await log();
  assert.deepEqual(posts.map((r) => [r.method, r.path, r.query]), [
    ['POST', `/12/accounts/${account}/custom_audiences`, { name: 'Newsletter', description: 'signed up in 2026' }],
    ['POST', `/12/accounts/${account}/custom_audiences`, { name: 'Churned', description: '' }],
  ]);
  const back = (await h.conn.query('SELECT Id, Name, Description FROM CustomAudiences WHERE Id IN (?, ?)', [first!, second!])).rows;
  assert.deepEqual(back.map((r) => r.Name).sort(), ['Churned', 'Newsletter']);

  await h.reset();
  assert.equal((await h.conn.query("UPDATE CustomAudiences SET Name = 'Newsletter (EU)' WHERE Id = ?", [first!])).affectedRows, 1);
  assert.equal((await h.conn.query('DELETE FROM CustomAudiences WHERE Id IN (?, ?)', [second!, 'zzzz9'])).affectedRows, 1, 'an unknown id is 0 rows');
  assert.deepEqual((await log()).map((r) => [r.method, r.path, r.query]), [
    ['PUT', `/12/accounts/${account}/custom_audiences/${first}`, { name: 'Newsletter (EU)' }],
    ['DELETE', `/12/accounts/${account}/custom_audiences/${second}`, {}],
    ['DELETE', `/12/accounts/${account}/custom_audiences/zzzz9`, {}],
  ]);
  assert.deepEqual((await h.conn.query('SELECT Name FROM CustomAudiences WHERE Id = ?', [first!])).rows, [{ Name: 'Newsletter (EU)' }]);
  assert.equal((await h.conn.query('SELECT Id FROM CustomAudiences WHERE Id = ?', [second!])).rows.length, 0);

  await h.reset();
  await assert.rejects(h.conn.query(`INSERT INTO CustomAudiences (Name) VALUES ('${'x'.repeat(256)}')`), (e: unknown) => e instanceof PlanError && /1 to 255 characters, got 256/.test(e.message));
  await assert.rejects(h.conn.query("UPDATE CustomAudiences SET Name = '' WHERE Id = ?", [first!]), PlanError);
  await assert.rejects(h.conn.query("UPDATE CustomAudiences SET AudienceType = 'WEB' WHERE Id = ?", [first!]), (e: unknown) => e instanceof PlanError && /can set only Name, Description/.test(e.message));
  assert.equal((await h.calls()).requests, 0);
});

test('ManageAudienceUsers hashes normalised identifiers (SHA-256, never in clear) and posts 2,500 users a call', async () => {
  const audience = (await h.conn.query("INSERT INTO CustomAudiences (Name) VALUES ('Crm list')")).rows[0]!.Id as string;
  await h.reset();
  const result = await h.conn.query(
    "EXEC ManageAudienceUsers @AudienceId = ?, @OperationType = 'Update', @UserEmail = ' Jane.Doe@Example.COM ,bob@example.org', @UserHandle = '@AdsAPI', @UserTwitterID = '0143567', @PartnerId = 'crm-17', @EffectiveAt = '2026-12-01T00:00:00Z'",
    [audience],
  );
  assert.deepEqual(result.rows, [{ AccountId: account, AudienceId: audience, Success: true, UsersAffected: 5, ErrorMessage: null }]);
  const sent = await log();
  assert.equal(sent.length, 1);
  assert.equal(sent[0]!.path, `/12/accounts/${account}/custom_audiences/${audience}/users`);
  assert.deepEqual(sent[0]!.parts, [
    {
      operation_type: 'Update',
      params: {
        users: [{ email: [sha256('jane.doe@example.com')] }, { email: [sha256('bob@example.org')] }, { handle: ['49e0be2aeccfb51a8dee4c945c8a70a9ac500cf6f5cb08112575f74db9b1470d'] }, { twitter_id: [sha256('143567')] }, { partner_user_id: ['crm-17'] }],
        effective_at: '2026-12-01T00:00:00Z',
      },
    },
  ]);
  assert.ok(!JSON.stringify(sent).toLowerCase().includes('example.com'), 'no email in clear');

  const many = audienceUsersRequest(new Map([['AudienceId', audience], ['OperationType', 'Delete'], ['UserTwitterID', Array.from({ length: 5001 }, (_, i) => String(i + 1)).join(',')]]));
  assert.deepEqual(audienceUsersBodies(many).map((b) => [(b[0] as { operation_type: string }).operation_type, (b[0] as { params: { users: unknown[] } }).params.users.length]), [['Delete', 2500], ['Delete', 2500], ['Delete', 1]]);

  await h.reset();
  const bad: Array<[string, RegExp]> = [
    ["EXEC ManageAudienceUsers @AudienceId = 'ca1', @UserEmail = 'not-an-email'", /value 1 of @UserEmail is not a valid email/],
    ["EXEC ManageAudienceUsers @AudienceId = 'ca1', @OperationType = 'Add', @UserEmail = 'a@b.c'", /OperationType is Update .* or Delete/],
    ["EXEC ManageAudienceUsers @AudienceId = 'ca1'", /needs users/],
    ["EXEC ManageAudienceUsers @AudienceId = 'ca1', @UserTwitterID = '12a'", /not a valid twitter id/],
    ["EXEC ManageAudienceUsers @AudienceId = 'ca1', @UserHandle = 'x', @EffectiveAt = '2026-12-02', @ExpiresAt = '2026-12-01'", /ExpiresAt must be after/],
  ];
  for (const [sql, message] of bad) await assert.rejects(h.conn.query(sql), (e: unknown) => e instanceof PlanError && message.test(e.message) && !/not-an-email/.test(e.message), sql);
  assert.equal((await h.calls()).requests, 0);
});
