#!/usr/bin/env node
// `npm start [-- args]`: the built command, in this one process (fast start: no compile-on-start).
// dist/ is rebuilt first only when a source is newer than the build, so an unchanged checkout
// starts at once and an edited one never runs stale code.
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const built = join(root, 'dist', 'src', 'cli', 'main.js');

function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return /\.(ts|json)$/.test(path) ? stat.mtimeMs : 0;
  let latest = 0;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

function builtAt() {
  try {
    return statSync(built).mtimeMs;
  } catch {
    return 0; // never built
  }
}

const sources = Math.max(newest(join(root, 'src')), newest(join(root, 'schemas')), statSync(join(root, 'tsconfig.json')).mtimeMs, statSync(join(root, 'tsconfig.build.json')).mtimeMs);
if (sources > builtAt()) {
  process.stderr.write('Building socialsql (sources changed since the last build)...\n');
  execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
}
const { runCli } = await import(pathToFileURL(built).href);
await runCli();
