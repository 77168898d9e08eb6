/**
 * ORDER BY comparison of values, shared by sorting and window functions. NULLs go first or last as
 * the key says; two numbers or two strings (the common cases) compare inline; everything else goes
 * through compareValues, with a text fallback so that the order is total even across types.
 */
import type { Value } from '../catalog/types.js';
import { compareValues, toText } from './values.js';

export interface OrderKey {
  readonly desc: boolean;
  readonly nullsFirst: boolean;
}

/** One key of ORDER BY: negative when x sorts before y. */
export function compareForOrder(x: Value, y: Value, key: OrderKey): number {
  if (x === y) return 0;
  if (x === null || y === null) return (x === null) === key.nullsFirst ? -1 : 1;
  let cmp: number;
  if (typeof x === 'number' && typeof y === 'number') cmp = x < y ? -1 : x > y ? 1 : 0;
  else if (typeof x === 'string' && typeof y === 'string') cmp = x < y ? -1 : 1;
  else cmp = orderValues(x, y);
  return key.desc ? -cmp : cmp;
}

/** A total order even across types that compareValues finds incomparable. */
export function orderValues(x: Value, y: Value): number {
  const cmp = compareValues(x, y);
  if (cmp !== null) return cmp;
  const s = toText(x);
  const t = toText(y);
  return s < t ? -1 : s > t ? 1 : 0;
}
