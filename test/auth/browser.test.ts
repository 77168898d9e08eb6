import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, test } from 'node:test';
import { browserCommands, openBrowser, splitCommandLine } from '../../src/auth/browser.js';
import { AuthError } from '../../src/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'socialsql-browser-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A BROWSER command that records its argv (after the script) as JSON into `out`. */
function recorder(out: string, placeholder = ' %s'): string {
  return `'${process.execPath}' -e "require('fs').writeFileSync(process.argv[1], JSON.stringify(process.argv.slice(2)))" '${out}'${placeholder}`;
}

async function readWhenWritten(path: string): Promise<string[]> {
  for (let i = 0; i < 400 && !existsSync(path); i++) await sleep(10);
  for (let i = 0; i < 50; i++) {
    try {
      return JSON.parse(readFileSync(path, 'utf8')) as string[];
    } catch {
      await sleep(10); // still being written
    }
  }
  throw new Error(`${path} was never written`);
}

test('splitCommandLine splits like a POSIX shell', () => {
  assert.deepEqual(splitCommandLine('  firefox   --new-window  '), ['firefox', '--new-window']);
  assert.deepEqual(splitCommandLine(`'/opt/My Browser/bin' "a \\"b\\" c" x\\ y ''`), ['/opt/My Browser/bin', 'a "b" c', 'x y', '']);
  assert.deepEqual(splitCommandLine(`open -a "Google Chrome" %s`), ['open', '-a', 'Google Chrome', '%s']);
});

test('BROWSER: a :-separated list; %s is replaced, else the URL is appended; then the platform default', () => {
  const url = 'https://example.com/oauth?a=1&b=2';
  assert.deepEqual(browserCommands(url, { BROWSER: 'w3m:firefox --new-tab %s:chromium "--app=%s"' }, 'linux'), [
    { file: 'w3m', args: [url] },
    { file: 'firefox', args: ['--new-tab', url] },
    { file: 'chromium', args: [`--app=${url}`] },
    { file: 'xdg-open', args: [url] },
  ]);
  assert.deepEqual(browserCommands(url, {}, 'darwin'), [{ file: 'open', args: [url] }]);
  assert.deepEqual(browserCommands(url, {}, 'linux'), [{ file: 'xdg-open', args: [url] }]);
  assert.deepEqual(browserCommands(url, {}, 'win32'), [{ file: 'cmd', args: ['/d', '/s', '/c', `start "" "${url}"`], windowsVerbatimArguments: true }]);
  assert.deepEqual(browserCommands(url, { BROWSER: 'C:\\b\\chrome.exe;edge' }, 'win32').map((c) => c.file), ['C:\\b\\chrome.exe', 'edge', 'cmd']);
});

test('openBrowser runs BROWSER without a shell: the URL arrives as one argument, unexpanded', async () => {
  const out = join(dir, 'argv-1.json');
  const marker = join(dir, 'pwned');
  const url = `http://127.0.0.1:1/authorize?x=$(touch ${marker})&y=\`touch ${marker}\`;touch ${marker}|z`;
  await openBrowser(url, { ...process.env, BROWSER: recorder(out) });
  const argv = await readWhenWritten(out);
  assert.deepEqual(argv, [new URL(url).href]);
  await sleep(50);
  assert.ok(!existsSync(marker), 'nothing was interpreted by a shell');
});

test('without %s the URL is the last argument; entries that cannot start are skipped', async () => {
  const out = join(dir, 'argv-2.json');
  const url = 'https://www.facebook.com/v21.0/dialog/oauth?client_id=1&state=abc';
  await openBrowser(url, { ...process.env, BROWSER: `/nonexistent/browser --flag:${recorder(out, '')} extra` });
  assert.deepEqual(await readWhenWritten(out), ['extra', url]);
});

test('when nothing can start: an AuthError that tells the user to open the URL themselves', async () => {
  const url = 'https://api.x.com/oauth/authorize?oauth_token=public-request-token';
  await assert.rejects(openBrowser(url, { BROWSER: '/nonexistent/one:/nonexistent/two', PATH: '/nonexistent' }), (error: unknown) => {
    assert.ok(error instanceof AuthError);
    assert.match(error.message, /Could not open a browser \(\/nonexistent\/one: ENOENT; \/nonexistent\/two: ENOENT; xdg-open: ENOENT\)/);
    assert.ok(error.message.endsWith(`Open this URL yourself to authorize socialsql: ${url}`));
    return true;
  });
});

test('only http(s) URLs are opened', async () => {
  await assert.rejects(openBrowser('file:///etc/passwd', { BROWSER: 'true' }), /only http and https URLs/);
  await assert.rejects(openBrowser('not a url', { BROWSER: 'true' }), /not valid/);
});
