import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PlanError } from '../../src/errors.js';
import { connect as connectInstagram } from '../../src/providers/instagram/index.js';
import { connect as connectTwitter } from '../../src/providers/twitterads/index.js';

test('the OAuth procedures are listed in sys_procedures and sys_procedureparameters', async () => {
  const twitter = await connectTwitter('Emulator=true');
  const instagram = await connectInstagram('Emulator=true');
  try {
    const names = async (conn: typeof twitter) => (await conn.query('SELECT ProcedureName FROM sys_procedures')).rows.map((r) => r.ProcedureName).sort();
    assert.deepEqual(await names(twitter), ['GetOAuthAccessToken', 'GetOAuthAuthorizationURL', 'ManageAudienceUsers']);
    assert.deepEqual(await names(instagram), ['GetOAuthAccessToken', 'GetOAuthAuthorizationURL', 'RefreshOAuthAccessToken']);
    const params = (await twitter.query("SELECT ColumnName, Direction, IsRequired FROM sys_procedureparameters WHERE ProcedureName = 'GetOAuthAccessToken'")).rows;
    assert.deepEqual(
      params.filter((p) => p.Direction === 'IN' && p.IsRequired === true).map((p) => p.ColumnName).sort(),
      ['AuthKey', 'AuthToken', 'Verifier'],
    );
    assert.ok(params.some((p) => p.Direction === 'OUT' && p.ColumnName === 'OAuthAccessTokenSecret'));
  } finally {
    await twitter.close();
    await instagram.close();
  }
});

test('EXEC and EXECUTE, with @Name = value or Name = value; unknown names get a suggestion', async () => {
  const conn = await connectInstagram('Emulator=true');
  try {
    const a = await conn.query("EXECUTE GetOAuthAuthorizationURL @CallbackURL = 'http://localhost:33333/cb', @State = 's1'");
    const b = await conn.query("EXEC GetOAuthAuthorizationURL CallbackURL = 'http://localhost:33333/cb', State = 's1'");
    assert.equal(a.rows[0]!.URL, b.rows[0]!.URL);
    assert.match(String(a.rows[0]!.URL), /state=s1/);
    await assert.rejects(conn.query('EXEC GetOAuthAuthorizationUrl2'), (e: unknown) => e instanceof PlanError && /Did you mean GetOAuthAuthorizationURL/.test(e.message));
    await assert.rejects(conn.query("EXEC GetOAuthAuthorizationURL @CallbakURL = 'x'"), (e: unknown) => e instanceof PlanError && /Did you mean CallbackURL/.test(e.message));
  } finally {
    await conn.close();
  }
});
