/**
 * A throwaway PostgreSQL server for one test file: initdb into a temporary folder, a free port on
 * 127.0.0.1, trust authentication, stopped and removed afterwards. Undefined when the binaries are
 * missing (the caller skips, and says so). As root, the server runs as the `postgres` (or `nobody`) user.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PostgresServer {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

export function postgresBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(root, versions[0], 'bin');
  }
  const found = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
  const path = found.stdout.trim();
  return found.status === 0 && path ? join(path, '..') : undefined;
}

export const SKIP_REASON = 'PostgreSQL binaries (initdb, pg_ctl) not found: PostgreSQL tests skipped (scripts/ensure-system-packages.sh installs them)';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  for (const user of ['postgres', 'nobody']) {
    const uid = spawnSync('id', ['-u', user], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', user], { encoding: 'utf8' });
    if (uid.status === 0 && gid.status === 0) return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  }
  return undefined;
}

export async function startPostgres(): Promise<PostgresServer | undefined> {
  const bin = postgresBinDir();
  if (!bin) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'socialsql-pg-'));
  const data = join(dir, 'data');
  const user = runAs();
  if (user) chownSync(dir, user.uid, user.gid);
  const options = { stdio: 'pipe' as const, ...(user ? { uid: user.uid, gid: user.gid } : {}), env: { ...process.env, LC_ALL: 'C' } };
  execFileSync(join(bin, 'initdb'), ['-D', data, '-U', 'socialsql', '--auth=trust', '-E', 'UTF8', '--no-sync'], options);
  const port = await freePort();
  execFileSync(
    join(bin, 'pg_ctl'),
    ['start', '-w', '-t', '60', '-D', data, '-l', join(dir, 'log'), '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60`],
    options,
  );
  return {
    url: `postgres://socialsql@127.0.0.1:${port}/postgres`,
    port,
    async stop() {
      try {
        execFileSync(join(bin, 'pg_ctl'), ['stop', '-D', data, '-m', 'immediate', '-w'], options);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
