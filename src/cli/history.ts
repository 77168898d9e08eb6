/**
 * The shell's history file: one entry per line, oldest first, at most 1000 entries.
 * Entries are single lines already (multi-line statements are collapsed before they get
 * here); any newline left inside a quoted string is escaped as `\n`, and `\` as `\\`.
 * The file is private (0600): statements can carry values such as OAuth verifiers.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

export const HISTORY_LIMIT = 1000;

export function historyPath(env: Readonly<Record<string, string | undefined>>): string {
  if (env.SOCIALSQL_HISTORY) return env.SOCIALSQL_HISTORY;
  const configHome = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  return join(configHome, 'socialsql', 'history');
}

export class History {
  /**
   * Newest first, the order node:readline walks with the up arrow. The REPL hands this
   * very array to readline, so entries added here are recalled at once.
   */
  readonly newestFirst: string[];
  private warned = false;

  private constructor(
    readonly path: string,
    entries: string[],
    private readonly onWriteError: (error: unknown) => void,
  ) {
    this.newestFirst = entries.reverse();
  }

  /** Reads the file; a missing or unreadable file is an empty history. */
  static load(path: string, onWriteError: (error: unknown) => void = () => undefined): History {
    let entries: string[] = [];
    try {
      entries = readFileSync(path, 'utf8')
        .split('\n')
        .filter((line) => line !== '')
        .map(decode)
        .slice(-HISTORY_LIMIT);
    } catch {
      // First run: no file yet.
    }
    return new History(path, entries, onWriteError);
  }

  /** Adds an entry (skipping an immediate repeat) and saves, so a crash loses nothing. */
  add(entry: string): void {
    const trimmed = entry.trim();
    if (trimmed === '' || this.newestFirst[0] === trimmed) return;
    this.newestFirst.unshift(trimmed);
    this.newestFirst.length = Math.min(this.newestFirst.length, HISTORY_LIMIT);
    this.save();
  }

  private save(): void {
    try {
      mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
      const text = [...this.newestFirst].reverse().map(encode).join('\n');
      writeFileSync(this.path, `${text}\n`, { mode: 0o600 });
    } catch (error) {
      // A read-only home should not break the shell; say so once.
      if (!this.warned) this.onWriteError(error);
      this.warned = true;
    }
  }
}

function encode(entry: string): string {
  return entry.replaceAll('\\', '\\\\').replaceAll('\n', '\\n');
}

function decode(line: string): string {
  return line.replace(/\\(\\|n)/g, (_, escaped: string) => (escaped === 'n' ? '\n' : '\\'));
}
