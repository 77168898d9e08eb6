/** Redaction: known secrets as whole tokens, and credential-shaped parameters whatever their value. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { redact } from '../../src/log/redact.js';

test('a short secret is masked as a whole token, never inside a word', () => {
  assert.equal(redact('HTTP 400 from T', ['T']), 'HTTP 400 from ****');
  assert.equal(redact('HTTP 400: bad HTTP request', ['HTTP']), '**** 400: bad **** request', 'a secret that is a word is still masked where it stands alone');
  assert.equal(redact('token abc123 and xabc123y', ['abc123']), 'token **** and xabc123y');
});

test('longer secrets win over shorter ones they contain', () => {
  assert.equal(redact('EAAB-long and EAAB', ['EAAB', 'EAAB-long']), '**** and ****');
});

test('OAuth 1.0a header and query parameters are masked whatever their value', () => {
  const header = 'OAuth oauth_consumer_key="ck", oauth_nonce="n0nce", oauth_signature="sig%3D", oauth_signature_method="HMAC-SHA1", oauth_token="tok", oauth_version="1.0"';
  const masked = redact(`echo: ${header}`);
  assert.doesNotMatch(masked, /n0nce|sig%3D|"tok"/);
  assert.match(masked, /oauth_token="\*\*\*\*"/);
  assert.match(masked, /oauth_consumer_key="ck"/, 'the consumer key is public');
  assert.equal(redact('url?oauth_token=abc&x=1'), 'url?oauth_token=****&x=1');
});

test('Graph parameters, JSON fields and bearer tokens are masked', () => {
  assert.equal(redact('/v21.0/me?access_token=EAAB&appsecret_proof=9f0e&fields=id'), '/v21.0/me?access_token=****&appsecret_proof=****&fields=id');
  assert.equal(redact('{"access_token":"EAAB","token_type":"bearer"}'), '{"access_token":"****","token_type":"bearer"}');
  assert.equal(redact('sent Bearer EAAB.x-y'), 'sent Bearer ****');
  assert.equal(redact('redirect?code=AQB1&state=s'), 'redirect?code=****&state=s');
  assert.equal(redact('(code 190)'), '(code 190)', 'error codes are not secrets');
});
