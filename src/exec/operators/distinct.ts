/** SELECT DISTINCT: first occurrence wins, NULLs are equal. Streams; memory grows with distinct rows. */
import type { RunEnv, Tuple } from '../env.js';
import { throwIfCancelled } from '../env.js';
import type { PlanNode } from '../plan-node.js';
import { groupKey } from '../values.js';

export class DistinctOperator implements PlanNode {
  readonly produced = { rows: 0 };

  constructor(private readonly input: PlanNode) {}

  async *batches(env: RunEnv): AsyncIterable<readonly Tuple[]> {
    const seen = new Set<string>();
    for await (const batch of this.input.batches(env)) {
      throwIfCancelled(env.signal);
      const out: Tuple[] = [];
      for (const tuple of batch) {
        const key = groupKey(tuple);
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(tuple);
      }
      if (out.length === 0) continue;
      this.produced.rows += out.length;
      yield out;
    }
  }
}
