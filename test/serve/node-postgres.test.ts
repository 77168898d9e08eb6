/** node-postgres against `socialsql serve`: simple and prepared queries, types, cursors, cancel, writes, TLS. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect as netConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import pg from 'pg';
import Cursor from 'pg-cursor';
import { startServe, USERS, type ServeHarness } from './harness.js';

let h: ServeHarness;
before(async () => {
  h = await startServe();
});
after(async () => {
  await h.close();
});

test('a simple query returns typed columns: text, int8, bool, timestamptz', async () => {
  const c = await h.client();
  const r = await c.query('SELECT "Id", "DailyBudgetAmountLocalMicro", "Servable", "CreatedAt" FROM campaigns ORDER BY "Id" LIMIT 2');
  assert.deepEqual(r.fields.map((f) => [f.name, f.dataTypeID]), [['Id', 25], ['DailyBudgetAmountLocalMicro', 20], ['Servable', 16], ['CreatedAt', 1184]]);
  const direct = await h.twitter.conn.query('SELECT Id, DailyBudgetAmountLocalMicro, Servable, CreatedAt FROM Campaigns ORDER BY Id LIMIT 2');
  assert.equal(r.rows.length, 2);
  r.rows.forEach((row, i) => {
    const d = direct.rows[i]!;
    assert.equal(row.Id, d.Id);
    assert.equal(row.DailyBudgetAmountLocalMicro, d.DailyBudgetAmountLocalMicro === null ? null : String(d.DailyBudgetAmountLocalMicro));
    assert.equal(row.Servable, d.Servable);
    assert.equal((row.CreatedAt as Date).toISOString(), (d.CreatedAt as Date).toISOString());
  });
  assert.equal(r.command, 'SELECT');
  assert.equal(r.rowCount, 2);
});

test('prepared statements bind $1 as a value (never as SQL), text and binary results alike', async () => {
  const c = await h.client();
  const { rows: ids } = await h.twitter.conn.query('SELECT Id, Name FROM Campaigns ORDER BY Id LIMIT 2');
  const named = { name: 'by-id', text: 'SELECT "Name" FROM "agency-eu".campaigns WHERE "Id" = $1', values: [String(ids[0]!.Id)] };
  assert.deepEqual((await c.query(named)).rows, [{ Name: ids[0]!.Name }]);
  // The same named statement again, with another value: Bind only.
  assert.deepEqual((await c.query({ ...named, values: [String(ids[1]!.Id)] })).rows, [{ Name: ids[1]!.Name }]);
  assert.deepEqual((await c.query(named.text, [`x' OR '1'='1`])).rows, []);
  // `binary` is node-postgres's option for binary result formats (missing from @types/pg).
  const binary = await c.query({ text: 'SELECT "DailyBudgetAmountLocalMicro" AS b, "Servable" AS s FROM campaigns WHERE "Id" = $1', values: [String(ids[0]!.Id)], binary: true } as pg.QueryConfig);
  const direct = await h.twitter.conn.query('SELECT DailyBudgetAmountLocalMicro AS b, Servable AS s FROM Campaigns WHERE Id = ?', [ids[0]!.Id ?? null]);
  assert.equal(binary.rows.length, 1);
  assert.equal(binary.rows[0]!.s, direct.rows[0]!.s);
});

test('a cursor fetches in pages (Execute with a row limit, PortalSuspended)', async () => {
  const c = await h.client();
  const all = await h.twitter.conn.query('SELECT Id FROM Campaigns ORDER BY Id');
  const cursor = c.query(new Cursor('SELECT "Id" FROM campaigns ORDER BY "Id"'));
  const first = await cursor.read(5);
  const second = await cursor.read(5);
  assert.deepEqual([...first, ...second].map((r) => r.Id), all.rows.slice(0, 10).map((r) => r.Id));
  let rest: { Id: string }[] = [];
  for (let page = await cursor.read(100); page.length > 0; page = await cursor.read(100)) rest = rest.concat(page);
  assert.equal(10 + rest.length, all.rows.length);
  await cursor.close();
});

test('a CancelRequest stops the query with 57014 and its HTTP work', async () => {
  const c = await h.client();
  await h.twitter.faults({ latency: 400 });
  try {
    const before = (await h.twitter.calls()).requests;
    const running = c.query('SELECT i."Impressions" FROM campaigns c JOIN insights i ON i."EntityId" = c."Id"').then(
      () => assert.fail('the query should have been cancelled'),
      (error: { code?: string }) => error,
    );
    await new Promise((r) => setTimeout(r, 600));
    const key = c as unknown as { processID: number; secretKey: number };
    await sendCancel(h.server.port, key.processID, key.secretKey);
    const error = await running;
    assert.equal(error.code, '57014');
    const atCancel = (await h.twitter.calls()).requests;
    await new Promise((r) => setTimeout(r, 1000));
    assert.ok(atCancel - before < 40, `the join would need far more calls than ${atCancel - before}`);
    assert.ok((await h.twitter.calls()).requests - atCancel <= 8, 'no new calls after the cancel beyond those in flight');
    // The connection is still usable.
    assert.equal((await c.query('SELECT 1 AS one')).rows[0]!.one, 1);
  } finally {
    await h.twitter.faults({ latency: 0 });
  }
});

test('writes need a user with write = true', async () => {
  const reader = await h.client();
  await assert.rejects(reader.query(`UPDATE campaigns SET "Name" = 'x' WHERE "Id" = 'nope'`), (e: { code?: string }) => e.code === '42501');
  const editor = await h.client('editor', USERS.editor.password);
  const { rows } = await h.twitter.conn.query('SELECT Id FROM Campaigns ORDER BY Id LIMIT 1');
  const r = await editor.query(`UPDATE campaigns SET "Name" = $1 WHERE "Id" = $2`, ['Renamed over pg', String(rows[0]!.Id)]);
  assert.equal(r.command, 'UPDATE');
  assert.equal(r.rowCount, 1);
  assert.equal((await h.twitter.conn.query('SELECT Name FROM Campaigns WHERE Id = ?', [rows[0]!.Id ?? null])).rows[0]!.Name, 'Renamed over pg');
});

test('a user sees only the schemas listed for it', async () => {
  const c = await h.client('twitterOnly', USERS.twitterOnly.password);
  const schemas = await c.query(`SELECT nspname FROM pg_namespace WHERE nspname IN ('agency-eu', 'brand-ig') ORDER BY 1`);
  assert.ok(schemas.rows.length >= 1);
  await assert.rejects(c.query('SELECT "Id" FROM "brand-ig".media'), (e: { code?: string }) => e.code === '42P01');
  assert.ok((await c.query('SELECT "Id" FROM campaigns LIMIT 1')).rows.length === 1);
});

test('syntax errors point at the position in the text the client sent', async () => {
  const c = await h.client();
  await assert.rejects(c.query('SELECT "Id" FROM campaigns WHERE "Id" = = 1'), (e: { code?: string; position?: string }) => {
    assert.equal(e.code, '42601');
    assert.ok(Number(e.position) >= 36 && Number(e.position) <= 42, `position ${e.position}`);
    return true;
  });
});

test('with a certificate, TLS works and plain connections are refused', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'serve-tls-'));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost', '-days', '1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
    const tls = await startServe({ tls: { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) } });
    try {
      const secure = await tls.client('analyst', USERS.analyst.password, { ssl: { rejectUnauthorized: false } });
      assert.equal((await secure.query('SELECT "Id" FROM campaigns LIMIT 1')).rows.length, 1);
      await assert.rejects(tls.client('analyst', USERS.analyst.password, { ssl: false }), /SSL connection is required/);
    } finally {
      await tls.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

function sendCancel(port: number, processId: number, secretKey: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = netConnect(port, '127.0.0.1', () => {
      const b = Buffer.alloc(16);
      b.writeInt32BE(16, 0);
      b.writeInt32BE(80877102, 4);
      b.writeInt32BE(processId, 8);
      b.writeInt32BE(secretKey, 12);
      socket.end(b);
    });
    socket.on('close', () => resolve());
    socket.on('error', reject);
  });
}

test('many clients at once share each connection and all get their rows', async () => {
  const clients = await Promise.all(Array.from({ length: 12 }, () => h.client()));
  const expected = (await h.twitter.conn.query('SELECT Id FROM Campaigns ORDER BY Id LIMIT 7')).rows.map((r) => r.Id);
  const results = await Promise.all(clients.map((c, i) => c.query(i % 2 === 0 ? 'SELECT "Id" FROM campaigns ORDER BY "Id" LIMIT 7' : { name: 'top7', text: 'SELECT "Id" FROM campaigns WHERE "Id" <> $1 ORDER BY "Id" LIMIT 7', values: ['no such id'] })));
  for (const r of results) assert.deepEqual(r.rows.map((row) => row.Id), expected);
});

test('an idle client is disconnected after the idle timeout', async () => {
  const idle = await startServe({ idleTimeoutMs: 300 });
  try {
    const c = await idle.client();
    const ended = new Promise<void>((resolve) => c.once('end', () => resolve()));
    assert.equal((await c.query('SELECT 1 AS one')).rows[0]!.one, 1);
    await ended;
  } finally {
    await idle.close();
  }
});

test('md5 password authentication, when the server is set to it', async () => {
  const md5 = await startServe({ auth: 'md5' });
  try {
    const c = await md5.client();
    assert.equal((await c.query('SELECT "Id" FROM campaigns LIMIT 1')).rows.length, 1);
    await assert.rejects(md5.client('analyst', 'wrong'), (e: { code?: string }) => e.code === '28P01');
  } finally {
    await md5.close();
  }
});
