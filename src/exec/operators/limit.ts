/** LIMIT/OFFSET. Returning stops the upstream iterators, so no further page is fetched. */
import type { RunEnv, Tuple } from '../env.js';
import type { PlanNode } from '../plan-node.js';

export class LimitOperator implements PlanNode {
  readonly produced = { rows: 0 };

  constructor(
    private readonly input: PlanNode,
    private readonly limit: number | undefined,
    private readonly offset: number,
  ) {}

  async *batches(env: RunEnv): AsyncIterable<readonly Tuple[]> {
    if (this.limit === 0) return;
    let skip = this.offset;
    let left = this.limit ?? Infinity;
    for await (const batch of this.input.batches(env)) {
      const start = Math.min(skip, batch.length);
      skip -= start;
      const end = Math.min(batch.length, start + left);
      if (end <= start) continue;
      const out = start === 0 && end === batch.length ? batch : batch.slice(start, end);
      left -= out.length;
      this.produced.rows += out.length;
      yield out;
      // Returning (not pulling once more) is what keeps the sources from fetching another page.
      if (left <= 0) return;
    }
  }
}
