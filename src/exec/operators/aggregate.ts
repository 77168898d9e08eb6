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
import { groupKey } from '../values.js';

export interface AggregateSpec {
  readonly name: AggregateName;
  readonly distinct: boolean;
  /** Absent for COUNT(*). */
  readonly arg?: Evaluator;
  readonly text: string;
}

export class AggregateOperator implements PlanNode {
  readonly operation = 'Aggregate';
  readonly produced = { rows: 0 };
  readonly children: readonly PlanNode[];

  constructor(
    private readonly input: PlanNode,
    private readonly groups: readonly { readonly evaluate: Evaluator; readonly text: string }[],
    private readonly aggregates: readonly AggregateSpec[],
  ) {
    this.children = [input];
  }

  detail(): string {
    const parts: string[] = [];
    if (this.groups.length > 0) parts.push(`GROUP BY ${this.groups.map((g) => g.text).join(', ')}`);
    if (this.aggregates.length > 0) parts.push(this.aggregates.map((a) => a.text).join(', '));
    return parts.join('; ') || '(one group)';
  }

  async *rows(env: RunEnv): AsyncIterable<Tuple> {
    const groups = new Map<string, { keys: Tuple; accumulators: Accumulator[] }>();
    const newGroup = (keys: Tuple) => ({ keys, accumulators: this.aggregates.map((a) => createAccumulator(a.name, a.distinct)) });
    for await (const tuple of this.input.rows(env)) {
      throwIfCancelled(env.signal);
      const keys = this.groups.map((g) => g.evaluate(tuple, env));
      const key = groupKey(keys);
      let group = groups.get(key);
      if (group === undefined) {
        group = newGroup(keys);
        groups.set(key, group);
      }
      this.aggregates.forEach((a, i) => group!.accumulators[i]!.add(a.arg ? a.arg(tuple, env) : true));
    }
    if (groups.size === 0 && this.groups.length === 0) groups.set('', newGroup([]));
    for (const group of groups.values()) {
      this.produced.rows++;
      yield [...group.keys, ...group.accumulators.map((a) => a.result())];
    }
  }
}
