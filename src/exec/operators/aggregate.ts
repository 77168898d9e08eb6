/**
 * GROUP BY and aggregates. Output tuples are [group keys..., aggregates...]. NULL keys group
 * together. Without GROUP BY, zero input rows still give one row (COUNT 0, SUM NULL).
 */
import type { AggregateName } from '../../sql/ir.js';
import { createAccumulator, type Accumulator } from '../aggregates.js';
import type { RunEnv, Tuple } from '../env.js';
import { throwIfCancelled } from '../env.js';
import type { Evaluator } from '../evaluate.js';
import type { PlanNode } from '../plan-node.js';
import { chunks } from '../batch.js';
import { ValueMap } from '../value-map.js';

export interface AggregateSpec {
  readonly name: AggregateName;
  readonly distinct: boolean;
  /** Absent for COUNT(*). */
  readonly arg?: Evaluator;
}

export class AggregateOperator implements PlanNode {
  readonly produced = { rows: 0 };

  constructor(
    private readonly input: PlanNode,
    private readonly groups: readonly Evaluator[],
    private readonly aggregates: readonly AggregateSpec[],
  ) {}

  async *batches(env: RunEnv): AsyncIterable<readonly Tuple[]> {
    const keyOf = this.groups;
    const args = this.aggregates.map((a) => a.arg);
    /** In first-seen order, which is the output order. */
    const groups: Group[] = [];
    const newGroup = (keys: Tuple): Group => {
      const group = { keys, accumulators: this.aggregates.map((a) => createAccumulator(a.name, a.distinct)) };
      groups.push(group);
      return group;
    };
    const find = groupFinder(keyOf, env, newGroup);
    for await (const batch of this.input.batches(env)) {
      throwIfCancelled(env.signal);
      for (const tuple of batch) {
        const accumulators = find(tuple).accumulators;
        for (let i = 0; i < args.length; i++) {
          const arg = args[i];
          accumulators[i]!.add(arg === undefined ? true : arg(tuple, env));
        }
      }
    }
    if (groups.length === 0 && keyOf.length === 0) newGroup([]);
    const out = groups.map((group) => [...group.keys, ...group.accumulators.map((a) => a.result())]);
    for (const batch of chunks(out)) {
      this.produced.rows += batch.length;
      yield batch;
    }
  }
}

interface Group {
  readonly keys: Tuple;
  readonly accumulators: readonly Accumulator[];
}

/** Tuple → its group, created on first sight. One GROUP BY key (the common case) needs no string key. */
function groupFinder(keyOf: readonly Evaluator[], env: RunEnv, newGroup: (keys: Tuple) => Group): (tuple: Tuple) => Group {
  if (keyOf.length === 0) {
    let only: Group | undefined;
    return () => (only ??= newGroup([]));
  }
  if (keyOf.length === 1) {
    const key = keyOf[0]!;
    const byValue = new ValueMap<Group>();
    return (tuple) => {
      const value = key(tuple, env);
      let group = byValue.get(value);
      if (group === undefined) {
        group = newGroup([value]);
        byValue.set(value, group);
      }
      return group;
    };
  }
  // Several keys: one ValueMap per key level, so no per-row key array or key string is built.
  const root = new ValueMap<unknown>();
  const last = keyOf.length - 1;
  const lastKey = keyOf[last]!;
  return (tuple) => {
    let map = root;
    for (let i = 0; i < last; i++) {
      const value = keyOf[i]!(tuple, env);
      let next = map.get(value) as ValueMap<unknown> | undefined;
      if (next === undefined) {
        next = new ValueMap<unknown>();
        map.set(value, next);
      }
      map = next;
    }
    const value = lastKey(tuple, env);
    let group = map.get(value) as Group | undefined;
    if (group === undefined) {
      group = newGroup(keyOf.map((k) => k(tuple, env)));
      map.set(value, group);
    }
    return group;
  };
}
