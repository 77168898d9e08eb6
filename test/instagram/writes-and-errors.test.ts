import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { ApiError, AuthError, PlanError, RateLimitError } from '../../src/errors.js';
import { connect } from '../../src/providers/instagram/index.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
let mediaId: string;
before(async () => {
  h = await startHarness();
  const open = (await h.conn.query('SELECT Id FROM Media WHERE IsCommentEnabled = true')).rows;
  mediaId = open[0]!.Id as string;
});
after(() => h.close());

test('INSERT INTO Comments posts the comment and returns its id', async () => {
  await h.reset();
  const result = await h.conn.query('INSERT INTO Comments (MediaId, Text) VALUES (?, ?)', [mediaId, 'Lovely light in this one #coffee']);
  assert.equal(result.affectedRows, 1);
  const id = result.rows[0]!.Id as string;
  assert.equal((await h.calls()).requests, 1);
  const { rows } = await h.conn.query('SELECT Id, Text FROM Comments WHERE MediaId = ?', [mediaId]);
  assert.ok(rows.some((r) => r.Id === id && r.Text === 'Lovely light in this one #coffee'));
});

test("comments that break Instagram's rules are refused before any call", async () => {
  const cases: [string, RegExp][] = [
    ['x'.repeat(301), /at most 300/],
    ['#a #b #c #d #e', /5 hashtags/],
    ['see https://a.example and https://b.example', /2 URLs/],
    ['THIS IS ALL CAPS', /all capital letters/],
    ['', /non-empty/],
  ];
  await h.reset();
  for (const [text, message] of cases) {
    await assert.rejects(h.conn.query('INSERT INTO Comments (MediaId, Text) VALUES (?, ?)', [mediaId, text]), (e: unknown) => e instanceof PlanError && message.test(e.message));
  }
  await assert.rejects(h.conn.query('INSERT INTO Comments (MediaId) VALUES (?)', [mediaId]), /needs Text/);
  await assert.rejects(h.conn.query("INSERT INTO Comments (MediaId, Text, Hidden) VALUES (?, 'ok', true)", [mediaId]), /cannot set Hidden/);
  assert.equal((await h.calls()).requests, 0);
});

test('a multi-row INSERT with one bad row posts nothing', async () => {
  await h.reset();
  await assert.rejects(h.conn.query("INSERT INTO Comments (MediaId, Text) VALUES (?, 'fine'), (?, 'NOT FINE')", [mediaId, mediaId]), /row 2/);
  assert.equal((await h.calls()).requests, 0);
});

test('INSERT INTO Replies, UPDATE Comments SET Hidden, DELETE FROM Comments', async () => {
  const comment = (await h.conn.query('INSERT INTO Comments (MediaId, Text) VALUES (?, ?)', [mediaId, 'A question about this'])).rows[0]!.Id as string;
  const reply = await h.conn.query('INSERT INTO Replies (CommentId, Text) VALUES (?, ?)', [comment, 'Thanks for asking!']);
  const replies = (await h.conn.query('SELECT Id, Text FROM Replies WHERE CommentId = ?', [comment])).rows;
  assert.deepEqual(replies.map((r) => r.Id), [reply.rows[0]!.Id]);

  const hidden = await h.conn.query('UPDATE Comments SET Hidden = true WHERE Id = ?', [comment]);
  assert.equal(hidden.affectedRows, 1);
  const after = (await h.conn.query('SELECT Id, Hidden FROM Comments WHERE MediaId = ?', [mediaId])).rows.find((r) => r.Id === comment);
  assert.equal(after?.Hidden, true);

  const deleted = await h.conn.query('DELETE FROM Comments WHERE Id IN (?)', [comment]);
  assert.equal(deleted.affectedRows, 1);
  const gone = (await h.conn.query('SELECT Id FROM Comments WHERE MediaId = ?', [mediaId])).rows;
  assert.ok(!gone.some((r) => r.Id === comment));
});

