/**
 * OAuthSettingsLocation: where tokens persist between connections.
 * - `memory://name`: an in-process map shared by connections that use the same name.
 * - a path: an encrypted file (settings-cipher.ts), replaced atomically (atomic-file.ts)
 *   under a lock shared across processes (proper-lockfile), so that two processes refreshing
 *   at once do one refresh and neither loses the result.
 */
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import lockfile from 'proper-lockfile';
import { z } from 'zod';
import { AuthError } from '../errors.js';
import { type AtomicWriteHooks, ensurePrivateDir, makePrivate, removeStrayTempFiles, writeFileAtomic } from './atomic-file.js';
import { openSettings, sealSettings } from './settings-cipher.js';

export type OAuthProvider = 'twitterads' | 'instagram';

export interface OAuthSettings {
  provider: OAuthProvider;
  clientId: string;
  accessToken: string;
  /** OAuth 1.0a only. */
  accessTokenSecret?: string;
  refreshToken?: string;
  /** Epoch ms; absent when the token does not expire (Twitter). */
  expiresAt?: number;
  /** Epoch ms. */
  obtainedAt: number;
  userId?: string;
}

export const oauthSettingsSchema = z.object({
  provider: z.enum(['twitterads', 'instagram']),
  clientId: z.string(),
  accessToken: z.string().min(1),
  accessTokenSecret: z.string().optional(),
  refreshToken: z.string().optional(),
  expiresAt: z.number().finite().optional(),
  obtainedAt: z.number().finite(),
  userId: z.string().optional(),
});

export interface SettingsStore {
  /** The file path or `memory://name`, for messages. Not secret. */
  describe(): string;
  read(): Promise<OAuthSettings | undefined>;
  /**
   * Read-modify-write under a lock shared by every connection and process using this location.
   * `change` sees the latest saved value, so a caller that waited for the lock sees another's
   * refresh and can return it unchanged. Returning `undefined` or the `current` object itself
   * writes nothing. Resolves to the value saved afterwards. A foreign, corrupt or
   * undecryptable file makes update() reject before `change` runs: it is never overwritten.
   */
  update(change: (current: OAuthSettings | undefined) => Promise<OAuthSettings | undefined>): Promise<OAuthSettings | undefined>;
}

export interface SettingsStoreOptions {
  /** A lock whose holder stopped refreshing it for this long is taken over (proper-lockfile minimum: 2000). */
  readonly lockStaleMs?: number;
  /** How long update() waits for another holder before giving up. */
  readonly lockWaitMs?: number;
  /** Test hooks into the atomic write (crash before rename). */
  readonly writeHooks?: AtomicWriteHooks;
  /** For the default location (XDG_CONFIG_HOME, APPDATA). */
  readonly env?: NodeJS.ProcessEnv;
}

const MEMORY_PREFIX = /^memory:\/\//i;

export function openSettingsStore(
  location: string | undefined,
  provider: OAuthProvider,
  clientSecret: string,
  options: SettingsStoreOptions = {},
): SettingsStore {
  const trimmed = location?.trim();
  if (trimmed && MEMORY_PREFIX.test(trimmed)) return new MemorySettingsStore(trimmed.replace(MEMORY_PREFIX, ''), provider);
  const path = trimmed ? resolveUserPath(trimmed) : defaultSettingsPath(provider, options.env);
  return new FileSettingsStore(path, provider, clientSecret, options);
}

/** `$XDG_CONFIG_HOME/socialsql/<provider>/OAuthSettings.txt`, else `~/.config/...` (`%APPDATA%` on Windows). */
export function defaultSettingsPath(provider: OAuthProvider, env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env.XDG_CONFIG_HOME;
  const base =
    xdg && isAbsolute(xdg) ? xdg : process.platform === 'win32' && env.APPDATA ? env.APPDATA : join(homedir(), '.config');
  return join(base, 'socialsql', provider, 'OAuthSettings.txt');
}

function resolveUserPath(location: string): string {
  if (location === '~' || location.startsWith('~/')) return join(homedir(), location.slice(1));
  return resolve(location);
}

/** One in-process queue per location, so connections in the same process take turns without polling the lock. */
const queues = new Map<string, Promise<unknown>>();

function inTurn<T>(key: string, task: () => Promise<T>): Promise<T> {
  const previous = queues.get(key) ?? Promise.resolve();
  const run = previous.then(task, task);
  const settled = run.then(
    () => undefined,
    () => undefined,
  );
  queues.set(key, settled);
  void settled.then(() => {
    if (queues.get(key) === settled) queues.delete(key);
  });
  return run;
}

function checkedResult(next: OAuthSettings, provider: OAuthProvider): OAuthSettings {
  const parsed = oauthSettingsSchema.safeParse(next);
  // A bug in the caller, not a user error; the message names fields only, never values.
  if (!parsed.success) throw new Error(`invalid OAuth settings: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`);
  if (parsed.data.provider !== provider) throw new Error(`OAuth settings for ${parsed.data.provider} given to a ${provider} store`);
  return parsed.data;
}

