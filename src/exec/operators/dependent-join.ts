/**
 * A join whose inner scan is parameterised by the outer side's keys: the outer side is read in
 * batches, each batch's distinct keys become the inner scan's Param values (one API call per
 * key chunk instead of a full scan), and the inner rows are hashed and matched.
 */
import type { Value } from '../../catalog/types.js';
import type { RunEnv, Tuple } from '../env.js';
import { throwIfCancelled } from '../env.js';
import type { PlanNode } from '../plan-node.js';
import { ValueMap } from '../value-map.js';
import { JoinTable, matchOuter, type JoinSpec } from './join-support.js';

export class DependentJoinOperator implements PlanNode {
  readonly produced = { rows: 0 };
  /** Inner scans opened so far. */
  joinBatches = 0;

  constructor(
    private readonly outer: PlanNode,
    private readonly inner: PlanNode,
    private readonly spec: JoinSpec,
    /** The key whose outer values feed the Param. */
    private readonly paramKeyIndex: number,
    private readonly paramId: string,
    private readonly batchSize: number,
    /** Join batches whose inner scans may run ahead of the one being yielded. */
    private readonly lookahead = 3,
  ) {}

  async *batches(env: RunEnv): AsyncIterable<readonly Tuple[]> {
    // Outer batches (API pages) are regrouped into join batches of exactly batchSize rows. A join
    // batch's inner scan starts as soon as its keys are known; up to `lookahead` of them run while
    // the outer scan goes on and earlier results are consumed, yielded in outer order.
    const stop = new AbortController();
    const onAbort = () => stop.abort();
    env.signal.addEventListener('abort', onAbort, { once: true });
    const running: Promise<Tuple[]>[] = [];
    const launch = (batch: readonly Tuple[]) => {
      const joined = this.joinBatch(batch, { ...env, signal: stop.signal });
      joined.catch(() => undefined); // awaited in order below; a batch abandoned on early stop must not go unhandled
      running.push(joined);
    };
    try {
      let pending: Tuple[] = [];
      for await (const batch of this.outer.batches(env)) {
        throwIfCancelled(env.signal);
        for (const outer of batch) {
          pending.push(outer);
          if (pending.length >= this.batchSize) {
            launch(pending);
            pending = [];
          }
        }
        while (running.length > this.lookahead || (running.length > 0 && (await settled(running[0]!)))) {
          const out = await running.shift()!;
          if (out.length > 0) yield out;
        }
      }
      if (pending.length > 0) launch(pending);
      while (running.length > 0) {
        const out = await running.shift()!;
        if (out.length > 0) yield out;
      }
    } finally {
      env.signal.removeEventListener('abort', onAbort);
      if (running.length > 0) stop.abort();
    }
  }

  /** Opens the inner scan once for the batch's distinct keys and joins the batch. */
  private async joinBatch(batch: readonly Tuple[], env: RunEnv): Promise<Tuple[]> {
    const { spec } = this;
    const paramKey = spec.keys[this.paramKeyIndex]!;
    const values: Value[] = [];
    const seen = new ValueMap<true>();
    for (const outer of batch) {
      const v = paramKey.outer(outer, env);
      if (v === null || seen.has(v)) continue;
      seen.set(v, true);
      values.push(v);
    }
    const table = new JoinTable(spec.keys, env);
    if (values.length > 0) {
      this.joinBatches++;
      const params = new Map(env.params);
      params.set(this.paramId, values);
      for await (const inner of this.inner.batches({ ...env, params })) {
        throwIfCancelled(env.signal);
        for (const tuple of inner) table.add(tuple);
      }
    }
    const out: Tuple[] = [];
    for (const outer of batch) matchOuter(out, outer, table.candidates(outer), spec, env);
    this.produced.rows += out.length;
    return out;
  }
}

/** Whether the promise has already settled (checked without waiting for it). */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  const pending = Symbol('pending');
  const first = await Promise.race([promise.then(() => true, () => true), Promise.resolve(pending)]);
  return first !== pending;
}
