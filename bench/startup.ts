/**
 * Start-up: from the command to a ready `socialsql> ` prompt on a terminal, on the built-in
 * emulator (no connection string). Each run is a fresh process under a pseudo-terminal
 * (util-linux `script`), timed until the prompt appears on its output; the median of 10 is reported.
 *
 *   npx tsx bench/startup.ts            # the installed command (node bin/socialsql.js) and npm start
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const RUNS = 10;

export interface StartupResult {
  readonly name: string;
  readonly command: string;
  readonly medianMs: number;
  readonly runsMs: readonly number[];
}

/** Milliseconds until the prompt shows; the shell is then told to quit. */
export function timeToPrompt(command: string, timeoutMs = 20_000): Promise<number> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, SOCIALSQL_HISTORY: join(mkdtempSync(join(tmpdir(), 'socialsql-bench-')), 'history'), TERM: 'xterm' };
    const started = performance.now();
    const child = spawn('script', ['-qfec', command, '/dev/null'], { cwd: root, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    let done = false;
    const timer = setTimeout(() => finish(new Error(`no prompt after ${timeoutMs} ms: ${output.slice(-300)}`)), timeoutMs);
    const finish = (error?: Error, ms?: number): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      child.stdin.write('.quit\r');
      const kill = setTimeout(() => child.kill('SIGKILL'), 3000);
      child.once('exit', () => {
        clearTimeout(kill);
        if (error) reject(error);
        else resolve(ms!);
      });
    };
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes('socialsql> ')) finish(undefined, performance.now() - started);
    });
    child.once('error', (error) => finish(error));
  });
}

export async function measureStartup(name: string, command: string, runs = RUNS): Promise<StartupResult> {
  const runsMs: number[] = [];
  for (let i = 0; i < runs; i++) runsMs.push(await timeToPrompt(command));
  const sorted = [...runsMs].sort((a, b) => a - b);
  const medianMs = sorted.length % 2 === 1 ? sorted[(sorted.length - 1) / 2]! : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2;
  return { name, command, medianMs, runsMs };
}

export async function startupBench(runs = RUNS): Promise<StartupResult[]> {
  return [
    await measureStartup('installed command (node bin/socialsql.js twitterads)', 'node bin/socialsql.js twitterads', runs),
    await measureStartup('npm start', 'npm start --silent', runs),
  ];
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const runs = Number(process.env.STARTUP_RUNS ?? RUNS);
  for (const result of await startupBench(runs)) {
    console.log(`${result.name}: median ${result.medianMs.toFixed(0)} ms over ${result.runsMs.length} runs (${result.runsMs.map((ms) => ms.toFixed(0)).join(', ')})`);
  }
}
