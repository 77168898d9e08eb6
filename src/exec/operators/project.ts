/** Computes the output values (and any extra ORDER BY keys after them). */
import type { RunEnv, Tuple } from '../env.js';
import { throwIfCancelled } from '../env.js';
import type { Evaluator } from '../evaluate.js';
import type { PlanNode } from '../plan-node.js';

export class ProjectOperator implements PlanNode {
  readonly operation = 'Project';
  readonly produced = { rows: 0 };
  readonly children: readonly PlanNode[];

  constructor(
    private readonly input: PlanNode,
    private readonly outputs: readonly Evaluator[],
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
      this.produced.rows++;
      yield this.outputs.map((f) => f(tuple, env));
    }
  }
}
