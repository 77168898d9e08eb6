/**
 * UNION [ALL], INTERSECT [ALL], EXCEPT [ALL] of two query blocks, on their first `width` values;
 * rows are compared with NULLs equal, as SQL's set operations do. UNION streams; INTERSECT and
 * EXCEPT read the right side first.
 */
import type { SetOperator } from '../../sql/ir.js';
import type { CompiledSelect } from '../compile/compile-plan.js';
import type { RunEnv, Tuple } from '../env.js';
import { throwIfCancelled } from '../env.js';
import type { PlanNode } from '../plan-node.js';
import { runSelect } from '../run-select.js';
import { groupKey } from '../values.js';

export class SetOperationOperator implements PlanNode {
  readonly produced = { rows: 0 };

  constructor(
    private readonly op: SetOperator,
    private readonly all: boolean,
    private readonly left: CompiledSelect,
    private readonly right: CompiledSelect,
    private readonly width: number,
  ) {}

  async *batches(env: RunEnv): AsyncIterable<readonly Tuple[]> {
    const width = this.width;
    const cut = (t: Tuple): Tuple => (t.length === width ? t : t.slice(0, width));
    const key = (t: Tuple): string => groupKey(t.length === width ? t : t.slice(0, width));
    const emit = (out: Tuple[]): Tuple[] | undefined => {
      if (out.length === 0) return undefined;
      this.produced.rows += out.length;
      return out;
    };
    if (this.op === 'Union') {
      const seen = new Set<string>();
      for (const side of [this.left, this.right]) {
        for await (const batch of runSelect(side, env.signal, env.now)) {
          throwIfCancelled(env.signal);
          const out: Tuple[] = [];
          for (const t of batch) {
            if (!this.all) {
              const k = key(t);
              if (seen.has(k)) continue;
              seen.add(k);
            }
            out.push(cut(t));
          }
          const ready = emit(out);
          if (ready) yield ready;
        }
      }
      return;
    }
    // How many times each row occurs on the right.
    const counts = new Map<string, number>();
    for await (const batch of runSelect(this.right, env.signal, env.now)) {
      throwIfCancelled(env.signal);
      for (const t of batch) {
        const k = key(t);
        counts.set(k, (counts.get(k) ?? 0) + 1);
      }
    }
    const seen = new Set<string>();
    for await (const batch of runSelect(this.left, env.signal, env.now)) {
      throwIfCancelled(env.signal);
      const out: Tuple[] = [];
      for (const t of batch) {
        const k = key(t);
        const onRight = counts.get(k) ?? 0;
        if (this.all) {
          // INTERSECT ALL keeps min(m, n) copies; EXCEPT ALL keeps max(m - n, 0).
          if (onRight > 0) counts.set(k, onRight - 1);
          if ((this.op === 'Intersect') === onRight > 0) out.push(cut(t));
          continue;
        }
        if (seen.has(k) || (this.op === 'Intersect') !== onRight > 0) continue;
        seen.add(k);
        out.push(cut(t));
      }
      const ready = emit(out);
      if (ready) yield ready;
    }
  }
}
