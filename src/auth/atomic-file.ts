/**
 * Crash-safe replacement of a small private file: temp file in the same directory (so rename
 * stays on one filesystem), write, fsync, rename over the target, fsync the directory.
 * A crash at any point leaves either the old file or the new one, plus at most a stray temp file.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readdir, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface AtomicWriteHooks {
  /** Runs after the temp file is written and synced, before the rename. Tests crash here. */
  readonly beforeRename?: (tempPath: string) => void | Promise<void>;
}

const TEMP_SUFFIX = '.tmp';

const tempPrefixOf = (path: string) => `${basename(path)}.`;

/** Creates the directory (and parents) private to the user when missing. */
export async function ensurePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
}

export async function writeFileAtomic(path: string, data: string, hooks: AtomicWriteHooks = {}): Promise<void> {
  const dir = dirname(path);
  await ensurePrivateDir(dir);
  const tempPath = join(dir, `${tempPrefixOf(path)}${process.pid}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
  // 'wx': never follow or reuse an existing file; 0600 before any byte is written.
  const handle = await open(tempPath, 'wx', 0o600);
  let renamed = false;
  try {
    try {
      await handle.chmod(0o600); // open's mode is filtered by umask; be explicit
      await handle.writeFile(data, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await hooks.beforeRename?.(tempPath);
    await rename(tempPath, path);
    renamed = true;
    await syncDirectory(dir);
  } finally {
    if (!renamed) await unlink(tempPath).catch(() => undefined);
  }
}

/** Makes an existing file private (0600). Best effort: some filesystems (Windows) ignore modes. */
export async function makePrivate(path: string): Promise<void> {
  await chmod(path, 0o600).catch(() => undefined);
}

/**
 * Deletes temp files a crashed writer left next to `path`. Only call while holding the
 * file's lock: then no live writer can own one of them.
 */
export async function removeStrayTempFiles(path: string): Promise<void> {
  const dir = dirname(path);
  const prefix = tempPrefixOf(path);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (name.startsWith(prefix) && name.endsWith(TEMP_SUFFIX) && /^\d+\.[0-9a-f]{12}$/.test(name.slice(prefix.length, -TEMP_SUFFIX.length))) {
      await unlink(join(dir, name)).catch(() => undefined);
    }
  }
}

/** Makes the rename itself durable. Directories cannot be opened for sync on Windows; skip there. */
async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
