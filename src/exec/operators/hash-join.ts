/**
 * INNER/LEFT join that builds a hash table on the inner side and streams the outer side.
 * With no equality keys it degrades to a nested loop over the buffered inner side.
 */
import type { RunEnv, Tuple } from '../env.js';
import { throwIfCancelled } from '../env.js';
import type { PlanNode } from '../plan-node.js';
import { describeJoin, keyOf, matchOuter, type JoinSpec } from './join-support.js';

export class HashJoinOperator implements PlanNode {
  readonly operation: string;
  readonly produced = { rows: 0 };
  readonly children: readonly PlanNode[];

  constructor(
    private readonly outer: PlanNode,
    private readonly inner: PlanNode,
    private readonly spec: JoinSpec,
  ) {
    this.children = [outer, inner];
    this.operation = spec.keys.length > 0 ? 'HashJoin' : 'NestedLoopJoin';
  }

  detail(): string {
    return `${this.spec.type.toUpperCase()} ${describeJoin(this.spec)}; build side: ${this.inner.operation === 'Scan' ? 'inner scan' : 'inner'}`;
  }

  async *rows(env: RunEnv): AsyncIterable<Tuple> {
    const { spec } = this;
    const table = new Map<string, Tuple[]>();
    const all: Tuple[] = [];
    for await (const tuple of this.inner.rows(env)) {
      throwIfCancelled(env.signal);
      if (spec.keys.length === 0) {
        all.push(tuple);
        continue;
      }
      const key = keyOf(tuple, env, spec.keys, 'inner');
      if (key === undefined) continue;
      const bucket = table.get(key);
      if (bucket) bucket.push(tuple);
      else table.set(key, [tuple]);
    }
    for await (const outer of this.outer.rows(env)) {
      throwIfCancelled(env.signal);
      const candidates = spec.keys.length === 0 ? all : (table.get(keyOf(outer, env, spec.keys, 'outer') ?? '') ?? []);
      for (const joined of matchOuter(outer, candidates, spec, env)) {
        this.produced.rows++;
        yield joined;
      }
    }
  }
}
