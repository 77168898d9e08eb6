/**
 * Connection logging (Logfile, Verbosity 1–5). Callers pass only public facts; `redact` is a
 * second line of defence that removes anything that looks like a credential before a line is written.
 */
import { appendFileSync } from 'node:fs';
import { redact } from './redact.js';

export interface Logger {
  /** 1: queries; 2: HTTP requests; 3: HTTP headers; 4: bodies; 5: everything. */
  log(level: number, message: string): void;
  enabled(level: number): boolean;
}

export const silentLogger: Logger = { log() {}, enabled: () => false };

/** `secrets` is read at each line: tokens obtained later (OAuth flows, refreshes) are masked too. */
export function fileLogger(path: string, verbosity: number, secrets: () => readonly string[]): Logger {
  return {
    enabled: (level) => level <= verbosity,
    log(level, message) {
      if (level > verbosity) return;
      appendFileSync(path, `${new Date().toISOString()} [${level}] ${redact(message, secrets())}\n`);
    },
  };
}

export { redact } from './redact.js';
