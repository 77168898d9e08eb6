/** The one empty row a SELECT without FROM reads from. */
import type { RunEnv, Tuple } from '../env.js';
import type { PlanNode } from '../plan-node.js';

export class SingleRowOperator implements PlanNode {
  readonly produced = { rows: 0 };

  constructor(private readonly width: number) {}

  async *batches(_env: RunEnv): AsyncIterable<readonly Tuple[]> {
    this.produced.rows++;
    yield [new Array(this.width).fill(null)];
  }
}
