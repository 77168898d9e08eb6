/** No secret in any error message or log line, at Verbosity=5, across queries, failures and OAuth procedures. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Connection } from '../../src/connection/types.js';
import { startInstagramEmulator } from '../../src/emulator/instagram/index.js';
import { startTwitterAdsEmulator } from '../../src/emulator/twitterads/index.js';
import { connect as connectInstagram } from '../../src/providers/instagram/index.js';
import { connect as connectTwitter } from '../../src/providers/twitterads/index.js';
import { submitConsent } from '../auth/consent-form.js';
import { tempDir } from './helpers.js';

const CALLBACK = 'http://localhost:33333/callback';

/** Runs each statement; returns the messages of those that failed. */
async function runAll(conn: Connection, statements: readonly string[]): Promise<string[]> {
  const messages: string[] = [];
  for (const sql of statements) {
    try {
      await conn.query(sql);
    } catch (error) {
      messages.push(error instanceof Error ? `${error.message} ${String((error as { cause?: unknown }).cause ?? '')}` : String(error));
    }
  }
  return messages;
}

function assertClean(texts: readonly string[], secrets: readonly string[]): void {
  for (const text of texts) for (const secret of secrets) assert.ok(!text.includes(secret), `a secret appears in: ${text.slice(0, 200)}`);
}

test('Twitter Ads at Verbosity=5: the log and the errors carry no secret', async () => {
  const emulator = await startTwitterAdsEmulator({ port: 0, seed: 51 });
  const dir = tempDir('tw-secrets');
  const log = join(dir, 'log.txt');
  const { clientId, clientSecret, accessToken, accessTokenSecret } = emulator.credentials;
  try {
    const conn = await connectTwitter(`BaseURL=${emulator.url};OAuthClientId=${clientId};OAuthClientSecret=${clientSecret};OAuthAccessToken=${accessToken};OAuthAccessTokenSecret=${accessTokenSecret};Logfile=${log};Verbosity=5;OAuthSettingsLocation=${join(dir, 's.txt')}`);
    const errors = await runAll(conn, ['SELECT * FROM Campaigns', 'SELECT * FROM Insights', 'SELEC x', 'SELECT * FROM NoSuchTable', "SELECT * FROM Campaigns WHERE AccountId = 'nope'", `EXEC GetOAuthAuthorizationURL @CallbackURL = '${CALLBACK}'`]);
    const [auth] = (await conn.query(`EXEC GetOAuthAuthorizationURL @CallbackURL = '${CALLBACK}'`)).rows;
    const verifier = new URL(await submitConsent(auth!.URL as string)).searchParams.get('oauth_verifier')!;
    const [tokens] = (await conn.query('EXEC GetOAuthAccessToken @Verifier = ?, @AuthToken = ?, @AuthKey = ?', [verifier, (auth!.AuthToken as string), (auth!.AuthKey as string)])).rows;
    errors.push(...(await runAll(conn, ["EXEC GetOAuthAccessToken @Verifier = 'bad', @AuthToken = 'bad', @AuthKey = 'bad'"])));
    await conn.close();
    const wrong = await connectTwitter(`BaseURL=${emulator.url};OAuthClientId=${clientId};OAuthClientSecret=wrong-${clientSecret};OAuthAccessToken=${accessToken};OAuthAccessTokenSecret=${accessTokenSecret};Logfile=${log};Verbosity=5`);
    errors.push(...(await runAll(wrong, ['SELECT * FROM Accounts'])));
    await wrong.close();

    assert.ok(errors.length >= 4, `expected failures, got ${errors.length}`);
    const lines = readFileSync(log, 'utf8').split('\n');
    assert.ok(lines.length > 10 && lines.some((l) => l.includes('response body')), 'Verbosity=5 logs bodies');
    const secrets = [clientSecret, accessToken, accessTokenSecret, verifier, auth!.AuthKey as string, tokens!.OAuthAccessToken as string, tokens!.OAuthAccessTokenSecret as string];
    assertClean([...errors, ...lines], secrets);
  } finally {
    await emulator.close();
  }
});

test('Instagram at Verbosity=5: the log and the errors carry no secret', async () => {
  const emulator = await startInstagramEmulator({ port: 0, seed: 52 });
  const dir = tempDir('ig-secrets');
  const log = join(dir, 'log.txt');
  const { clientId, clientSecret, accessToken } = emulator.credentials;
  try {
    const conn = await connectInstagram(`BaseURL=${emulator.url};OAuthClientId=${clientId};OAuthClientSecret=${clientSecret};OAuthAccessToken=${accessToken};Logfile=${log};Verbosity=5;OAuthSettingsLocation=${join(dir, 's.txt')}`);
    const errors = await runAll(conn, [
      'SELECT * FROM Media LIMIT 30',
      'SELECT * FROM MediaInsights LIMIT 60',
      "SELECT * FROM Media WHERE Id = 'no-such-media'",
      "SELECT * FROM AccountInsights WHERE StartTime >= '2020-01-01' AND MetricType = 'total_value'",
      "INSERT INTO Comments (MediaId, Text) VALUES ('x', 'SHOUTING')",
    ]);
    const [auth] = (await conn.query(`EXEC GetOAuthAuthorizationURL @CallbackURL = '${CALLBACK}'`)).rows;
    const code = new URL(await submitConsent(auth!.URL as string)).searchParams.get('code')!;
    const [tokens] = (await conn.query(`EXEC GetOAuthAccessToken @Verifier = ?, @CallbackURL = '${CALLBACK}'`, [code])).rows;
    const [refreshed] = (await conn.query('EXEC RefreshOAuthAccessToken')).rows;
    errors.push(...(await runAll(conn, [`EXEC GetOAuthAccessToken @Verifier = '${code}', @CallbackURL = '${CALLBACK}'`, 'SELECT * FROM Accounts'])));
    await conn.close();
    const expired = await connectInstagram(`BaseURL=${emulator.url};OAuthAccessToken=not-a-real-token;Logfile=${log};Verbosity=5`);
    errors.push(...(await runAll(expired, ['SELECT * FROM Accounts'])));
    await expired.close();

    assert.ok(errors.length >= 3, `expected failures, got ${errors.length}`);
    const lines = readFileSync(log, 'utf8').split('\n');
    assert.ok(lines.some((l) => l.includes('response body')), 'Verbosity=5 logs bodies');
    const secrets = [clientSecret, accessToken, code, tokens!.OAuthAccessToken as string, refreshed!.OAuthAccessToken as string, 'not-a-real-token'];
    assertClean([...errors, ...lines], secrets);
  } finally {
    await emulator.close();
  }
});
