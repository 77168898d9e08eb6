/** Keeps the tuples for which a condition is true (not false, not unknown). */
import type { RunEnv, Tuple } from '../env.js';
import { throwIfCancelled } from '../env.js';
import type { Evaluator } from '../evaluate.js';
import type { PlanNode } from '../plan-node.js';
import { truth } from '../values.js';

export class FilterOperator implements PlanNode {
  readonly produced = { rows: 0 };

  constructor(
    private readonly input: PlanNode,
    private readonly condition: Evaluator,
  ) {}

  async *batches(env: RunEnv): AsyncIterable<readonly Tuple[]> {
    const condition = this.condition;
    for await (const batch of this.input.batches(env)) {
      throwIfCancelled(env.signal);
      const out: Tuple[] = [];
      for (const tuple of batch) if (truth(condition(tuple, env)) === true) out.push(tuple);
      if (out.length === 0) continue;
      this.produced.rows += out.length;
      yield out;
    }
  }
}
