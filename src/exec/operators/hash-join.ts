/**
 * INNER/LEFT join that builds a hash table on the inner side and streams the outer side.
 * With no equality keys it degrades to a nested loop over the buffered inner side.
 */
import type { RunEnv, Tuple } from '../env.js';
import { throwIfCancelled } from '../env.js';
import type { PlanNode } from '../plan-node.js';
import { JoinTable, matchOuter, type JoinSpec } from './join-support.js';

export class HashJoinOperator implements PlanNode {
  readonly produced = { rows: 0 };

  constructor(
    private readonly outer: PlanNode,
    private readonly inner: PlanNode,
    private readonly spec: JoinSpec,
  ) {}

  async *batches(env: RunEnv): AsyncIterable<readonly Tuple[]> {
    const { spec } = this;
    const table = new JoinTable(spec.keys, env);
    for await (const batch of this.inner.batches(env)) {
      throwIfCancelled(env.signal);
      for (const tuple of batch) table.add(tuple);
    }
    for await (const batch of this.outer.batches(env)) {
      throwIfCancelled(env.signal);
      const out: Tuple[] = [];
      for (const outer of batch) matchOuter(out, outer, table.candidates(outer), spec, env);
      if (out.length === 0) continue;
      this.produced.rows += out.length;
      yield out;
    }
  }
}
