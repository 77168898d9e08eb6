/**
 * Messages a client sends after startup (PostgreSQL protocol 3.0), parsed from one whole message
 * (type byte + length + body) into data. Pure: no I/O. Startup, SSL and authentication messages are
 * pg-gateway's; CancelRequest is recognised here because it arrives on a connection of its own.
 */

export type FrontendMessage =
  | { readonly kind: 'Query'; readonly sql: string }
  | { readonly kind: 'Parse'; readonly statement: string; readonly sql: string; readonly paramTypes: readonly number[] }
  | {
      readonly kind: 'Bind';
      readonly portal: string;
      readonly statement: string;
      /** Per parameter: 0 text, 1 binary (already expanded from the 0/1/N form). */
      readonly paramFormats: readonly (0 | 1)[];
      readonly params: readonly (Uint8Array | null)[];
      /** As sent: empty (all text), one (for all) or one per column. */
      readonly resultFormats: readonly (0 | 1)[];
    }
  | { readonly kind: 'Describe'; readonly target: 'S' | 'P'; readonly name: string }
  | { readonly kind: 'Execute'; readonly portal: string; readonly maxRows: number }
  | { readonly kind: 'Close'; readonly target: 'S' | 'P'; readonly name: string }
  | { readonly kind: 'Sync' }
  | { readonly kind: 'Flush' }
  | { readonly kind: 'Terminate' }
  | { readonly kind: 'Unsupported'; readonly type: string };

const decoder = new TextDecoder();

/** A cursor over one message body; throws ProtocolViolation on a short or malformed message. */
class Reader {
  private offset = 5;
  private readonly view: DataView;

  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  private need(n: number): void {
    if (this.offset + n > this.bytes.byteLength) throw new ProtocolViolation('message is shorter than its fields');
  }

  int16(): number {
    this.need(2);
    const v = this.view.getInt16(this.offset);
    this.offset += 2;
    return v;
  }

  int32(): number {
    this.need(4);
    const v = this.view.getInt32(this.offset);
    this.offset += 4;
    return v;
  }

  byte(): string {
    this.need(1);
    return String.fromCharCode(this.bytes[this.offset++]!);
  }

  cstring(): string {
    const end = this.bytes.indexOf(0, this.offset);
    if (end < 0) throw new ProtocolViolation('unterminated string');
    const s = decoder.decode(this.bytes.subarray(this.offset, end));
    this.offset = end + 1;
    return s;
  }

  take(n: number): Uint8Array {
    this.need(n);
    const b = this.bytes.slice(this.offset, this.offset + n);
    this.offset += n;
    return b;
  }
}

export class ProtocolViolation extends Error {}

const formatCode = (n: number): 0 | 1 => {
  if (n !== 0 && n !== 1) throw new ProtocolViolation(`unknown format code ${n}`);
  return n;
};

export function parseFrontendMessage(bytes: Uint8Array): FrontendMessage {
  const r = new Reader(bytes);
  const type = String.fromCharCode(bytes[0]!);
  switch (type) {
    case 'Q':
      return { kind: 'Query', sql: r.cstring() };
    case 'P': {
      const statement = r.cstring();
      const sql = r.cstring();
      const n = r.int16();
      const paramTypes = Array.from({ length: n }, () => r.int32());
      return { kind: 'Parse', statement, sql, paramTypes };
    }
    case 'B': {
      const portal = r.cstring();
      const statement = r.cstring();
      const formats = Array.from({ length: r.int16() }, () => formatCode(r.int16()));
      const n = r.int16();
      const params = Array.from({ length: n }, () => {
        const len = r.int32();
        return len < 0 ? null : r.take(len);
      });
      const paramFormats = Array.from({ length: n }, (_, i) => (formats.length === 0 ? 0 : formats.length === 1 ? formats[0]! : (formats[i] ?? 0)));
      if (formats.length > 1 && formats.length !== n) throw new ProtocolViolation(`Bind has ${formats.length} parameter formats for ${n} parameters`);
      const resultFormats = Array.from({ length: r.int16() }, () => formatCode(r.int16()));
      return { kind: 'Bind', portal, statement, paramFormats, params, resultFormats };
    }
    case 'D':
    case 'C': {
      const target = r.byte();
      if (target !== 'S' && target !== 'P') throw new ProtocolViolation(`unknown ${type === 'D' ? 'Describe' : 'Close'} target ${target}`);
      return { kind: type === 'D' ? 'Describe' : 'Close', target, name: r.cstring() };
    }
    case 'E':
      return { kind: 'Execute', portal: r.cstring(), maxRows: r.int32() };
    case 'S':
      return { kind: 'Sync' };
    case 'H':
      return { kind: 'Flush' };
    case 'X':
      return { kind: 'Terminate' };
    default:
      return { kind: 'Unsupported', type };
  }
}

/** CancelRequest: Int32 16, Int32 80877102, process id, secret key. */
export function parseCancelRequest(bytes: Uint8Array): { processId: number; secretKey: number } | undefined {
  if (bytes.byteLength !== 16) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getInt32(0) !== 16 || view.getInt32(4) !== 80877102) return undefined;
  return { processId: view.getInt32(8), secretKey: view.getInt32(12) };
}