const memoryValues = new Map<string, OAuthSettings>();

class MemorySettingsStore implements SettingsStore {
  private readonly key: string;
  constructor(
    private readonly name: string,
    private readonly provider: OAuthProvider,
  ) {
    // Providers never share tokens, even under the same name.
    this.key = `memory\u0000${provider}\u0000${name}`;
  }

  describe(): string {
    return `memory://${this.name}`;
  }

  async read(): Promise<OAuthSettings | undefined> {
    const value = memoryValues.get(this.key);
    return value && structuredClone(value);
  }

  update(change: (current: OAuthSettings | undefined) => Promise<OAuthSettings | undefined>): Promise<OAuthSettings | undefined> {
    return inTurn(this.key, async () => {
      const current = await this.read();
      const next = await change(current);
      if (next === undefined || next === current) return current;
      const saved = checkedResult(next, this.provider);
      memoryValues.set(this.key, structuredClone(saved));
      return structuredClone(saved);
    });
  }
}

class FileSettingsStore implements SettingsStore {
  constructor(
    private readonly path: string,
    private readonly provider: OAuthProvider,
    private readonly clientSecret: string,
    private readonly options: SettingsStoreOptions,
  ) {}

  describe(): string {
    return this.path;
  }

  async read(): Promise<OAuthSettings | undefined> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if (errnoOf(error) === 'ENOENT') return undefined;
      throw new AuthError(`Cannot read OAuth settings file ${this.path}: ${errnoOf(error) ?? 'unknown error'}`, { cause: error });
    }
    const plaintext = await openSettings(text, this.provider, this.clientSecret, this.path);
    let json: unknown;
    try {
      json = JSON.parse(plaintext);
    } catch {
      json = undefined;
    }
    const parsed = oauthSettingsSchema.safeParse(json);
    if (!parsed.success) throw new AuthError(`OAuth settings file ${this.path} is corrupt (its decrypted content is not valid settings). It was left untouched.`);
    if (parsed.data.provider !== this.provider) throw new AuthError(`OAuth settings file ${this.path} holds ${parsed.data.provider} settings, not ${this.provider}.`);
    return parsed.data;
  }

  update(change: (current: OAuthSettings | undefined) => Promise<OAuthSettings | undefined>): Promise<OAuthSettings | undefined> {
    return inTurn(`file\u0000${this.path}`, () => this.withFileLock(async (isLockLost) => {
      await removeStrayTempFiles(this.path);
      const current = await this.read(); // throws for a foreign/corrupt file: it is never replaced
      if (current) await makePrivate(this.path);
      const next = await change(current);
      if (next === undefined || next === current) return current;
      const saved = checkedResult(next, this.provider);
      // Another process may have taken a lock we failed to keep fresh: writing now could lose its result.
      if (isLockLost()) throw new AuthError(`Lost the lock on ${this.path} while updating it; the OAuth settings were not saved. Try again.`);
      const sealed = await sealSettings(JSON.stringify(saved), this.provider, this.clientSecret);
      try {
        await writeFileAtomic(this.path, sealed, this.options.writeHooks);
      } catch (error) {
        throw new AuthError(`Cannot write OAuth settings file ${this.path}: ${errnoOf(error) ?? 'unknown error'}`, { cause: error });
      }
      return saved;
    }));
  }

  private async withFileLock<T>(task: (isLockLost: () => boolean) => Promise<T>): Promise<T> {
    try {
      await ensurePrivateDir(dirname(this.path));
    } catch (error) {
      throw new AuthError(`Cannot create the directory of OAuth settings file ${this.path}: ${errnoOf(error) ?? 'unknown error'}`, { cause: error });
    }
    const stale = Math.max(2000, this.options.lockStaleMs ?? 10_000);
    const waitMs = this.options.lockWaitMs ?? 60_000;
    let lost = false;
    let release: () => Promise<void>;
    try {
      release = await lockfile.lock(this.path, {
        realpath: false, // the file may not exist yet
        stale,
        update: Math.floor(stale / 2),
        retries: { retries: Math.ceil(waitMs / 200), minTimeout: 20, maxTimeout: 200, factor: 1.3, randomize: true },
        onCompromised: () => {
          lost = true;
        },
      });
    } catch (error) {
      if (errnoOf(error) === 'ELOCKED') {
        throw new AuthError(
          `Timed out after ${Math.round(waitMs / 1000)} s waiting for another socialsql process to finish updating ${this.path}. If none is running, delete ${this.path}.lock.`,
          { cause: error },
        );
      }
      throw new AuthError(`Cannot lock OAuth settings file ${this.path}: ${errnoOf(error) ?? 'unknown error'}`, { cause: error });
    }
    try {
      return await task(() => lost);
    } finally {
      await release().catch(() => undefined); // a compromised lock is already gone
    }
  }
}

function errnoOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
