/**
 * ORDER BY: stable, several keys. NULLs sort first for ASC and last for DESC unless NULLS
 * FIRST/LAST says otherwise (SQL Server / SQLite default). Under a LIMIT it keeps only the
 * first `keep` rows as it goes (top-N), so memory and sorting stay small.
 */
import type { RunEnv, Tuple } from '../env.js';
import { throwIfCancelled } from '../env.js';
import type { PlanNode } from '../plan-node.js';
import { BATCH_SIZE, chunks } from '../batch.js';
import { compareForOrder } from '../order.js';
import type { TopKGate } from '../compile/top-k-gate.js';

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
    /** LIMIT + OFFSET above, when there is one: later rows can never be output; the input may then be transient. */
    private readonly keep?: number,
    /** Where the scan below learns the worst kept row (see compile/top-k-gate.ts). */
    private readonly gate?: TopKGate,
  ) {}

  async *batches(env: RunEnv): AsyncIterable<readonly Tuple[]> {
    const keys = this.keys;
    const compare = (a: Tuple, b: Tuple) => compareTuples(a, b, keys);
    const keep = this.keep ?? Infinity;
    const copy = this.keep === undefined ? (t: Tuple) => t : (t: Tuple) => t.slice();
    let all: Tuple[] = [];
    /** Under a LIMIT, the last of `keep` rows kept so far: a later row not before it can never be output. */
    let worst: Tuple | undefined;
    for await (const batch of this.input.batches(env)) {
      throwIfCancelled(env.signal);
      // Under a LIMIT the input is transient (its tuples are reused): the rows kept are copied.
      if (worst === undefined) for (const tuple of batch) all.push(copy(tuple));
      else for (const tuple of batch) if (compare(tuple, worst) < 0) all.push(copy(tuple));
      // Top-N: sorting is stable and the kept rows arrived before the new ones, so ties keep input order.
      if (all.length >= 2 * keep + BATCH_SIZE) {
        all = all.sort(compare).slice(0, keep);
        worst = all[keep - 1];
        if (this.gate) this.gate.worst = worst;
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
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    const cmp = compareForOrder(a[k.slot] ?? null, b[k.slot] ?? null, k);
    if (cmp !== 0) return cmp;
  }
  return 0;
}
