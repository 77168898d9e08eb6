/**
 * A join whose inner scan is parameterised by the outer side's keys: the outer side is read in
 * batches, each batch's distinct keys become the inner scan's Param values (one API call per
 * key chunk instead of a full scan), and the inner rows are hashed and matched.
 */
import type { Value } from '../../catalog/types.js';
import type { RunEnv, Tuple } from '../env.js';
import { throwIfCancelled } from '../env.js';
import type { PlanNode } from '../plan-node.js';
import { groupKey } from '../values.js';
import { describeJoin, keyOf, matchOuter, type JoinSpec } from './join-support.js';

export const DEFAULT_JOIN_BATCH = 1000;

export class DependentJoinOperator implements PlanNode {
  readonly operation = 'DependentJoin';
  readonly produced = { rows: 0 };
  readonly children: readonly PlanNode[];
  batches = 0;

  constructor(
    private readonly outer: PlanNode,
    private readonly inner: PlanNode,
    private readonly spec: JoinSpec,
    /** The key whose outer values feed the Param. */
    private readonly paramKeyIndex: number,
    private readonly paramId: string,
    private readonly batchSize: number = DEFAULT_JOIN_BATCH,
  ) {
    this.children = [outer, inner];
  }

  detail(): string {
    const key = this.spec.keys[this.paramKeyIndex]!;
    return `${this.spec.type.toUpperCase()} ${describeJoin(this.spec)}; inner scan gets the outer ${key.text.split(' = ')[0]} values as ${this.paramId}, ${this.batchSize} outer rows per batch`;
  }

  async *rows(env: RunEnv): AsyncIterable<Tuple> {
    let batch: Tuple[] = [];
    for await (const outer of this.outer.rows(env)) {
      throwIfCancelled(env.signal);
      batch.push(outer);
      if (batch.length >= this.batchSize) {
        yield* this.joinBatch(batch, env);
        batch = [];
      }
    }
    if (batch.length > 0) yield* this.joinBatch(batch, env);
  }

  private async *joinBatch(batch: readonly Tuple[], env: RunEnv): AsyncIterable<Tuple> {
    const { spec } = this;
    const paramKey = spec.keys[this.paramKeyIndex]!;
    const values: Value[] = [];
    const seen = new Set<string>();
    for (const outer of batch) {
      const v = paramKey.outer(outer, env);
      if (v === null) continue;
      const k = groupKey([v]);
      if (!seen.has(k)) {
        seen.add(k);
        values.push(v);
      }
    }
    const table = new Map<string, Tuple[]>();
    if (values.length > 0) {
      this.batches++;
      const params = new Map(env.params);
      params.set(this.paramId, values);
      for await (const inner of this.inner.rows({ ...env, params })) {
        throwIfCancelled(env.signal);
        const key = keyOf(inner, env, spec.keys, 'inner');
        if (key === undefined) continue;
        const bucket = table.get(key);
        if (bucket) bucket.push(inner);
        else table.set(key, [inner]);
      }
    }
    for (const outer of batch) {
      const key = keyOf(outer, env, spec.keys, 'outer');
      for (const joined of matchOuter(outer, key === undefined ? [] : (table.get(key) ?? []), spec, env)) {
        this.produced.rows++;
        yield joined;
      }
    }
  }
}
