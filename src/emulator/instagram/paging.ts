// Cursor-based paging: {"data":[...],"paging":{"cursors":{"before","after"},"next","previous"}}.
// A cursor is the sealed position of a row (its sort value and id) bound to the
// query it came from, so rows added or deleted between pages do not shift pages,
// and a forged cursor or one from another query is rejected.
import type { SealedBox } from '../shared/sealed-box.js';
import { invalidParam } from './graph-error.js';

export type ParamList = Array<[string, string]>;

export interface Paging {
  cursors: { before: string; after: string };
  next?: string;
  previous?: string;
}

export interface Envelope<T> {
  data: T[];
  paging?: Paging;
}

export interface ListSpec<T> {
  rows: readonly T[];
  sortValue(row: T): number;
  id(row: T): string;
  direction: 'asc' | 'desc';
  /** Identifies the query (path and filters): cursors only work for the same one. */
  signature: string;
}

/** Where next/previous links point: the emulator's own base URL, path and original query. */
export interface LinkBase {
  baseUrl: string;
  path: string;
  query: ParamList;
  /** The tags edge documents cursors without next/previous links. */
  withLinks: boolean;
}

interface Position {
  q: string;
  v: number;
  i: string;
}

export const DEFAULT_LIMIT = 25;
export const MAX_LIMIT = 100;

export function parseLimit(raw: string | undefined, fallback = DEFAULT_LIMIT, max = MAX_LIMIT): number {
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) throw invalidParam('Param limit must be a non-negative integer');
  const value = Number(raw);
  return Math.min(max, value === 0 ? fallback : value);
}

/** Cursors kept for reuse: a batch of 50 edge reads seals the same few positions again and again. */
const MAX_REMEMBERED_CURSORS = 20_000;

export class Pager {
  private readonly cursors = new Map<string, string>();

  constructor(private readonly box: SealedBox) {}

  page<T>(spec: ListSpec<T>, params: { limit: number; after?: string; before?: string }, links: LinkBase | null): { items: T[]; paging?: Paging } {
    const { rows } = spec;
    const compare = (row: T, pos: Position) => {
      const v = spec.sortValue(row);
      const byValue = spec.direction === 'desc' ? pos.v - v : v - pos.v;
      if (byValue !== 0) return byValue;
      const id = spec.id(row);
      return id < pos.i ? -1 : id > pos.i ? 1 : 0;
    };
    let start = 0;
    let end = rows.length;
    if (params.after !== undefined) {
      const pos = this.decode(spec.signature, params.after, 'after');
      start = rows.findIndex((row) => compare(row, pos) > 0);
      if (start < 0) start = rows.length;
      end = Math.min(rows.length, start + params.limit);
    } else if (params.before !== undefined) {
      const pos = this.decode(spec.signature, params.before, 'before');
      const firstNotBefore = rows.findIndex((row) => compare(row, pos) >= 0);
      end = firstNotBefore < 0 ? rows.length : firstNotBefore;
      start = Math.max(0, end - params.limit);
    } else {
      end = Math.min(rows.length, params.limit);
    }
    const items = rows.slice(start, end);
    const first = items[0];
    const last = items[items.length - 1];
    if (first === undefined || last === undefined) return { items };
    const paging: Paging = {
      cursors: { before: this.encode(spec, first), after: this.encode(spec, last) },
    };
    if (links?.withLinks) {
      if (end < rows.length) paging.next = link(links, params.limit, 'after', paging.cursors.after);
      if (start > 0) paging.previous = link(links, params.limit, 'before', paging.cursors.before);
    }
    return { items, paging };
  }

  private encode<T>(spec: ListSpec<T>, row: T): string {
    const position: Position = { q: spec.signature, v: spec.sortValue(row), i: spec.id(row) };
    // The same position gets the same cursor within one server: it still opens only here.
    const key = `${position.v}|${position.i}|${position.q}`;
    let cursor = this.cursors.get(key);
    if (cursor === undefined) {
      cursor = this.box.seal(position);
      if (this.cursors.size >= MAX_REMEMBERED_CURSORS) this.cursors.clear();
      this.cursors.set(key, cursor);
    }
    return cursor;
  }

  private decode(signature: string, cursor: string, name: string): Position {
    const opened = this.box.open(cursor);
    if (
      typeof opened !== 'object' || opened === null ||
      (opened as Position).q !== signature ||
      typeof (opened as Position).v !== 'number' ||
      typeof (opened as Position).i !== 'string'
    ) {
      throw invalidParam(`The ${name} cursor is invalid or expired`);
    }
    return opened as Position;
  }
}

function link(links: LinkBase, limit: number, name: 'after' | 'before', cursor: string): string {
  const params = new URLSearchParams();
  for (const [k, v] of links.query) if (k !== 'after' && k !== 'before' && k !== 'limit') params.append(k, v);
  params.set('limit', String(limit));
  params.set(name, cursor);
  return `${links.baseUrl}${links.path}?${params.toString()}`;
}
