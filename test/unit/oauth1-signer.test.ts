import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { oauth1Header, oauth1Signature, percentEncode } from '../../src/auth/oauth1-signer.js';

interface Vector {
  name: string;
  method: string;
  url: string;
  params: Record<string, string>;
  consumerSecret: string;
  tokenSecret: string;
  signature: string;
}
const vectors = (JSON.parse(readFileSync(new URL('../fixtures/oauth1-test-vectors.json', import.meta.url), 'utf8')) as { vectors: Vector[] }).vectors;

for (const vector of vectors) {
  test(`signature matches the published vector: ${vector.name}`, () => {
    const signature = oauth1Signature(vector.method, vector.url, Object.entries(vector.params), vector.consumerSecret, vector.tokenSecret);
    assert.equal(signature, vector.signature);
  });
}

test('percent-encoding follows RFC 3986, not encodeURIComponent', () => {
  assert.equal(percentEncode("Ladies + Gentlemen!*'()"), 'Ladies%20%2B%20Gentlemen%21%2A%27%28%29');
  assert.equal(percentEncode('a,b:c'), 'a%2Cb%3Ac');
});

test('the Authorization header signs query parameters and carries every oauth_ field', () => {
  const first = vectors[0]!;
  const query = new URLSearchParams({ status: first.params.status!, include_entities: 'true' });
  const header = oauth1Header('POST', `${first.url}?${query}`, {
    consumerKey: first.params.oauth_consumer_key!,
    consumerSecret: first.consumerSecret,
    token: first.params.oauth_token!,
    tokenSecret: first.tokenSecret,
  }, { nonce: first.params.oauth_nonce!, timestamp: first.params.oauth_timestamp! });
  assert.match(header, /^OAuth /);
  assert.ok(header.includes(`oauth_signature="${percentEncode(first.signature)}"`), header);
  assert.ok(header.includes('oauth_version="1.0"'));
});
