// Opaque paging cursors. A cursor is the position after the last row served
// (its sort key and id), bound to the query it came from, sealed with AES-GCM
// under a per-server random key: clients cannot read, guess or forge one, and a
// cursor from another query or another server run is rejected.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export type SortValue = string | number | boolean | null;

export interface CursorPosition {
  /** Sort value of the last row served, then its id (the tie-breaker). */
  lastSortValue: SortValue;
  lastId: string;
}

interface SealedPayload {
  q: string;
  v: SortValue;
  i: string;
}

export class CursorCodec {
  private readonly key = randomBytes(32);

  encode(querySignature: string, position: CursorPosition): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const payload: SealedPayload = { q: querySignature, v: position.lastSortValue, i: position.lastId };
    const body = Buffer.concat([cipher.update(JSON.stringify(payload), 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
  }

  /** Returns null when the cursor is malformed, forged, or belongs to a different query. */
  decode(querySignature: string, cursor: string): CursorPosition | null {
    try {
      const raw = Buffer.from(cursor, 'base64url');
      if (raw.length < 29) return null;
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
      const payload = JSON.parse(text) as SealedPayload;
      if (payload.q !== querySignature || typeof payload.i !== 'string') return null;
      return { lastSortValue: payload.v, lastId: payload.i };
    } catch {
      return null;
    }
  }
}
