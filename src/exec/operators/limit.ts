/** LIMIT/OFFSET. Returning stops the upstream iterators, so no further page is fetched. */
import type { RunEnv, Tuple } from '../env.js';
import type { PlanNode } from '../plan-node.js';

export class LimitOperator implements PlanNode {
  readonly operation = 'Limit';
  readonly produced = { rows: 0 };
  readonly children: readonly PlanNode[];

  constructor(
    private readonly input: PlanNode,
    private readonly limit: number | undefined,
    private readonly offset: number,
  ) {
    this.children = [input];
  }

  detail(): string {
    return [this.limit !== undefined ? `${this.limit}` : 'ALL', ...(this.offset > 0 ? [`OFFSET ${this.offset}`] : [])].join(' ');
  }

  async *rows(env: RunEnv): AsyncIterable<Tuple> {
    if (this.limit === 0) return;
    let skipped = 0;
    let emitted = 0;
    for await (const tuple of this.input.rows(env)) {
      if (skipped < this.offset) {
        skipped++;
        continue;
      }
      this.produced.rows++;
      yield tuple;
      if (this.limit !== undefined && ++emitted >= this.limit) return;
    }
  }
}
