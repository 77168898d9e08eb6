import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeSources } from '../../src/config/describe-sources.js';
import { banner } from '../../src/cli/main.js';

test('the banner names a named connection and where properties came from, never a secret value', () => {
  const sources = describeSources([
    { name: 'OAuthClientId', value: 'abc', source: 'connection agency-eu' },
    { name: 'OAuthClientSecret', value: '****', source: 'connection agency-eu' },
    { name: 'OAuthAccessToken', value: '****', source: 'env SOCIALSQL_OAUTHACCESSTOKEN' },
    { name: 'Verbosity', value: '3', source: 'connection string' },
    { name: 'Timeout', value: '60', source: 'default' },
  ]);
  assert.equal(sources, 'from connection agency-eu: OAuthClientId, OAuthClientSecret; from environment: OAuthAccessToken (SOCIALSQL_OAUTHACCESSTOKEN)');
  const text = banner('twitterads', '@agency-eu;Verbosity=3', sources);
  assert.match(text, /— twitterads — connection agency-eu;Verbosity=3\nProperties from connection agency-eu: OAuthClientId, OAuthClientSecret; from environment: OAuthAccessToken \(SOCIALSQL_OAUTHACCESSTOKEN\)\n/);
  assert.equal(describeSources([{ name: 'Timeout', value: '60', source: 'default' }]), undefined);
  assert.match(banner('twitterads', 'OAuthClientSecret=s3cr3t'), /OAuthClientSecret=\*\*\*\*/);
});
