/**
 * Start-up: from the command to a ready `socialsql> ` prompt on a terminal, on the built-in
 * emulator (no connection string). Each run is a fresh process under a pseudo-terminal
 * (util-linux `script`), timed until the prompt appears on its output; the median of 10 is reported.
 *
 *   npx tsx bench/startup.ts            # the installed command, npm start, and the machine's floor
 * The build must be current (npm run build); `npm start` rebuilds by itself when sources changed.
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
  return { name, command, medianMs: median(runsMs), runsMs };
}

/** The same for a command that is not the shell: how long the machine takes to start node (or npm) at all. */
export async function timeToExit(command: string): Promise<number> {
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn('sh', ['-c', command], { cwd: root, stdio: 'ignore' });
    child.once('exit', () => resolve());
    child.once('error', reject);
  });
  return performance.now() - started;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length % 2 === 1 ? sorted[(sorted.length - 1) / 2]! : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2;
}

export async function startupBench(runs = RUNS): Promise<StartupResult[]> {
  const baseline = async (name: string, command: string): Promise<StartupResult> => {
    const runsMs: number[] = [];
    for (let i = 0; i < runs; i++) runsMs.push(await timeToExit(command));
    return { name, command, medianMs: median(runsMs), runsMs };
  };
  return [
    await measureStartup('installed command (node bin/socialsql.js twitterads)', 'node bin/socialsql.js twitterads', runs),
    await measureStartup('npm start', 'npm start --silent', runs),
    await measureStartup('what npm start runs (node scripts/start.mjs twitterads)', 'node scripts/start.mjs twitterads', runs),
    // Not the shell: the floor this machine sets (node's own start, npm's own start).
    await baseline('baseline: node -e 0', 'node -e 0'),
    await baseline('baseline: npm --version', 'npm --version'),
  ];
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const runs = Number(process.env.STARTUP_RUNS ?? RUNS);
  for (const result of await startupBench(runs)) {
    console.log(`${result.name}: median ${result.medianMs.toFixed(0)} ms over ${result.runsMs.length} runs (${result.runsMs.map((ms) => ms.toFixed(0)).join(', ')})`);
  }
}