test('writes without a key, or on read-only tables or columns, are refused before any call', async () => {
  await h.reset();
  await assert.rejects(h.conn.query('DELETE FROM Comments'), /needs WHERE Id = '...' or Id IN/);
  await assert.rejects(h.conn.query("DELETE FROM Comments WHERE Text = 'x'"), /needs WHERE Id/);
  await assert.rejects(h.conn.query("UPDATE Comments SET Hidden = true WHERE MediaId = 'x'"), /needs WHERE Id/);
  await assert.rejects(h.conn.query("UPDATE Comments SET Text = 'x' WHERE Id = 'y'"), /can set only Hidden/);
  await assert.rejects(h.conn.query("INSERT INTO Media (Caption) VALUES ('x')"), /Media is read-only/);
  await assert.rejects(h.conn.query("DELETE FROM Replies WHERE Id = 'x'"), /Replies does not support DELETE/);
  assert.equal((await h.calls()).requests, 0);
});

test('an expired token is an AuthError that says how to fix it, without the token', async () => {
  const expiring = await startHarness({ tokenTtlSeconds: 1 }, `BusinessAccountId=`);
  try {
    await new Promise((resolve) => setTimeout(resolve, 1200));
    await assert.rejects(expiring.conn.query('SELECT Id FROM Media'), (e: unknown) => {
      assert.ok(e instanceof AuthError, String(e));
      assert.match(e.message, /190\/463/);
      assert.match(e.message, /expired/);
      assert.match(e.message, /GetOAuthAccessToken|InitiateOAuth=REFRESH/);
      assert.ok(!e.message.includes(expiring.emulator.credentials.accessToken));
      return true;
    });
  } finally {
    await expiring.close();
  }
});

test('appsecret_proof is sent when the app secret is known, so an emulator that requires it answers', async () => {
  const strict = await startHarness({ requireAppsecretProof: true });
  try {
    const { rows } = await strict.conn.query('SELECT Id FROM Accounts');
    assert.equal(rows.length, 1);
    const c = strict.emulator.credentials;
    const noSecret = await connect(`BaseURL=${strict.emulator.url};OAuthAccessToken=${c.accessToken}`);
    try {
      await assert.rejects(noSecret.query('SELECT Id FROM Accounts'), /appsecret_proof/);
    } finally {
      await noSecret.close();
    }
  } finally {
    await strict.close();
  }
});

test('throttling beyond MaxRateLimitDelay is a RateLimitError', async () => {
  const limited = await startHarness({ rateLimit: 2 }, `MaxRateLimitDelay=0`);
  try {
    await assert.rejects(
      (async () => {
        for (let i = 0; i < 5; i++) await limited.conn.query('SELECT Id FROM Accounts');
      })(),
      (e: unknown) => e instanceof RateLimitError && e.resetAt.getTime() > Date.now(),
    );
  } finally {
    await limited.close();
  }
});

test('paging.next to another host is refused and the token is never sent there', async () => {
  let seenByOther = 0;
  const other = createServer((_, res) => {
    seenByOther++;
    res.end('{"data":[]}');
  });
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  const otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
  const graph = createServer((_, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ data: [{ id: '1', name: 'Page' }], paging: { next: `${otherUrl}/v21.0/me/accounts?after=x` } }));
  });
  await new Promise<void>((resolve) => graph.listen(0, '127.0.0.1', resolve));
  const conn = await connect(`BaseURL=http://127.0.0.1:${(graph.address() as AddressInfo).port};OAuthAccessToken=secret-token-value`);
  try {
    await assert.rejects(conn.query('SELECT Id FROM Pages'), (e: unknown) => {
      assert.ok(e instanceof ApiError);
      assert.equal(e.apiCode, 'UNTRUSTED_NEXT_URL');
      assert.ok(!e.message.includes('secret-token-value'));
      return true;
    });
    assert.equal(seenByOther, 0);
  } finally {
    await conn.close();
    graph.close();
    other.close();
  }
});
