/**
 * Opens a URL in the user's browser for the desktop OAuth flow.
 *
 * `BROWSER` is honoured as xdg-open and Python's webbrowser module do: a list of commands
 * separated by the path delimiter (`:`; `;` on Windows), tried in order until one starts;
 * `%s` in a command is replaced by the URL, otherwise the URL is the last argument.
 * Then (or without BROWSER) the platform's way: `open` (macOS), `cmd /c start` (Windows), `xdg-open`.
 *
 * No shell is involved on POSIX: commands are split into argv here and the URL is always one
 * argv element, so a crafted URL cannot run anything.
 */
import { spawn } from 'node:child_process';
import { AuthError } from '../errors.js';

export interface BrowserCommand {
  readonly file: string;
  readonly args: readonly string[];
  /** Windows `cmd` needs its own quoting; see platformCommand. */
  readonly windowsVerbatimArguments?: boolean;
}

export async function openBrowser(url: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const href = checkedUrl(url);
  const commands = browserCommands(href, env);
  const failures: string[] = [];
  for (const command of commands) {
    try {
      await startDetached(command, env);
      return;
    } catch (error) {
      failures.push(`${command.file}: ${(error as { code?: string }).code ?? (error instanceof Error ? error.message : String(error))}`);
    }
  }
  throw new AuthError(
    `Could not open a browser (${failures.join('; ') || 'BROWSER names no command'}). Open this URL yourself to authorize socialsql: ${href}`,
  );
}

/** The commands openBrowser tries, in order. Exported for tests. */
export function browserCommands(href: string, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): BrowserCommand[] {
  const fromEnv = (env.BROWSER ?? '')
    .split(platform === 'win32' ? ';' : ':')
    .map((entry) => splitCommandLine(entry, { backslashEscapes: platform !== 'win32' }))
    .filter((argv) => argv.length > 0)
    .map((argv) => {
      const withUrl = argv.some((arg) => arg.includes('%s')) ? argv.map((arg) => arg.split('%s').join(href)) : [...argv, href];
      return { file: withUrl[0]!, args: withUrl.slice(1) };
    });
  // Like xdg-open and Python, the platform's way is the last resort after BROWSER's entries.
  return [...fromEnv, platformCommand(href, platform)];
}

function platformCommand(href: string, platform: NodeJS.Platform): BrowserCommand {
  if (platform === 'darwin') return { file: 'open', args: [href] };
  if (platform === 'win32') {
    // `start` is a cmd built-in. The URL is quoted for cmd so that `&` stays part of it;
    // checkedUrl guarantees it holds no `"` (the URL parser percent-encodes them).
    return { file: 'cmd', args: ['/d', '/s', '/c', `start "" "${href}"`], windowsVerbatimArguments: true };
  }
  return { file: 'xdg-open', args: [href] };
}

function checkedUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AuthError('Cannot open the authorization page: the URL is not valid');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new AuthError(`Cannot open the authorization page: only http and https URLs are opened, not ${parsed.protocol}`);
  }
  return parsed.href;
}

/**
 * Splits one command as a POSIX shell would split words (Python's shlex.split does the same
 * for BROWSER): whitespace separates, '…' is literal, "…" allows \" and \\, \ escapes outside quotes.
 * On Windows backslashes are path separators, so they stay literal there.
 */
export function splitCommandLine(command: string, { backslashEscapes = true } = {}): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < command.length; i++) {
    const c = command[i]!;
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
      else if (backslashEscapes && c === '\\' && (command[i + 1] === '"' || command[i + 1] === '\\')) word += command[++i];
      else word += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (backslashEscapes && c === '\\' && i + 1 < command.length) {
      word += command[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}

/** Resolves once the process has started (not when it exits); rejects when it cannot start. */
function startDetached(command: BrowserCommand, env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command.file, [...command.args], {
      env,
      detached: true,
      stdio: 'ignore',
      shell: false,
      windowsHide: true,
      windowsVerbatimArguments: command.windowsVerbatimArguments ?? false,
    });
    child.once('error', reject);
    child.once('spawn', () => {
      child.off('error', reject);
      child.on('error', () => undefined); // later errors belong to the browser, not to us
      child.unref();
      resolve();
    });
  });
}
