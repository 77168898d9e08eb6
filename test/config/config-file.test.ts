import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configFilePath, parseConfigText, readConfigFile } from '../../src/config/config-file.js';
import { ConfigError, ConnectionStringError } from '../../src/errors.js';

const FILE = `
[agency-eu]
provider = "twitterads"
OAuthClientId = "OlEScLToCUnUaqCT5SBPGcD6N"
OAuthClientSecret = "\${TW_SECRET}"
InitiateOAuth = "REFRESH"
MaxRows = 50

[brand-ig]
provider = "instagram"
Emulator = true

[serve.users.analyst]
password = "\${ANALYST_PASSWORD}"
connections = ["agency-eu"]

[serve.users.admin]
password = "plain"
write = true
`;

test('the file location: SOCIALSQL_CONFIG, else XDG_CONFIG_HOME, else ~/.config', () => {
  assert.equal(configFilePath({ SOCIALSQL_CONFIG: '/etc/s.toml', XDG_CONFIG_HOME: '/x', HOME: '/h' }), '/etc/s.toml');
  assert.equal(configFilePath({ XDG_CONFIG_HOME: '/x', HOME: '/h' }), '/x/socialsql/connections.toml');
  assert.equal(configFilePath({ HOME: '/h' }), '/h/.config/socialsql/connections.toml');
});

test('named connections keep their provider and properties; ${NAME} stays for resolution time', () => {
  const file = parseConfigText(FILE, '/c.toml', {});
  assert.deepEqual([...file.connections.keys()], ['agency-eu', 'brand-ig']);
  const eu = file.connections.get('agency-eu')!;
  assert.equal(eu.provider, 'twitterads');
  assert.deepEqual([...eu.properties], [
    ['OAuthClientId', 'OlEScLToCUnUaqCT5SBPGcD6N'],
    ['OAuthClientSecret', '${TW_SECRET}'],
    ['InitiateOAuth', 'REFRESH'],
    ['MaxRows', 50],
  ]);
  assert.deepEqual([...file.connections.get('brand-ig')!.properties], [['Emulator', true]]);
});

test('[serve.users.*] are typed for `socialsql serve`: password (env expanded on use), connections, write', () => {
  const file = parseConfigText(FILE, '/c.toml', { ANALYST_PASSWORD: 'pw-1' });
  const analyst = file.serveUsers.get('analyst')!;
  assert.equal(analyst.password(), 'pw-1');
  assert.deepEqual(analyst.connections, ['agency-eu']);
  assert.equal(analyst.write, false);
  const admin = file.serveUsers.get('admin')!;
  assert.deepEqual([admin.password(), admin.connections, admin.write], ['plain', undefined, true]);
  // An unset variable fails only the user that needs it, and names the variable.
  const unset = parseConfigText(FILE, '/c.toml', {});
  assert.throws(() => unset.serveUsers.get('analyst')!.password(), (e: unknown) => e instanceof ConnectionStringError && /ANALYST_PASSWORD, which is not set/.test(e.message));
});

test('invalid files are ConfigErrors that give the position, never the text of the line', () => {
  const secretLine = 'OAuthClientSecret = "hunter2';
  assert.throws(
    () => parseConfigText(`[a]\nprovider = "twitterads"\n${secretLine}\n`, '/c.toml', {}),
    (e: unknown) => e instanceof ConfigError && e.code === 'CONFIG' && /\/c\.toml is not valid TOML at line 3/.test(e.message) && !e.message.includes('hunter2'),
  );
  assert.throws(() => parseConfigText('[a]\nOAuthClientId = "x"\n', '/c.toml', {}), /\[a\] has no provider/);
  assert.throws(() => parseConfigText('[a]\nprovider = "twitterads"\nnested = { x = 1 }\n', '/c.toml', {}), /\[a\] must be a table of properties/);
  assert.throws(() => parseConfigText('[serve.users.u]\npassword = "p"\nconnections = ["nope"]\n', '/c.toml', {}), /serve user u names connection "nope"/);
  assert.throws(() => parseConfigText('[serve.users.u]\npasword = "p"\n', '/c.toml', {}), ConfigError);
});

test('a file readable by others is read with a warning; mode 0600 is read silently; a missing file is a ConfigError', () => {
  const dir = mkdtempSync(join(tmpdir(), 'socialsql-config-'));
  try {
    const path = join(dir, 'connections.toml');
    writeFileSync(path, FILE);
    const warnings: string[] = [];
    chmodSync(path, 0o644);
    const wide = readConfigFile({ env: { SOCIALSQL_CONFIG: path }, warn: (m) => warnings.push(m) });
    assert.equal(wide.connections.size, 2);
    assert.deepEqual(warnings, [`${path} is readable by other users (mode 644); it may hold secrets: chmod 600 ${path}`]);
    chmodSync(path, 0o600);
    readConfigFile({ env: { SOCIALSQL_CONFIG: path }, warn: (m) => warnings.push(m) });
    assert.equal(warnings.length, 1);
    assert.throws(() => readConfigFile({ env: { SOCIALSQL_CONFIG: join(dir, 'none.toml') } }), (e: unknown) => e instanceof ConfigError && /none\.toml does not exist/.test(e.message));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
