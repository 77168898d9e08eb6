/**
 * API object → Row, by the schema's column types. A value of the wrong type is a malformed
 * response: the API broke its documented shape, and guessing would hide it.
 */
import type { ApiColumn, ApiTableSchema } from '../catalog/api-table-schema.js';
import { sourceOf } from '../catalog/api-table-schema.js';
import type { Row, Value } from '../catalog/types.js';
import { ApiError } from '../errors.js';

export type RowDecoder = (object: unknown, requestValues: Readonly<Record<string, Value>>) => Row;

export function rowDecoder(schema: ApiTableSchema): RowDecoder {
  const plan = schema.columns.map((column) => ({ column, paths: sourceOf(column).split('|').map((alternative) => alternative.split('.')) }));
  return (object, requestValues) => {
    if (typeof object !== 'object' || object === null || Array.isArray(object)) {
      throw malformed(schema.name, `expected an object, got ${describe(object)}`);
    }
    const fields = object as Record<string, unknown>;
    const row: Row = {};
    for (const { column, paths } of plan) {
      const path = paths.find((p) => read(fields, p) != null) ?? paths[0]!;
      if (column.pseudo) row[column.name] = requestValues[column.name] ?? null;
      else if (column.fromRequest !== undefined) row[column.name] = requestValues[column.name] ?? decode(schema.name, column, read(fields, path));
      else row[column.name] = decode(schema.name, column, read(fields, path));
    }
    return row;
  };
}

/** `owner.id` → fields.owner.id; a missing level reads as undefined (NULL). */
function read(fields: Record<string, unknown>, path: readonly string[]): unknown {
  let value: unknown = fields;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function decode(table: string, column: ApiColumn, raw: unknown): Value {
  if (raw === undefined || raw === null) return null;
  switch (column.type) {
    case 'String':
      if (typeof raw === 'string') return raw;
      if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
      if (Array.isArray(raw) && raw.every((v) => typeof v === 'string' || typeof v === 'number')) return raw.join(',');
      break;
    case 'Int':
    case 'Long':
      if (typeof raw === 'number' && Number.isInteger(raw)) return raw;
      if (typeof raw === 'string' && /^-?\d+$/.test(raw)) return Number(raw);
      break;
    case 'Double':
      if (typeof raw === 'number') return raw;
      if (typeof raw === 'string' && raw.trim() !== '' && Number.isFinite(Number(raw))) return Number(raw);
      break;
    case 'Boolean':
      if (typeof raw === 'boolean') return raw;
      break;
    case 'Datetime':
      if (typeof raw === 'string') {
        const date = parseApiTimestamp(raw);
        if (date) return date;
      }
      break;
  }
  throw malformed(table, `column ${column.name} (${sourceOf(column)}) should be ${column.type}, got ${describe(raw)}`);
}

/** Twitter's v1.1 tweet timestamps, `Wed Oct 10 20:19:24 +0000 2018` (Date parses this form). */
const classicTwitterTime = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d\d \d\d:\d\d:\d\d \+0000 \d{4}$/;

/** ISO 8601, including the Graph API's `+0000` offsets. */
export function parseApiTimestamp(text: string): Date | undefined {
  if (classicTwitterTime.test(text)) return new Date(text);
  const normalized = text.replace(/([+-]\d\d)(\d\d)$/, '$1:$2');
  if (!/^\d{4}-\d\d-\d\d(T\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)?)?$/.test(normalized)) return undefined;
  const date = new Date(normalized);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function malformed(table: string, detail: string): ApiError {
  return new ApiError(`Malformed API response for ${table}: ${detail}`, 200, 'MALFORMED_RESPONSE');
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  const text = JSON.stringify(value) ?? String(value);
  return `${typeof value} ${text.length > 40 ? `${text.slice(0, 40)}…` : text}`;
}
