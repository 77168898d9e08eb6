// A BROWSER command for tests of the desktop OAuth flow:
//   BROWSER="node --import tsx test/auth/click-authorize.ts %s"
// Launches Debian's Chromium headless (playwright-core, no downloaded browser), opens the URL,
// clicks the button named "Authorize", waits for the redirect to the callback, and exits 0.
// Exits 1 on any failure. Errors go to stderr and, when CLICK_AUTHORIZE_LOG names a file, there
// too (a browser started by openBrowser has no stdio), so the test can say what went wrong.
import { appendFileSync, existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const TIMEOUT_MS = Number(process.env.CLICK_AUTHORIZE_TIMEOUT_MS ?? 30_000);

function report(line: string): void {
  process.stderr.write(`${line}\n`);
  const log = process.env.CLICK_AUTHORIZE_LOG;
  if (log) appendFileSync(log, `${line}\n`);
}

/** Where a URL points, without its query (which carries verifiers and codes). */
const place = (href: string) => {
  const u = new URL(href);
  return `${u.origin}${u.pathname}`;
};

async function clickAuthorize(url: string): Promise<void> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM_PATH}. Install it with: apt-get install -y chromium`);
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    timeout: TIMEOUT_MS,
  });
  try {
    const page = await browser.newPage();
    page.setDefaultTimeout(TIMEOUT_MS);
    const consent = await page.goto(url, { waitUntil: 'load' });
    if (!consent?.ok()) throw new Error(`the consent page ${place(url)} answered HTTP ${consent?.status() ?? 'nothing'}`);
    const consentPlace = place(page.url());
    const landed = page.waitForURL((u) => place(u.href) !== consentPlace, { waitUntil: 'load' });
    landed.catch(() => undefined); // awaited below; a failure while clicking must not go unhandled
    await page.getByRole('button', { name: 'Authorize' }).click();
    await landed;
    report(`click-authorize: authorized; landed on ${place(page.url())}`);
  } finally {
    await browser.close();
  }
}

const url = process.argv[2];
if (!url) {
  report('usage: node --import tsx test/auth/click-authorize.ts <authorization-url>');
  process.exit(2);
}
try {
  await clickAuthorize(url);
  process.exit(0);
} catch (error) {
  report(`click-authorize: failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
