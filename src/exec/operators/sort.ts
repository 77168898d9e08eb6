/**
 * ORDER BY: stable, several keys. NULLs sort first for ASC and last for DESC unless NULLS
 * FIRST/LAST says otherwise (SQL Server / SQLite default). Under a LIMIT it keeps only the
 * first `keep` rows as it goes (top-N), so memory and sorting stay small.
 */
import type { Value } from '../../catalog/types.js';
import type { RunEnv, Tuple } from '../env.js';
import { throwIfCancelled } from '../env.js';
import type { PlanNode } from '../plan-node.js';
import { BATCH_SIZE, chunks } from '../batch.js';
import { compareValues, toText } from '../values.js';

export interface SortKeySpec {
  readonly slot: number;
  readonly desc: boolean;
  readonly nullsFirst: boolean;
}

export class SortOperator implements PlanNode {
  readonly produced = { rows: 0 };

  constructor(
    private readonly input: PlanNode,
    private readonly keys: readonly SortKeySpec[],
    /** LIMIT + OFFSET above, when there is one: later rows can never be output. */
    private readonly keep?: number,
  ) {}

  async *batches(env: RunEnv): AsyncIterable<readonly Tuple[]> {
    const keys = this.keys;
    const compare = (a: Tuple, b: Tuple) => compareTuples(a, b, keys);
    const keep = this.keep ?? Infinity;
    let all: Tuple[] = [];
    /** Under a LIMIT, the last of `keep` rows kept so far: a later row not before it can never be output. */
    let worst: Tuple | undefined;
    for await (const batch of this.input.batches(env)) {
      throwIfCancelled(env.signal);
      if (worst === undefined) for (const tuple of batch) all.push(tuple);
      else for (const tuple of batch) if (compare(tuple, worst) < 0) all.push(tuple);
      // Top-N: sorting is stable and the kept rows arrived before the new ones, so ties keep input order.
      if (all.length >= 2 * keep + BATCH_SIZE) {
        all = all.sort(compare).slice(0, keep);
        worst = all[keep - 1];
      }
    }
    all.sort(compare); // Array.prototype.sort is stable
    if (all.length > keep) all = all.slice(0, keep);
    for (const batch of chunks(all)) {
      this.produced.rows += batch.length;
      yield batch;
    }
  }
}

function compareTuples(a: Tuple, b: Tuple, keys: readonly SortKeySpec[]): number {
  for (const k of keys) {
    const x = a[k.slot] ?? null;
    const y = b[k.slot] ?? null;
    if (x === null || y === null) {
      if (x === y) continue;
      return (x === null) === k.nullsFirst ? -1 : 1;
    }
    const cmp = orderValues(x, y);
    if (cmp !== 0) return k.desc ? -cmp : cmp;
  }
  return 0;
}

/** A total order even across types that compareValues finds incomparable. */
function orderValues(x: Value, y: Value): number {
  const cmp = compareValues(x, y);
  if (cmp !== null) return cmp;
  const s = toText(x);
  const t = toText(y);
  return s < t ? -1 : s > t ? 1 : 0;
}
