// A JSON writer into bytes for the big, number-heavy bodies (stats series, insights): integers are
// written digit by digit into one growing buffer, so no string is made per number. Output is
// byte-identical to Buffer.from(JSON.stringify(value)) for plain data (objects, arrays, strings,
// finite or non-finite numbers, booleans, null, undefined members); test/emulator/json-bytes.test.ts
// holds it to that.

/** A body already serialised: sendJson writes these bytes as they are. */
export class JsonBytes {
  constructor(readonly bytes: Buffer) {}
}

const COMMA = 44;

/** The bytes of `"key":` (and of `,"key":`) by key: bodies repeat the same few keys thousands of times. */
const keyHeads = new Map<string, [Buffer, Buffer]>();
const MAX_KEY_HEADS = 10_000;

function keyHead(key: string, first: boolean): Buffer {
  let heads = keyHeads.get(key);
  if (heads === undefined) {
    const text = `${JSON.stringify(key)}:`;
    heads = [Buffer.from(text, 'utf8'), Buffer.from(`,${text}`, 'utf8')];
    if (keyHeads.size >= MAX_KEY_HEADS) keyHeads.clear();
    keyHeads.set(key, heads);
  }
  return heads[first ? 0 : 1];
}

class ByteWriter {
  buf = Buffer.allocUnsafe(64 * 1024);
  at = 0;

  private room(n: number): void {
    if (this.at + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.at + n) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.at);
    this.buf = next;
  }

  byte(b: number): void {
    this.room(1);
    this.buf[this.at++] = b;
  }

  ascii(s: string): void {
    this.room(s.length * 3);
    this.at += this.buf.write(s, this.at, 'utf8');
  }

  /** A safe integer, as JSON.stringify prints it (-0 as 0). */
  int(n: number): void {
    this.room(24);
    const buf = this.buf;
    if (n < 0) {
      buf[this.at++] = 45;
      n = -n;
    }
    if (n < 10) {
      buf[this.at++] = 48 + n;
      return;
    }
    let digits = 1;
    for (let p = 10; p <= n; p *= 10) digits++;
    let end = this.at + digits;
    this.at = end;
    while (n >= 10) {
      const q = Math.floor(n / 10);
      buf[--end] = 48 + (n - q * 10);
      n = q;
    }
    buf[--end] = 48 + n;
  }

  value(v: unknown): boolean {
    switch (typeof v) {
      case 'number':
        if (Number.isSafeInteger(v)) this.int(v);
        else this.ascii(JSON.stringify(v));
        return true;
      case 'string':
        this.ascii(JSON.stringify(v));
        return true;
      case 'boolean':
        this.ascii(v ? 'true' : 'false');
        return true;
      case 'object':
        if (v === null) this.ascii('null');
        else if (Array.isArray(v)) this.array(v);
        else this.object(v as Record<string, unknown>);
        return true;
      default:
        return false; // undefined, functions, symbols: left out of objects, null in arrays
    }
  }

  private array(items: readonly unknown[]): void {
    this.byte(91);
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (typeof item === 'number' && item >= 0 && item <= 0x7fffffff && (item | 0) === item) {
        // The series' common case, written in place: a comma and at most 10 digits.
        this.room(11);
        const buf = this.buf;
        if (i > 0) buf[this.at++] = COMMA;
        this.smallInt(item);
        continue;
      }
      if (i > 0) this.byte(COMMA);
      if (!this.value(item)) this.ascii('null');
    }
    this.byte(93);
  }

  /** 0 ≤ n ≤ 2^31 - 1, room already made: 32-bit integer division, no float math. */
  private smallInt(n: number): void {
    const buf = this.buf;
    if (n < 10) {
      buf[this.at++] = 48 + n;
      return;
    }
    let digits = n < 100 ? 2 : n < 1000 ? 3 : n < 10_000 ? 4 : n < 100_000 ? 5 : n < 1_000_000 ? 6 : n < 10_000_000 ? 7 : n < 100_000_000 ? 8 : n < 1_000_000_000 ? 9 : 10;
    let end = this.at + digits;
    this.at = end;
    while (digits-- > 0) {
      const q = (n / 10) | 0;
      buf[--end] = 48 + (n - q * 10);
      n = q;
    }
  }

  private object(o: Record<string, unknown>): void {
    if (typeof (o as { toJSON?: unknown }).toJSON === 'function') {
      this.ascii(JSON.stringify(o));
      return;
    }
    this.byte(123);
    let first = true;
    for (const key of Object.keys(o)) {
      const v = o[key];
      if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
      const head = keyHead(key, first);
      first = false;
      this.room(head.length);
      this.buf.set(head, this.at);
      this.at += head.length;
      this.value(v);
    }
    this.byte(125);
  }
}

/** The UTF-8 bytes of JSON.stringify(value), for plain JSON data. */
export function jsonBytes(value: unknown): Buffer {
  const w = new ByteWriter();
  if (!w.value(value)) throw new TypeError('jsonBytes: the value has no JSON form');
  return w.buf.subarray(0, w.at);
}
