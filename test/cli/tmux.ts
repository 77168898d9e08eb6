/**
 * socialsql in a real terminal: a tmux session of a given size, keys sent as a person types them,
 * and the screen read back with capture-pane. Each test run uses its own tmux server (-L socket),
 * so nothing touches a user's tmux.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const socket = `socialsql-test-${process.pid}`;
let sessions = 0;

/** The shell as the sources stand (tsx), so the test never runs a stale build. */
export function shellCommand(args: readonly string[]): string {
  return [process.execPath, '--import', 'tsx', 'src/cli/main.ts', ...args].map(quote).join(' ');
}

export function quote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

export class TmuxSession {
  readonly name: string;

  private constructor(name: string) {
    this.name = name;
  }

  /** Starts `command` (a shell command line) in a width × height terminal with `env` added. */
  static start(command: string, options: { width: number; height: number; env?: Record<string, string> }): TmuxSession {
    const name = `s${++sessions}`;
    const env = Object.entries({ TERM: 'xterm-256color', ...options.env })
      .map(([key, value]) => `${key}=${quote(value)}`)
      .join(' ');
    const args = ['-f', '/dev/null', 'new-session', '-d', '-s', name, '-x', String(options.width), '-y', String(options.height), `cd ${quote(root)} && env ${env} ${command}; sleep 30`];
    // Without exit-empty off the server exits when a test kills its last session, and the next
    // new-session can reach it mid-exit ("server exited unexpectedly"); then one retry starts a new one.
    const keepServer = [';', 'set-option', '-g', 'exit-empty', 'off'];
    try {
      tmux(...args, ...keepServer);
    } catch (error) {
      if (!String((error as { stderr?: unknown }).stderr ?? '').includes('server exited unexpectedly')) throw error;
      tmux(...args, ...keepServer);
    }
    return new TmuxSession(name);
  }

  /** Types text literally (tmux -l: `;` and key names are not interpreted). */
  type(text: string): void {
    // A trailing `;` would still end the tmux command; send it escaped.
    for (const part of text.split(/(;)/)) if (part !== '') tmux('send-keys', '-t', this.name, '-l', part === ';' ? '\\;' : part);
  }

  /** Presses keys by tmux name: Enter, Tab, C-c, C-r, Up, ... */
  press(...keys: string[]): void {
    for (const key of keys) tmux('send-keys', '-t', this.name, key);
  }

  /** The visible screen (and `scrollback` lines above it), as the terminal shows it. */
  screen(scrollback = 0): string {
    return tmux('capture-pane', '-p', '-t', this.name, ...(scrollback > 0 ? ['-S', String(-scrollback)] : []));
  }

  /** Polls the screen until `pattern` shows; answers that screen. */
  async waitFor(pattern: RegExp, what: string, timeoutMs = 20_000, scrollback = 0): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const text = this.screen(scrollback);
      if (pattern.test(text)) return text;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; the screen was:\n${text}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  kill(): void {
    spawnSync('tmux', ['-L', socket, 'kill-session', '-t', this.name]);
  }
}

function tmux(...args: string[]): string {
  return execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Ends this run's tmux server (every session in it). */
export function killTmuxServer(): void {
  spawnSync('tmux', ['-L', socket, 'kill-server']);
}

export function tempHistory(): string {
  return join(mkdtempSync(join(tmpdir(), 'socialsql-term-')), 'history');
}

/** `socialsql emulator twitterads` as a separate process, with its admin endpoints. */
export interface EmulatorProcess {
  readonly url: string;
  readonly connectionString: string;
  requests(): Promise<number>;
  close(): void;
}

export async function startEmulatorProcess(args: readonly string[]): Promise<EmulatorProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'emulator', 'twitterads', '--port', '0', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`emulator exited (${code})`)));
  });
  const info = JSON.parse(first) as { url: string; clientId: string; clientSecret: string; accessToken: string; accessTokenSecret: string };
  return {
    url: info.url,
    connectionString: `BaseURL=${info.url};OAuthClientId=${info.clientId};OAuthClientSecret=${info.clientSecret};OAuthAccessToken=${info.accessToken};OAuthAccessTokenSecret=${info.accessTokenSecret}`,
    async requests() {
      const stats = (await (await fetch(`${info.url}/__emulator/stats`)).json()) as { requests: number };
      return stats.requests;
    },
    close() {
      child.kill();
    },
  };
}
