/**
 * Long results on a terminal go through $PAGER (as psql does): only when PAGER is set, the
 * output is the terminal, and the text is taller than the screen. Readline is paused meanwhile,
 * so the pager alone reads the keyboard.
 */
import { spawn } from 'node:child_process';
import type { Interface } from 'node:readline';

/** The pager command, or undefined for none (PAGER unset or empty; SOCIALSQL_PAGER=off turns it off). */
export function wantsPager(env: Readonly<Record<string, string | undefined>>): string | undefined {
  if (env.SOCIALSQL_PAGER === 'off') return undefined;
  const command = env.SOCIALSQL_PAGER || env.PAGER;
  return command === undefined || command.trim() === '' ? undefined : command;
}

/** Pages `text` when it has more lines than the screen; answers whether it did. */
export async function pageText(text: string, screenRows: number, command: string, rl: Interface): Promise<boolean> {
  const lines = text.split('\n').length - 1;
  if (lines < screenRows - 1) return false;
  rl.pause();
  try {
    return await new Promise<boolean>((resolve) => {
      const child = spawn(command, { shell: true, stdio: ['pipe', 'inherit', 'inherit'] });
      child.once('error', () => resolve(false));
      child.once('exit', () => resolve(true));
      child.stdin.on('error', () => undefined); // the user may quit the pager before reading everything
      child.stdin.end(text);
    });
  } finally {
    rl.resume();
  }
}
