/**
 * Every Graph error family as Meta documents it (developers.facebook.com/docs/graph-api/overview/rate-limiting,
 * …/guides/error-handling), end to end through a connection: throttling codes are RateLimitErrors whose
 * reset comes from the usage headers, transient errors are retried, permission errors name the permission.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AuthError, RateLimitError } from '../../src/errors.js';
import { connect } from '../../src/providers/instagram/index.js';
import { json, scriptedServer, type Handler } from '../http/scripted-server.js';

const ACCOUNT = '17841400000000001';
const TOKEN = 'tok-secret-graph-errors';

async function against(handler: Handler, extra = '') {
  const server = await scriptedServer(handler);
  const conn = await connect(`BaseURL=${server.url};OAuthAccessToken=${TOKEN};BusinessAccountId=${ACCOUNT};MaxRateLimitDelay=1;${extra}`);
  return { server, conn, close: async () => (await conn.close(), await server.close()) };
}

const usage = (regainMinutes: number) => ({
  'x-business-use-case-usage': JSON.stringify({ [ACCOUNT]: [{ type: 'instagram', call_count: 100, total_cputime: 30, total_time: 40, estimated_time_to_regain_access: regainMinutes }] }),
  'x-app-usage': JSON.stringify({ call_count: 100, total_cputime: 20, total_time: 20 }),
});

const throttles: [number, string][] = [
  [4, '(#4) Application request limit reached'],
  [17, '(#17) User request limit reached'],
  [32, '(#32) Page request limit reached'],
  [613, '(#613) Calls to this api have exceeded the rate limit.'],
  ...Array.from({ length: 9 }, (_v, i): [number, string] => [80001 + i, 'There have been too many calls to this Instagram account. Wait a bit and try again.']),
];

test('throttling codes 4, 17, 32, 613 and 80001-80009 are RateLimitErrors with the reset from estimated_time_to_regain_access', async () => {
  for (const [code, message] of throttles) {
    const before = Date.now();
    const g = await against((_req, res) => json(res, 400, { error: { message, type: 'OAuthException', code, is_transient: true, fbtrace_id: 'A1' } }, usage(17)));
    try {
      await assert.rejects(g.conn.query('SELECT Id FROM Media'), (e: unknown) => {
        assert.ok(e instanceof RateLimitError, `code ${code}: ${String(e)}`);
        assert.equal(e.resetEstimated, false, `code ${code}: the reset is Graph's own`);
        const wait = e.resetAt.getTime() - before;
        assert.ok(wait >= 17 * 60_000 - 5_000 && wait <= 17 * 60_000 + 60_000, `code ${code}: reset in ${wait} ms, expected 17 minutes`);
        assert.ok(!e.message.includes(TOKEN));
        return true;
      });
      assert.equal(g.server.received.length, 1, `code ${code}: a throttle beyond MaxRateLimitDelay is not retried blindly`);
    } finally {
      await g.close();
    }
  }
});

test('a throttle with only X-App-Usage (no regain time) is a RateLimitError with an estimated one-hour reset', async () => {
  const before = Date.now();
  const g = await against((_req, res) => json(res, 400, { error: { message: '(#4) Application request limit reached', type: 'OAuthException', code: 4, fbtrace_id: 'A1' } }, { 'x-app-usage': JSON.stringify({ call_count: 100, total_cputime: 10, total_time: 10 }) }));
  try {
    await assert.rejects(g.conn.query('SELECT Id FROM Media'), (e: unknown) => {
      assert.ok(e instanceof RateLimitError, String(e));
      assert.equal(e.resetEstimated, true);
      assert.ok(Math.abs(e.resetAt.getTime() - before - 3_600_000) < 60_000);
      return true;
    });
  } finally {
    await g.close();
  }
});

const page = { data: [{ id: '17900000000000001', caption: 'ok' }] };

test('transient errors are retried: code 1 (HTTP 500), code 2 (HTTP 503), and is_transient on a 400', async () => {
  const cases: [number, number, boolean][] = [
    [500, 1, true],
    [503, 2, true],
    [400, 2, true],
    [400, 1, false],
  ];
  for (const [status, code, transient] of cases) {
    const g = await against((_req, res, _r, index) =>
      index === 0 ? json(res, status, { error: { message: code === 1 ? 'An unknown error occurred' : 'Service temporarily unavailable', type: 'OAuthException', code, is_transient: transient, fbtrace_id: 'A1' } }) : json(res, 200, page),
    );
    try {
      const { rows } = await g.conn.query('SELECT Id, Caption FROM Media');
      assert.deepEqual(rows, [{ Id: '17900000000000001', Caption: 'ok' }], `HTTP ${status} code ${code}`);
      assert.equal(g.server.received.length, 2, `HTTP ${status} code ${code}: one retry`);
    } finally {
      await g.close();
    }
  }
});

test('permission errors (#10, #200-#299) are AuthErrors naming the permission, for every code of the family', async () => {
  const cases: [number, string, string, RegExp][] = [
    [10, '(#10) Application does not have permission for this action', 'SELECT Id FROM Comments WHERE MediaId = \'17900000000000001\'', /needs instagram_manage_comments/],
    [200, '(#200) Requires pages_read_engagement permission to manage the object', 'SELECT Id FROM Media', /needs pages_read_engagement/],
    [230, '(#230) Requires pages_messaging permission to manage the object', 'SELECT Id FROM Media', /needs pages_messaging/],
    [299, '(#299) Permissions error', 'SELECT Reach FROM AccountInsights', /needs instagram_manage_insights/],
    [200, '(#200) Permissions error', "SELECT Id FROM BusinessDiscovery WHERE Username = 'contoso.coffee'", /needs instagram_basic/],
  ];
  for (const [code, message, sql, named] of cases) {
    const g = await against((_req, res) => json(res, 403, { error: { message, type: 'OAuthException', code, fbtrace_id: 'A1' } }));
    try {
      await assert.rejects(g.conn.query(sql), (e: unknown) => {
        assert.ok(e instanceof AuthError, `code ${code}: ${String(e)}`);
        assert.match(e.message, named);
        assert.match(e.message, /SELECT \* FROM Permissions/);
        assert.ok(!e.message.includes(TOKEN));
        return true;
      });
    } finally {
      await g.close();
    }
  }
});
