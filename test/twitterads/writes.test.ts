/** INSERT, UPDATE and DELETE on Campaigns, LineItems and PromotedTweets, with the calls they cost. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ApiError, PlanError } from '../../src/errors.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
let account: string;
let fundingInstrument: string;
before(async () => {
  h = await startHarness();
  account = h.emulator.credentials.accountIds[0]!;
  // Without AccountId, writes go to the default account: the first one, looked up once here.
  fundingInstrument = (await h.conn.query('SELECT Id FROM FundingInstruments')).rows[0]!.Id as string;
});
after(() => h.close());

test('a multi-row INSERT INTO Campaigns is one batch call per 40 rows, and the rows read back', async () => {
  await h.reset();
  const result = await h.conn.query(
    "INSERT INTO Campaigns (Name, FundingInstrumentId, DailyBudgetAmountLocalMicro, EntityStatus) VALUES ('Launch A', ?, 1000000, 'PAUSED'), ('Launch B', ?, 2000000, 'PAUSED'), ('Launch C', ?, 3000000, 'ACTIVE')",
    [fundingInstrument, fundingInstrument, fundingInstrument],
  );
  assert.equal(result.affectedRows, 3);
  const calls = await h.calls();
  assert.equal(calls.requests, 1);
  assert.equal(calls.byRoute['POST /12/batch/accounts/:account_id/campaigns'], 1);
  const ids = result.rows.map((r) => r.Id as string);
  const back = (await h.conn.query(`SELECT Id, Name, DailyBudgetAmountLocalMicro, EntityStatus FROM Campaigns WHERE AccountId = ? AND Id IN (?, ?, ?)`, [account, ...ids])).rows;
  assert.deepEqual(back.map((r) => r.Name).sort(), ['Launch A', 'Launch B', 'Launch C']);
  assert.equal(back.find((r) => r.Name === 'Launch B')!.DailyBudgetAmountLocalMicro, 2000000);

  const many = Array.from({ length: 45 }, (_, i) => `('Bulk ${i}', ?)`).join(', ');
  await h.reset();
  const bulk = await h.conn.query(`INSERT INTO Campaigns (Name, FundingInstrumentId) VALUES ${many}`, Array(45).fill(fundingInstrument));
  assert.equal(bulk.affectedRows, 45);
  assert.equal((await h.calls()).requests, 2);
});

test('UPDATE and DELETE by Id go through the batch endpoint; deleted rows disappear unless IncludeDeleted', async () => {
  const created = await h.conn.query("INSERT INTO Campaigns (Name, FundingInstrumentId) VALUES ('To change', ?), ('To remove', ?)", [fundingInstrument, fundingInstrument]);
  const [change, remove] = created.rows.map((r) => r.Id as string);
  await h.reset();
  const updated = await h.conn.query("UPDATE Campaigns SET EntityStatus = 'PAUSED', Name = 'Changed' WHERE Id = ?", [change!]);
  assert.equal(updated.affectedRows, 1);
  assert.equal((await h.calls()).requests, 1);
  const row = (await h.conn.query('SELECT Name, EntityStatus FROM Campaigns WHERE AccountId = ? AND Id = ?', [account, change!])).rows[0]!;
  assert.deepEqual(row, { Name: 'Changed', EntityStatus: 'PAUSED' });

  await h.conn.query('DELETE FROM Campaigns WHERE Id IN (?)', [remove!]);
  assert.equal((await h.conn.query('SELECT Id FROM Campaigns WHERE AccountId = ? AND Id = ?', [account, remove!])).rows.length, 0);
  const deleted = (await h.conn.query('SELECT Deleted FROM Campaigns WHERE AccountId = ? AND Id = ? AND IncludeDeleted = true', [account, remove!])).rows;
  assert.deepEqual(deleted, [{ Deleted: true }]);
});

test('a batch the API refuses is not applied, and the error names the operation', async () => {
  const before = (await h.conn.query('SELECT COUNT(*) AS n FROM Campaigns WHERE AccountId = ?', [account])).rows[0]!.n;
  await assert.rejects(
    h.conn.query("INSERT INTO Campaigns (Name, FundingInstrumentId) VALUES ('fine', ?), ('bad', 'no-such-instrument')", [fundingInstrument]),
    (e: unknown) => e instanceof ApiError && /operation 2/.test(e.message) && /not applied/.test(e.message),
  );
  const after = (await h.conn.query('SELECT COUNT(*) AS n FROM Campaigns WHERE AccountId = ?', [account])).rows[0]!.n;
  assert.equal(after, before);
});

test('writes the table does not take are refused before any call', async () => {
  await h.reset();
  await assert.rejects(h.conn.query("INSERT INTO Campaigns (Name) VALUES ('x')"), (e: unknown) => e instanceof PlanError && /needs FundingInstrumentId/.test(e.message));
  await assert.rejects(h.conn.query("UPDATE Campaigns SET FundingInstrumentId = 'x' WHERE Id = 'y'"), /can set only/);
  await assert.rejects(h.conn.query("UPDATE Campaigns SET Name = 'x' WHERE Name = 'y'"), /needs WHERE Id/);
  await assert.rejects(h.conn.query("DELETE FROM Accounts WHERE Id = 'x'"), /Accounts is read-only/);
  await assert.rejects(h.conn.query("UPDATE PromotedTweets SET TweetId = 'x' WHERE Id = 'y'"), /PromotedTweets does not support UPDATE/);
  assert.equal((await h.calls()).requests, 0);
});

test('INSERT INTO LineItems and PromotedTweets, DELETE FROM PromotedTweets', async () => {
  const campaign = (await h.conn.query("INSERT INTO Campaigns (Name, FundingInstrumentId) VALUES ('With items', ?)", [fundingInstrument])).rows[0]!.Id as string;
  const item = await h.conn.query(
    "INSERT INTO LineItems (CampaignId, Name, Objective, Placements, ProductType, BidStrategy) VALUES (?, 'Item', 'ENGAGEMENTS', 'ALL_ON_TWITTER', 'PROMOTED_TWEETS', 'AUTO')",
    [campaign],
  );
  const lineItem = item.rows[0]!.Id as string;
  assert.deepEqual((await h.conn.query('SELECT CampaignId FROM LineItems WHERE AccountId = ? AND Id = ?', [account, lineItem])).rows, [{ CampaignId: campaign }]);
  await h.reset();
  const attached = await h.conn.query("INSERT INTO PromotedTweets (LineItemId, TweetId) VALUES (?, '1500000000000000001'), (?, '1500000000000000002')", [lineItem, lineItem]);
  assert.equal(attached.affectedRows, 2);
  assert.equal((await h.calls()).requests, 1);
  const tweets = (await h.conn.query('SELECT Id, TweetId FROM PromotedTweets WHERE AccountId = ? AND LineItemId = ?', [account, lineItem])).rows;
  assert.deepEqual(tweets.map((t) => t.TweetId).sort(), ['1500000000000000001', '1500000000000000002']);
  await h.conn.query('DELETE FROM PromotedTweets WHERE Id = ?', [tweets[0]!.Id as string]);
  assert.equal((await h.conn.query('SELECT Id FROM PromotedTweets WHERE AccountId = ? AND LineItemId = ?', [account, lineItem])).rows.length, 1);
});

test('UPDATE or DELETE of an id the account does not have affects no row for it; the others are applied', async () => {
  const created = await h.conn.query("INSERT INTO Campaigns (Name, FundingInstrumentId) VALUES ('Keep A', ?), ('Keep B', ?)", [fundingInstrument, fundingInstrument]);
  const [a, b] = created.rows.map((r) => r.Id as string);
  await h.reset();
  // The API refuses the whole batch (400, operation_errors NOT_FOUND for the missing id, nothing applied).
  const updated = await h.conn.query("UPDATE Campaigns SET Name = 'Renamed' WHERE Id IN (?, 'zzzz99', ?)", [a!, b!]);
  assert.equal(updated.affectedRows, 2);
  // The refused batch, then the batch without the missing id.
  assert.equal((await h.calls()).byRoute['POST /12/batch/accounts/:account_id/campaigns'], 2);
  const names = (await h.conn.query('SELECT Name FROM Campaigns WHERE AccountId = ? AND Id IN (?, ?)', [account, a!, b!])).rows;
  assert.deepEqual(names.map((r) => r.Name), ['Renamed', 'Renamed']);

  const none = await h.conn.query("UPDATE Campaigns SET Name = 'x' WHERE Id = 'zzzz99'");
  assert.equal(none.affectedRows, 0);

  const deleted = await h.conn.query("DELETE FROM Campaigns WHERE Id IN ('zzzz98', ?)", [a!]);
  assert.equal(deleted.affectedRows, 1);
  assert.deepEqual((await h.conn.query('SELECT Id FROM Campaigns WHERE AccountId = ? AND Id IN (?, ?)', [account, a!, b!])).rows, [{ Id: b! }]);
  // Deleting it again: it is gone, so no row is affected.
  assert.equal((await h.conn.query('DELETE FROM Campaigns WHERE Id = ?', [a!])).affectedRows, 0);
  assert.equal((await h.conn.query("DELETE FROM LineItems WHERE Id = 'zzzz97'")).affectedRows, 0);
  assert.equal((await h.conn.query("DELETE FROM PromotedTweets WHERE Id = 'zzzz96'")).affectedRows, 0);
});

test('a batch refused for another reason than a missing id still fails whole, and nothing is applied', async () => {
  const id = (await h.conn.query("INSERT INTO Campaigns (Name, FundingInstrumentId, EntityStatus) VALUES ('Stays', ?, 'PAUSED')", [fundingInstrument])).rows[0]!.Id as string;
  await assert.rejects(
    h.conn.query("UPDATE Campaigns SET EntityStatus = 'NOT_A_STATUS' WHERE Id IN (?, 'zzzz99')", [id]),
    (e: unknown) => e instanceof ApiError && e.status === 400 && /not applied/.test(e.message),
  );
  assert.deepEqual((await h.conn.query('SELECT EntityStatus FROM Campaigns WHERE AccountId = ? AND Id = ?', [account, id])).rows, [{ EntityStatus: 'PAUSED' }]);
});
