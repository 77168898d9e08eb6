/**
 * socialsql column types as PostgreSQL types (DESIGN §2): String→text, Int→int4, Long→int8,
 * Double→float8, Boolean→bool, Datetime→timestamptz; with their text and binary encodings, and the
 * decoding of parameters a client binds.
 */
import type { ColumnType, Value } from '../catalog/types.js';
import { PlanError } from '../errors.js';

export const OID = { bool: 16, int8: 20, int2: 21, int4: 23, text: 25, oid: 26, float4: 700, float8: 701, unknown: 705, varchar: 1043, date: 1082, timestamp: 1114, timestamptz: 1184, numeric: 1700 } as const;

export interface PgType {
  readonly oid: number;
  readonly name: string;
  /** pg_type.typlen */
  readonly size: number;
}

const byColumnType: Record<ColumnType, PgType> = {
  String: { oid: OID.text, name: 'text', size: -1 },
  Int: { oid: OID.int4, name: 'int4', size: 4 },
  Long: { oid: OID.int8, name: 'int8', size: 8 },
  Double: { oid: OID.float8, name: 'float8', size: 8 },
  Boolean: { oid: OID.bool, name: 'bool', size: 1 },
  Datetime: { oid: OID.timestamptz, name: 'timestamptz', size: 8 },
};

export function pgTypeOf(type: ColumnType): PgType {
  return byColumnType[type];
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
/** Microseconds from the Unix epoch to PostgreSQL's, 2000-01-01. */
const PG_EPOCH_MS = Date.UTC(2000, 0, 1);

/** `2026-12-01 10:00:00.123+00`, as PostgreSQL prints a timestamptz with TimeZone UTC. */
export function timestamptzText(d: Date): string {
  const iso = d.toISOString();
  const ms = iso.slice(20, 23);
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${ms === '000' ? '' : `.${ms}`}+00`;
}

function floatText(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return 'Infinity';
  if (n === -Infinity) return '-Infinity';
  return String(n);
}

/** One value in the text format of its column's PostgreSQL type. */
export function encodeText(type: ColumnType, value: Value): Uint8Array | null {
  if (value === null) return null;
  switch (type) {
    case 'Boolean':
      return encoder.encode(value === true || value === 'true' ? 't' : 'f');
    case 'Datetime':
      return encoder.encode(value instanceof Date ? timestamptzText(value) : String(value));
    case 'Double':
      return encoder.encode(typeof value === 'number' ? floatText(value) : String(value));
    case 'Int':
    case 'Long':
      return encoder.encode(typeof value === 'number' ? String(Math.trunc(value)) : String(value));
    case 'String':
      return encoder.encode(value instanceof Date ? value.toISOString() : String(value));
  }
}

/** One value in the binary format of its column's PostgreSQL type. */
export function encodeBinary(type: ColumnType, value: Value): Uint8Array | null {
  if (value === null) return null;
  const fixed = (size: number, write: (view: DataView) => void): Uint8Array => {
    const b = new Uint8Array(size);
    write(new DataView(b.buffer));
    return b;
  };
  switch (type) {
    case 'Boolean':
      return new Uint8Array([value === true || value === 'true' ? 1 : 0]);
    case 'Int':
      return fixed(4, (v) => v.setInt32(0, Number(value)));
    case 'Long':
      return fixed(8, (v) => v.setBigInt64(0, BigInt(typeof value === 'number' ? Math.trunc(value) : String(value))));
    case 'Double':
      return fixed(8, (v) => v.setFloat64(0, Number(value)));
    case 'Datetime': {
      const ms = value instanceof Date ? value.getTime() : Date.parse(String(value));
      return fixed(8, (v) => v.setBigInt64(0, BigInt(Math.round((ms - PG_EPOCH_MS) * 1000))));
    }
    case 'String':
      return encoder.encode(String(value));
  }
}

/** A bound parameter as an engine value. Text parameters stay text; the engine coerces them per column. */
export function decodeParam(bytes: Uint8Array | null, format: 0 | 1, typeOid: number): Value {
  if (bytes === null) return null;
  if (format === 0) {
    const text = decoder.decode(bytes);
    switch (typeOid) {
      case OID.bool:
        return text === 't' || text === 'true';
      case OID.int2:
      case OID.int4:
      case OID.float4:
      case OID.float8:
        return Number(text);
      case OID.int8:
        return Number.isSafeInteger(Number(text)) ? Number(text) : text;
      default:
        return text;
    }
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const need = (n: number): void => {
    if (bytes.byteLength !== n) throw new PlanError(`A binary parameter of type ${typeOid} must be ${n} bytes, not ${bytes.byteLength}`);
  };
  switch (typeOid) {
    case OID.bool:
      need(1);
      return bytes[0] !== 0;
    case OID.int2:
      need(2);
      return view.getInt16(0);
    case OID.int4:
      need(4);
      return view.getInt32(0);
    case OID.int8: {
      need(8);
      const big = view.getBigInt64(0);
      return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big.toString();
    }
    case OID.float4:
      need(4);
      return view.getFloat32(0);
    case OID.float8:
      need(8);
      return view.getFloat64(0);
    case OID.timestamp:
    case OID.timestamptz:
      need(8);
      return new Date(PG_EPOCH_MS + Number(view.getBigInt64(0)) / 1000);
    case OID.text:
    case OID.varchar:
    case OID.unknown:
    case 0:
      return decoder.decode(bytes);
    default:
      throw new PlanError(`Binary parameters of type ${typeOid} are not supported; send them as text`);
  }
}
