// Seals small JSON values into opaque base64url strings (AES-256-GCM under a
// per-server random key): clients cannot read, forge or replay them across runs.
// Used for paging cursors.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export class SealedBox {
  private readonly key = randomBytes(32);

  seal(value: unknown): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
  }

  /** The sealed value, or undefined when the text is malformed or was not sealed by this box. */
  open(text: string): unknown {
    try {
      const raw = Buffer.from(text, 'base64url');
      if (raw.length < 29) return undefined;
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')) as unknown;
    } catch {
      return undefined;
    }
  }
}
