import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArgs } from '../../src/cli/args.js';
import { formatError } from '../../src/cli/error-text.js';
import { maskConnectionString } from '../../src/cli/mask.js';
import { ApiError, PlanError } from '../../src/errors.js';

test('parseArgs: provider, connection string, -e (repeatable), --format', () => {
  assert.deepEqual(parseArgs(['twitterads']), { kind: 'connect', provider: 'twitterads', connectionString: '', scripts: [], files: [], outputFile: undefined, format: undefined, headers: true, separator: undefined, showSecrets: false });
  assert.deepEqual(parseArgs(['instagram', 'A=1;B=2', '-e', 'SELECT 1', '--execute=SELECT 2', '--format=csv']), {
    kind: 'connect',
    provider: 'instagram',
    connectionString: 'A=1;B=2',
    scripts: ['SELECT 1', 'SELECT 2'],
    files: [],
    outputFile: undefined,
    format: 'csv',
    headers: true,
    separator: undefined,
    showSecrets: false,
  });
});

test('parseArgs: -f FILE and -f -, -o FILE, --no-header, --separator, every mode as --format', () => {
  assert.deepEqual(parseArgs(['twitterads', '-f', 'a.sql', '--file=-', '-o', 'out.csv', '--no-header', '--separator', ';', '--format', 'tsv']), {
    kind: 'connect',
    provider: 'twitterads',
    connectionString: '',
    scripts: [],
    files: ['a.sql', '-'],
    outputFile: 'out.csv',
    format: 'tsv',
    headers: false,
    separator: ';',
    showSecrets: false,
  });
  for (const mode of ['table', 'box', 'markdown', 'csv', 'tsv', 'json', 'ndjson', 'line']) {
    const parsed = parseArgs(['twitterads', '-e', 'x', '--format', mode]);
    assert.ok(parsed.kind === 'connect' && parsed.format === mode, mode);
  }
  assert.equal(parseArgs(['twitterads', '--separator', '\\t']).kind === 'connect' && (parseArgs(['twitterads', '--separator', '\\t']) as { separator: string }).separator, '\t');
  assert.equal(parseArgs(['twitterads', '--separator', ';;']).kind, 'usage-error');
  assert.equal(parseArgs(['twitterads', '-f']).kind, 'usage-error');
  assert.equal(parseArgs(['twitterads', '-o']).kind, 'usage-error');
});

test('parseArgs: help, version, emulator pass-through, usage errors', () => {
  assert.deepEqual(parseArgs(['--help']), { kind: 'help' });
  assert.deepEqual(parseArgs(['twitterads', '-h']), { kind: 'help' });
  assert.deepEqual(parseArgs(['--version']), { kind: 'version' });
  assert.deepEqual(parseArgs(['emulator', 'twitterads', '--port', '0', '--help']), { kind: 'emulator', argv: ['twitterads', '--port', '0', '--help'] });
  assert.equal(parseArgs([]).kind, 'usage-error');
  assert.equal(parseArgs(['bogus']).kind, 'usage-error');
  assert.equal(parseArgs(['twitterads', '--format', 'xml', '-e', 'x']).kind, 'usage-error');
  assert.equal(parseArgs(['twitterads', '-e']).kind, 'usage-error');
  assert.equal(parseArgs(['twitterads', '--frobnicate']).kind, 'usage-error');
  assert.equal(parseArgs(['twitterads', 'A=1', 'B=2']).kind, 'usage-error');
});

test('parseArgs never echoes a connection string given in place of the provider', () => {
  const command = parseArgs(['OAuthClientSecret=hunter2;OAuthClientId=abc']);
  assert.equal(command.kind, 'usage-error');
  assert.ok(command.kind === 'usage-error' && !command.message.includes('hunter2'));
});

test('maskConnectionString masks secret-like keys, including quoted values', () => {
  assert.equal(
    maskConnectionString("OAuthClientId=abc;OAuthClientSecret='x;y';OAuthAccessToken=t0k;AuthKey={k;k};OAuthVerifier=v;Password=p;AccountId=18ce"),
    'OAuthClientId=abc;OAuthClientSecret=****;OAuthAccessToken=****;AuthKey=****;OAuthVerifier=****;Password=****;AccountId=18ce',
  );
  // Anything that is not Key=value is masked whole.
  assert.equal(maskConnectionString('Emulator=true;garbage-secret'), 'Emulator=true;****');
});

test('formatError prints the code and message only, never the cause', () => {
  const error = new ApiError('Campaign not found', 404, 'NOT_FOUND', { cause: new Error('Authorization: OAuth oauth_token="secret"') });
  assert.equal(formatError(error), 'Error [API]: Campaign not found');
  assert.equal(formatError(new Error('plain')), 'Error: plain');
  assert.equal(formatError({ token: 'secret' }), 'Error: Unexpected error');
  const debug = formatError(new PlanError('Campaigns needs AccountId'), true);
  assert.match(debug, /^Error \[PLAN\]: Campaigns needs AccountId\n\s+at /);
  assert.ok(!debug.includes('secret'));
});
