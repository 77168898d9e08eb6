import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfigText } from '../../src/config/config-file.js';
import { expandEnvReferences } from '../../src/config/env-references.js';
import { originText, resolveProperties, type ResolveContext } from '../../src/config/resolve-properties.js';
import { instagramProperties, twitterAdsProperties } from '../../src/connection/properties.js';
import { ConfigError, ConnectionStringError } from '../../src/errors.js';

const FILE = `
[agency-eu]
provider = "twitterads"
OAuthClientId = "file-id"
OAuthClientSecret = "\${TW_SECRET}"
MaxRows = 50
Verbosity = 2

[brand-ig]
provider = "instagram"
BusinessAccountId = "1784"
`;

function context(env: Record<string, string>): ResolveContext {
  return { env, readConfig: () => parseConfigText(FILE, '/home/u/.config/socialsql/connections.toml', env) };
}

const origins = (r: ReturnType<typeof resolveProperties>) => Object.fromEntries([...r.origins].map(([k, o]) => [k, originText(o)]));

test('precedence: connection string > named connection > SOCIALSQL_* > defaults, each value with its origin', () => {
  const env = { TW_SECRET: 'file-secret', SOCIALSQL_MAXROWS: '7', SOCIALSQL_VERBOSITY: '4', SOCIALSQL_OAUTHACCESSTOKEN: 'env-token', SOCIALSQL_PAGESIZE: '20' };
  const resolved = resolveProperties('twitterads', twitterAdsProperties, '@agency-eu;Verbosity=3', context(env));
  assert.equal(resolved.connection, 'agency-eu');
  const values = Object.fromEntries(['OAuthClientId', 'OAuthClientSecret', 'OAuthAccessToken', 'MaxRows', 'Verbosity', 'Pagesize', 'Timeout'].map((k) => [k, resolved.values.get(k)]));
  assert.deepEqual(values, { OAuthClientId: 'file-id', OAuthClientSecret: 'file-secret', OAuthAccessToken: 'env-token', MaxRows: 50, Verbosity: 3, Pagesize: 20, Timeout: 60 });
  const o = origins(resolved);
  assert.deepEqual(
    { OAuthClientId: o.OAuthClientId, OAuthClientSecret: o.OAuthClientSecret, OAuthAccessToken: o.OAuthAccessToken, MaxRows: o.MaxRows, Verbosity: o.Verbosity, Pagesize: o.Pagesize, Timeout: o.Timeout },
    {
      OAuthClientId: 'connection agency-eu',
      OAuthClientSecret: 'connection agency-eu',
      OAuthAccessToken: 'env SOCIALSQL_OAUTHACCESSTOKEN',
      MaxRows: 'connection agency-eu',
      Verbosity: 'connection string',
      Pagesize: 'env SOCIALSQL_PAGESIZE',
      Timeout: 'default',
    },
  );
});

test('without a name, SOCIALSQL_* variables fill what the string leaves out; the file is not read', () => {
  const ctx: ResolveContext = { env: { SOCIALSQL_OAUTHCLIENTSECRET: 's', SOCIALSQL_ACCOUNTID: 'a9' }, readConfig: () => assert.fail('the file was read') };
  const resolved = resolveProperties('twitterads', twitterAdsProperties, 'AccountId=a1', ctx);
  assert.equal(resolved.values.get('AccountId'), 'a1');
  assert.equal(resolved.values.get('OAuthClientSecret'), 's');
  assert.equal(originText(resolved.origins.get('AccountId')!), 'connection string');
  assert.equal(originText(resolved.origins.get('OAuthClientSecret')!), 'env SOCIALSQL_OAUTHCLIENTSECRET');
});

test('an object of typed values resolves like a string; connection selects the named connection', () => {
  const resolved = resolveProperties('instagram', instagramProperties, { connection: 'brand-ig', MaxRows: 9, Emulator: true }, context({}));
  assert.deepEqual([resolved.values.get('MaxRows'), resolved.values.get('Emulator'), resolved.values.get('BusinessAccountId')], [9, true, '1784']);
  assert.equal(originText(resolved.origins.get('MaxRows')!), 'connect() options');
  assert.equal(originText(resolved.origins.get('BusinessAccountId')!), 'connection brand-ig');
});

test('${NAME} works in connection strings too, and $${ is a literal', () => {
  const resolved = resolveProperties('twitterads', twitterAdsProperties, 'OAuthClientSecret=${MY_SECRET};OAuthClientId=a$${b}', context({ MY_SECRET: 'from-env' }));
  assert.equal(resolved.values.get('OAuthClientSecret'), 'from-env');
  assert.equal(resolved.values.get('OAuthClientId'), 'a${b}');
  assert.equal(expandEnvReferences('x-${A}-${B}', { A: '1', B: '2' }, 'v'), 'x-1-2');
});

test('errors name the connection, file, variable or closest property, never a secret value', () => {
  const ctx = context({});
  assert.throws(() => resolveProperties('twitterads', twitterAdsProperties, '@agency-eu', ctx), (e: unknown) => e instanceof ConnectionStringError && /OAuthClientSecret \(connection agency-eu in .*connections\.toml\) refers to the environment variable TW_SECRET, which is not set/.test(e.message));
  assert.throws(() => resolveProperties('twitterads', twitterAdsProperties, '@agency-us', ctx), /No connection named "agency-us" in .*connections\.toml\. Did you mean agency-eu\?/);
  assert.throws(() => resolveProperties('twitterads', twitterAdsProperties, '@brand-ig', ctx), /Connection brand-ig in .* is for provider instagram, not twitterads/);
  assert.throws(() => resolveProperties('twitterads', twitterAdsProperties, { OAuthClientSecrt: 'hunter2' }, ctx), (e: unknown) => e instanceof ConnectionStringError && /Did you mean OAuthClientSecret/.test(e.message) && !e.message.includes('hunter2'));
  assert.throws(() => resolveProperties('twitterads', twitterAdsProperties, '', { env: { SOCIALSQL_MAXROWS: 'lots' } }), /Connection property MaxRows \(from SOCIALSQL_MAXROWS\): expected a whole number/);
  assert.throws(() => resolveProperties('twitterads', twitterAdsProperties, '@', ctx), /Expected a connection name after @/);
  const missing: ResolveContext = { env: {}, readConfig: () => { throw new ConfigError('The configuration file /x does not exist'); } };
  assert.throws(() => resolveProperties('twitterads', twitterAdsProperties, '@agency-eu', missing), ConfigError);
});
