/** Graph permission errors (#10, #200-#299) become AuthError naming the missing permission. */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { AuthError } from '../../src/errors.js';
import { connect } from '../../src/providers/instagram/index.js';
import { permissionFor } from '../../src/providers/instagram/permission-errors.js';

/** A Graph stand-in that refuses every call with `error`; it records the paths it saw. */
async function refusing(error: Record<string, unknown>) {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(new URL(req.url ?? '/', 'http://x').pathname);
    res.statusCode = 403;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ error: { type: 'OAuthException', fbtrace_id: 'A1', ...error } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const conn = await connect(`BaseURL=http://127.0.0.1:${(server.address() as AddressInfo).port};OAuthAccessToken=tok-secret-1;BusinessAccountId=17841400000000001`);
  return { conn, seen, close: async () => (await conn.close(), server.close()) };
}

test('#10 on account insights names instagram_manage_insights (the permission Meta documents for the endpoint)', async () => {
  const g = await refusing({ code: 10, message: '(#10) Application does not have permission for this action' });
  try {
    await assert.rejects(g.conn.query('SELECT Reach FROM AccountInsights'), (e: unknown) => {
      assert.ok(e instanceof AuthError, String(e));
      assert.match(e.message, /needs instagram_manage_insights \(the permission Meta documents for this endpoint\)/);
      assert.match(e.message, /SELECT \* FROM Permissions/);
      assert.ok(!e.message.includes('tok-secret-1'));
      return true;
    });
    assert.deepEqual(g.seen, ['/v24.0/17841400000000001/insights']);
  } finally {
    await g.close();
  }
});

test('#200 naming a permission: that permission is the one reported', async () => {
  const g = await refusing({ code: 200, message: '(#200) Requires pages_read_engagement permission to manage the object' });
  try {
    await assert.rejects(g.conn.query('SELECT Id FROM Media'), (e: unknown) => e instanceof AuthError && /The token needs pages_read_engagement: add it to Scope/.test(e.message));
  } finally {
    await g.close();
  }
});

test('permissionFor: the documented permission per endpoint', () => {
  assert.equal(permissionFor('GET', '/1784/insights'), 'instagram_manage_insights');
  assert.equal(permissionFor('GET', '/1790/comments'), 'instagram_manage_comments');
  assert.equal(permissionFor('POST', '/1790'), 'instagram_manage_comments');
  assert.equal(permissionFor('GET', '/me/accounts'), 'pages_show_list');
  assert.equal(permissionFor('GET', '/1784/media'), 'instagram_basic');
});
