/** Keeps the tuples for which a condition is true (not false, not unknown). */
import type { RunEnv, Tuple } from '../env.js';
import { throwIfCancelled } from '../env.js';
import type { Evaluator } from '../evaluate.js';
import type { PlanNode } from '../plan-node.js';
import { truth } from '../values.js';

export class FilterOperator implements PlanNode {
  readonly operation = 'Filter';
  readonly produced = { rows: 0 };
  readonly children: readonly PlanNode[];

  constructor(
    private readonly input: PlanNode,
    private readonly condition: Evaluator,
    private readonly text: string,
  ) {
    this.children = [input];
  }

  detail(): string {
    return this.text;
  }

  async *rows(env: RunEnv): AsyncIterable<Tuple> {
    for await (const tuple of this.input.rows(env)) {
      throwIfCancelled(env.signal);
      if (truth(this.condition(tuple, env)) === true) {
        this.produced.rows++;
        yield tuple;
      }
    }
  }
}
