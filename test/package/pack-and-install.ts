/**
 * Packs socialsql as the registry would get it and installs the tarball into an empty project,
 * offline: the consumer's lockfile is derived from the repository's (runtime dependencies only,
 * each with its integrity), so `npm ci --offline` takes every tarball from npm's cache, which the
 * repository's own `npm ci` filled. The build runs in a copy, so the repository's dist/ is untouched.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

interface LockEntry {
  version?: string;
  resolved?: string;
  integrity?: string;
  dev?: boolean;
  devOptional?: boolean;
  [key: string]: unknown;
}

export interface PackedProject {
  readonly dir: string;
  readonly tarball: string;
  /** Bytes of the .tgz, and of the unpacked package as npm reports it. */
  readonly packedBytes: number;
  readonly unpackedBytes: number;
  readonly files: readonly string[];
}

export interface InstalledProject {
  readonly dir: string;
  /** Bytes on disk of the consumer's node_modules: socialsql and its runtime dependencies. */
  readonly installedBytes: number;
}

export function pack(): PackedProject {
  const dir = mkdtempSync(join(tmpdir(), 'socialsql-pack-'));
  const copy = join(dir, 'src-copy');
  mkdirSync(copy);
  for (const entry of ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'src', 'schemas', 'bin']) {
    cpSync(join(repoRoot, entry), join(copy, entry), { recursive: true });
  }
  symlinkSync(join(repoRoot, 'node_modules'), join(copy, 'node_modules'), 'dir');
  execFileSync(process.execPath, [join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: copy, stdio: 'pipe' });
  const out = execFileSync(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: copy, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const [report] = JSON.parse(out) as { filename: string; size: number; unpackedSize: number; files: { path: string }[] }[];
  if (!report) throw new Error('npm pack reported nothing');
  return { dir, tarball: join(dir, report.filename), packedBytes: report.size, unpackedBytes: report.unpackedSize, files: report.files.map((f) => f.path) };
}

export function installInto(packed: PackedProject): InstalledProject {
  const dir = join(packed.dir, 'consumer');
  mkdirSync(dir);
  const tarballName = packed.tarball.slice(packed.dir.length + 1);
  const spec = `file:../${tarballName}`;
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string; dependencies: Record<string, string>; bin: Record<string, string>; engines: Record<string, string>; license: string };
  const repoLock = JSON.parse(readFileSync(join(repoRoot, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const packages: Record<string, LockEntry> = {
    '': { name: 'consumer', version: '1.0.0', dependencies: { socialsql: spec } },
    'node_modules/socialsql': {
      version: manifest.version,
      resolved: spec,
      integrity: `sha512-${createHash('sha512').update(readFileSync(packed.tarball)).digest('base64')}`,
      license: manifest.license,
      dependencies: manifest.dependencies,
      bin: manifest.bin,
      engines: manifest.engines,
    },
  };
  // The repository's lockfile omits `resolved`; with it (and the integrity) npm finds each tarball
  // in its cache without asking the registry for the package's metadata.
  const registry = execFileSync(npm, ['config', 'get', 'registry'], { encoding: 'utf8' }).trim().replace(/\/+$/, '');
  for (const [path, entry] of Object.entries(repoLock.packages)) {
    if (path === '' || entry.dev || entry.devOptional || !path.startsWith('node_modules/')) continue;
    const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
    const base = name.slice(name.lastIndexOf('/') + 1);
    packages[path] = { ...entry, resolved: entry.resolved ?? `${registry}/${name}/-/${base}-${entry.version}.tgz` };
  }
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, dependencies: { socialsql: spec } }, null, 2));
  writeFileSync(join(dir, 'package-lock.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', lockfileVersion: 3, requires: true, packages }, null, 2));
  execFileSync(npm, ['ci', '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: dir, stdio: 'pipe' });
  return { dir, installedBytes: diskBytes(join(dir, 'node_modules')) };
}

export function diskBytes(path: string): number {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((sum, name) => sum + diskBytes(join(path, name)), 0);
}
