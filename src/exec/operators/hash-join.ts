/**
 * INNER/LEFT/RIGHT/FULL join that builds a hash table on the inner side and streams the outer
 * side; RIGHT and FULL then output the inner tuples nothing matched (their outer slots are NULL).
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
    const matched = spec.type === 'Right' || spec.type === 'Full' ? new Set<Tuple>() : undefined;
    for await (const batch of this.inner.batches(env)) {
      throwIfCancelled(env.signal);
      for (const tuple of batch) table.add(tuple);
    }
    for await (const batch of this.outer.batches(env)) {
      throwIfCancelled(env.signal);
      const out: Tuple[] = [];
      for (const outer of batch) matchOuter(out, outer, table.candidates(outer), spec, env, matched);
      if (out.length === 0) continue;
      this.produced.rows += out.length;
      yield out;
    }
    if (matched === undefined) return;
    const unmatched = table.all.filter((inner) => !matched.has(inner)).map((inner) => inner.slice());
    if (unmatched.length === 0) return;
    this.produced.rows += unmatched.length;
    yield unmatched;
  }
}
