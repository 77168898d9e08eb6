/**
 * The at-rest format of the OAuth settings file: a small versioned JSON envelope around
 * AES-256-GCM ciphertext. The key comes from the client secret through scrypt with a random
 * salt per write, so the file works on any machine that knows the same client secret
 * (headless option 2) and holds no token in plain text.
 *
 * Pure: no file I/O here. `describeSource` only names the file in error messages.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { AuthError } from '../errors.js';

export const SETTINGS_FORMAT = 'socialsql-oauth-settings';
export const SETTINGS_FORMAT_VERSION = 1;

/** scrypt cost: N=2^15 takes ~100 ms and 32 MiB; the file is read once per connection. */
const SCRYPT = { N: 32768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
/** A fixed label MACed with a second derived key: tells "wrong client secret" apart from "altered file". */
const KEY_CHECK_LABEL = 'socialsql-oauth-settings key check v1';

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64');

const envelopeSchema = z.object({
  format: z.literal(SETTINGS_FORMAT),
  version: z.literal(SETTINGS_FORMAT_VERSION),
  /** Which provider's settings these are; authenticated as additional data. */
  provider: z.string(),
  kdf: z.object({ name: z.literal('scrypt'), N: z.number().int(), r: z.number().int(), p: z.number().int(), salt: base64 }),
  cipher: z.literal('aes-256-gcm'),
  keyCheck: base64,
  iv: base64,
  tag: base64,
  ciphertext: base64,
});
type Envelope = z.infer<typeof envelopeSchema>;

function deriveKeys(secret: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<{ aesKey: Buffer; checkKey: Buffer }> {
  return new Promise((resolve, reject) => {
    scrypt(secret, salt, 64, { ...params, maxmem: SCRYPT.maxmem }, (error, derived) => {
      if (error) reject(error);
      else resolve({ aesKey: derived.subarray(0, 32), checkKey: derived.subarray(32) });
    });
  });
}

const keyCheckOf = (checkKey: Buffer) => createHmac('sha256', checkKey).update(KEY_CHECK_LABEL).digest();

/** Additional authenticated data: the clear envelope fields, so none of them can be swapped unnoticed. */
const aadOf = (provider: string) => Buffer.from(`${SETTINGS_FORMAT}|${SETTINGS_FORMAT_VERSION}|${provider}`);

export async function sealSettings(plaintext: string, provider: string, secret: string): Promise<string> {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const { aesKey, checkKey } = await deriveKeys(secret, salt, SCRYPT);
  const cipher = createCipheriv('aes-256-gcm', aesKey, iv);
  cipher.setAAD(aadOf(provider));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const envelope: Envelope = {
    format: SETTINGS_FORMAT,
    version: SETTINGS_FORMAT_VERSION,
    provider,
    kdf: { name: 'scrypt', N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p, salt: salt.toString('base64') },
    cipher: 'aes-256-gcm',
    keyCheck: keyCheckOf(checkKey).toString('base64'),
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    ciphertext: ciphertext.toString('base64'),
  };
  return `${JSON.stringify(envelope, null, 2)}\n`;
}

/**
 * Decrypts a file's text. Every failure is an AuthError naming the file and what is wrong
 * (foreign, newer version, corrupt, other provider, wrong client secret); never the secret.
 */
export async function openSettings(text: string, provider: string, secret: string, describeSource: string): Promise<string> {
  const fail = (what: string) => new AuthError(`OAuth settings file ${describeSource} ${what}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw fail(`is not a socialsql OAuth settings file (it is not JSON${text.length === 0 ? '; it is empty' : ''}). It was left untouched; point OAuthSettingsLocation elsewhere or delete it.`);
  }
  const format = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>).format : undefined;
  if (format !== SETTINGS_FORMAT) {
    throw fail('is not a socialsql OAuth settings file (no "format" field of ours). It was left untouched; point OAuthSettingsLocation elsewhere or delete it.');
  }
  const version = (parsed as Record<string, unknown>).version;
  if (version !== SETTINGS_FORMAT_VERSION) {
    throw fail(`has format version ${JSON.stringify(version)}; this socialsql reads version ${SETTINGS_FORMAT_VERSION}. It was left untouched.`);
  }
  const envelope = envelopeSchema.safeParse(parsed);
  if (!envelope.success) {
    const where = envelope.error.issues.map((i) => i.path.join('.') || '(root)').join(', ');
    throw fail(`is corrupt (bad fields: ${where}). It was left untouched; delete it to authorize again.`);
  }
  const e = envelope.data;
  if (e.provider !== provider) throw fail(`holds ${e.provider} settings, not ${provider}. It was left untouched.`);
  if (e.kdf.N > 1 << 20 || e.kdf.r > 32 || e.kdf.p > 16) throw fail('is corrupt (scrypt parameters out of range).');

  let keys: { aesKey: Buffer; checkKey: Buffer };
  try {
    keys = await deriveKeys(secret, Buffer.from(e.kdf.salt, 'base64'), e.kdf);
  } catch {
    throw fail('is corrupt (scrypt parameters rejected).');
  }
  const expectedCheck = keyCheckOf(keys.checkKey);
  const storedCheck = Buffer.from(e.keyCheck, 'base64');
  if (storedCheck.length !== expectedCheck.length || !timingSafeEqual(storedCheck, expectedCheck)) {
    throw fail('was encrypted with a different OAuthClientSecret and cannot be read with this one. It was left untouched.');
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', keys.aesKey, Buffer.from(e.iv, 'base64'));
    decipher.setAAD(aadOf(e.provider));
    decipher.setAuthTag(Buffer.from(e.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(e.ciphertext, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    throw fail('is corrupt or was altered (authentication tag mismatch). It was left untouched; delete it to authorize again.');
  }
}
