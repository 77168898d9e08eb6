import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseConnectionString } from '../../src/connection/connection-string.js';
import { readProperties, twitterAdsProperties } from '../../src/connection/properties.js';
import { ConnectionStringError } from '../../src/errors.js';

test('values may be bare, single-, double- or brace-quoted', () => {
  const entries = parseConnectionString(`A=1; b = 'x;y' ;C="say ""hi""";D={p;q};E=''''`);
  assert.deepEqual(entries, [
    { key: 'A', value: '1' },
    { key: 'b', value: 'x;y' },
    { key: 'C', value: 'say "hi"' },
    { key: 'D', value: 'p;q' },
    { key: 'E', value: "'" },
  ]);
});

test('a trailing semicolon and empty segments are fine; an unclosed quote is not', () => {
  assert.deepEqual(parseConnectionString('A=1;;B=2;'), [
    { key: 'A', value: '1' },
    { key: 'B', value: '2' },
  ]);
  assert.throws(() => parseConnectionString("A='open"), /unclosed '/);
  assert.throws(() => parseConnectionString('JustAKey'), /has no value/);
});

test('keys are case-insensitive and values are typed', () => {
  const props = readProperties('initiateoauth=off;TIMEOUT=5;pagesize=100;emulator=TRUE', twitterAdsProperties);
  assert.equal(props.get('InitiateOAuth'), 'OFF');
  assert.equal(props.get('Timeout'), 5);
  assert.equal(props.get('Pagesize'), 100);
  assert.equal(props.get('Emulator'), true);
  assert.equal(props.get('MaxRateLimitDelay'), 60, 'defaults apply');
});

test('an unknown key names the closest known key', () => {
  assert.throws(
    () => readProperties('OAuthClientSecrt=abc', twitterAdsProperties),
    (error: unknown) => error instanceof ConnectionStringError && /Unknown connection property "OAuthClientSecrt"\. Did you mean OAuthClientSecret\?/.test(error.message),
  );
});

test('bad values are rejected, and a secret value is never echoed', () => {
  assert.throws(() => readProperties('Timeout=soon', twitterAdsProperties), /Timeout: expected a whole number/);
  assert.throws(() => readProperties('InitiateOAuth=SOMETIMES', twitterAdsProperties), /expected one of OFF, GETANDREFRESH, REFRESH/);
  assert.throws(() => readProperties('A=1;a=2', twitterAdsProperties), /Unknown connection property/);
  assert.throws(() => readProperties('Timeout=1;timeout=2', twitterAdsProperties), /given twice/);
});

test('a fragment without = never echoes more than its leading name (it may be a secret typed with a colon)', () => {
  for (const text of ['OAuthClientSecret:MY-SECRET', 'OAuthClientId=x;OAuthClientSecret:MY-SECRET;Timeout=5', 'OAuthClientSecret MY-SECRET', ':MY-SECRET']) {
    assert.throws(
      () => parseConnectionString(text),
      (error: unknown) => {
        assert.ok(error instanceof ConnectionStringError);
        assert.doesNotMatch(error.message, /MY-SECRET/);
        return true;
      },
      text,
    );
  }
  assert.throws(() => parseConnectionString('OAuthClientSecret:MY-SECRET'), /position 1 \(starting with "OAuthClientSecret"\) is not Name=value; a colon does not assign a value, use =/);
});
