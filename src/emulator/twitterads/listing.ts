// Filtering, sorting and cursor paging shared by every list endpoint.
//
// Default order (no sort_by): created_at descending, ties broken by id ascending.
// Every order ends with the id tie-break so it is total and stable, which is what
// lets a cursor name "the position after row X" and resume exactly there even if
// rows were created or deleted in between.
import { ApiError, invalidParameter } from './api-error.js';
import type { CursorCodec, CursorPosition, SortValue } from './cursor.js';
import type { QueryParams } from './query-params.js';

export interface SortOrder {
  field: string;
  descending: boolean;
}

export const DEFAULT_ORDER: SortOrder = { field: 'created_at', descending: true };

type Row = object;

function fieldValue(row: Row, field: string): SortValue {
  const value = (row as Record<string, unknown>)[field];
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

/** Nulls sort before everything; then booleans, numbers, strings by their natural order. */
function compareValues(a: SortValue, b: SortValue): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (typeof a !== typeof b) return typeof a < typeof b ? -1 : 1;
  return a < b ? -1 : 1;
}

function compareKeys(order: SortOrder, aValue: SortValue, aId: string, bValue: SortValue, bId: string): number {
  const primary = compareValues(aValue, bValue);
  if (primary !== 0) return order.descending ? -primary : primary;
  return aId < bId ? -1 : aId > bId ? 1 : 0;
}

export function parseSortBy(params: QueryParams, allowedFields: readonly string[]): SortOrder {
  const raw = params.string('sort_by');
  if (raw === undefined) return DEFAULT_ORDER;
  const match = /^([a-z_]+)-(asc|desc)$/.exec(raw);
  if (!match || !allowedFields.includes(match[1]!)) {
    throw invalidParameter(
      'sort_by',
      `Invalid sort_by "${raw}"; expected <field>-asc or <field>-desc with field one of ${allowedFields.join(', ')}`,
    );
  }
  return { field: match[1]!, descending: match[2] === 'desc' };
}

/**
 * Sorted copies of a list, cached per (list identity, version, order) so that paging
 * through 100k rows costs a binary search per page, not a sort.
 */
export class SortedViews {
  private readonly cache = new Map<string, { version: number; source: readonly Row[]; sorted: Row[] }>();

  sorted<T extends Row>(cacheKey: string, version: number, rows: readonly T[], order: SortOrder, idField: string): T[] {
    const key = `${cacheKey}|${order.field}|${order.descending}`;
    const hit = this.cache.get(key);
    if (hit && hit.version === version && hit.source === rows && hit.sorted.length === rows.length) return hit.sorted as T[];
    const sorted = [...rows].sort((a, b) =>
      compareKeys(order, fieldValue(a, order.field), String(fieldValue(a, idField)), fieldValue(b, order.field), String(fieldValue(b, idField))),
    );
    this.cache.set(key, { version, source: rows, sorted });
    return sorted;
  }
}

export interface ListPage<T> {
  data: T[];
  next_cursor: string | null;
  total_count?: number;
}

export interface PageRequest<T extends Row> {
  params: QueryParams;
  sorted: readonly T[];
  order: SortOrder;
  idField: string;
  matches: (row: T) => boolean;
  count: number;
  cursors: CursorCodec;
  /** Identifies the query (route, account, filters, order) a cursor belongs to. */
  querySignature: string;
  supportsTotalCount: boolean;
}

export function pageOf<T extends Row>(request: PageRequest<T>): ListPage<T> {
  const { params, sorted, order, idField, matches, count } = request;
  const cursor = params.string('cursor');
  const withTotalCount = request.supportsTotalCount && params.bool('with_total_count');
  if (withTotalCount && cursor !== undefined) {
    throw new ApiError(400, [
      { code: 'EXCLUSIVE_PARAMETERS', message: 'with_total_count and cursor are exclusive parameters', parameter: 'with_total_count' },
    ]);
  }

  let start = 0;
  if (cursor !== undefined) {
    const position = request.cursors.decode(request.querySignature, cursor);
    if (!position) throw invalidParameter('cursor', `Invalid cursor "${cursor}" for this request`);
    start = firstAfter(sorted, order, idField, position);
  }

  const data: T[] = [];
  let index = start;
  for (; index < sorted.length && data.length < count; index++) {
    const row = sorted[index]!;
    if (matches(row)) data.push(row);
  }
  let hasMore = false;
  for (; index < sorted.length; index++) {
    if (matches(sorted[index]!)) {
      hasMore = true;
      break;
    }
  }
  const last = data[data.length - 1];
  const page: ListPage<T> = {
    data,
    next_cursor:
      hasMore && last
        ? request.cursors.encode(request.querySignature, {
            lastSortValue: fieldValue(last, order.field),
            lastId: String(fieldValue(last, idField)),
          })
        : null,
  };
  if (withTotalCount) page.total_count = sorted.reduce((n, row) => (matches(row) ? n + 1 : n), 0);
  return page;
}

/** Index of the first row strictly after the cursor position (binary search over the sorted view). */
function firstAfter<T extends Row>(sorted: readonly T[], order: SortOrder, idField: string, position: CursorPosition): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const row = sorted[mid]!;
    const cmp = compareKeys(order, fieldValue(row, order.field), String(fieldValue(row, idField)), position.lastSortValue, position.lastId);
    if (cmp <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
