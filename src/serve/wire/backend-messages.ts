/**
 * Messages the server sends (PostgreSQL protocol 3.0, "Message Formats"), as pure functions from
 * values to bytes. No I/O here, in the manner of pg-protocol's serializer.
 */

/** One column of a RowDescription. */
export interface ColumnDescription {
  readonly name: string;
  readonly typeOid: number;
  /** pg_type.typlen: -1 for variable length. */
  readonly typeSize: number;
  /** 0 text, 1 binary. */
  readonly format: 0 | 1;
  readonly tableOid?: number;
  readonly columnNumber?: number;
}

/** ErrorResponse / NoticeResponse fields (one-letter codes in the protocol). */
export interface ErrorFields {
  readonly severity: 'ERROR' | 'FATAL' | 'NOTICE' | 'WARNING' | 'INFO';
  readonly code: string;
  readonly message: string;
  readonly detail?: string;
  readonly hint?: string;
  /** 1-based character position in the query text. */
  readonly position?: number;
}

const encoder = new TextEncoder();

/** Builds one message: a type byte, an Int32 length (itself included), then the body. */
class MessageWriter {
  private parts: Uint8Array[] = [];
  private size = 0;

  int16(n: number): this {
    const b = new Uint8Array(2);
    new DataView(b.buffer).setInt16(0, n);
    return this.bytes(b);
  }

  int32(n: number): this {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setInt32(0, n);
    return this.bytes(b);
  }

  cstring(s: string): this {
    this.bytes(encoder.encode(s));
    return this.bytes(new Uint8Array([0]));
  }

  bytes(b: Uint8Array): this {
    this.parts.push(b);
    this.size += b.byteLength;
    return this;
  }

  message(type: string): Uint8Array {
    const out = new Uint8Array(5 + this.size);
    out[0] = type.charCodeAt(0);
    new DataView(out.buffer).setInt32(1, 4 + this.size);
    let offset = 5;
    for (const part of this.parts) {
      out.set(part, offset);
      offset += part.byteLength;
    }
    return out;
  }
}

export function rowDescription(columns: readonly ColumnDescription[]): Uint8Array {
  const w = new MessageWriter().int16(columns.length);
  for (const c of columns) {
    w.cstring(c.name).int32(c.tableOid ?? 0).int16(c.columnNumber ?? 0).int32(c.typeOid).int16(c.typeSize).int32(-1).int16(c.format);
  }
  return w.message('T');
}

/** Each value already encoded in its column's format; null is SQL NULL. */
export function dataRow(values: readonly (Uint8Array | null)[]): Uint8Array {
  const w = new MessageWriter().int16(values.length);
  for (const v of values) {
    if (v === null) w.int32(-1);
    else w.int32(v.byteLength).bytes(v);
  }
  return w.message('D');
}

export function commandComplete(tag: string): Uint8Array {
  return new MessageWriter().cstring(tag).message('C');
}

export function readyForQuery(status: 'idle' | 'transaction' | 'failed'): Uint8Array {
  const byte = status === 'idle' ? 'I' : status === 'transaction' ? 'T' : 'E';
  return new MessageWriter().bytes(encoder.encode(byte)).message('Z');
}

function fieldsMessage(type: 'E' | 'N', f: ErrorFields): Uint8Array {
  const w = new MessageWriter();
  const field = (code: string, value: string | undefined): void => {
    if (value !== undefined) w.bytes(encoder.encode(code)).cstring(value);
  };
  field('S', f.severity);
  field('V', f.severity);
  field('C', f.code);
  field('M', f.message);
  field('D', f.detail);
  field('H', f.hint);
  field('P', f.position === undefined ? undefined : String(f.position));
  w.bytes(new Uint8Array([0]));
  return w.message(type);
}

export function errorResponse(fields: ErrorFields): Uint8Array {
  return fieldsMessage('E', fields);
}

export function noticeResponse(fields: ErrorFields): Uint8Array {
  return fieldsMessage('N', fields);
}

export function parameterStatus(name: string, value: string): Uint8Array {
  return new MessageWriter().cstring(name).cstring(value).message('S');
}

export function backendKeyData(processId: number, secretKey: number): Uint8Array {
  return new MessageWriter().int32(processId).int32(secretKey).message('K');
}

export function parameterDescription(typeOids: readonly number[]): Uint8Array {
  const w = new MessageWriter().int16(typeOids.length);
  for (const oid of typeOids) w.int32(oid);
  return w.message('t');
}

const empty = (type: string): Uint8Array => new MessageWriter().message(type);
export const parseComplete = (): Uint8Array => empty('1');
export const bindComplete = (): Uint8Array => empty('2');
export const closeComplete = (): Uint8Array => empty('3');
export const noData = (): Uint8Array => empty('n');
export const portalSuspended = (): Uint8Array => empty('s');
export const emptyQueryResponse = (): Uint8Array => empty('I');
