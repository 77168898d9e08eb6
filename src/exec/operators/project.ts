/** Computes the output values (and any extra ORDER BY keys after them). */
import type { Value } from '../../catalog/types.js';
import type { RunEnv, Tuple } from '../env.js';
import { throwIfCancelled } from '../env.js';
import type { Evaluator } from '../evaluate.js';
import type { PlanNode } from '../plan-node.js';

export class ProjectOperator implements PlanNode {
  readonly produced = { rows: 0 };

  constructor(
    private readonly input: PlanNode,
    private readonly outputs: readonly Evaluator[],
    /** The consumer lets go of each batch before asking for the next: output tuples are reused. */
    private readonly transient = false,
  ) {}

  async *batches(env: RunEnv): AsyncIterable<readonly Tuple[]> {
    const outputs = this.outputs;
    const width = outputs.length;
    const pool: Tuple[] = [];
    for await (const batch of this.input.batches(env)) {
      throwIfCancelled(env.signal);
      const out: Tuple[] = new Array<Tuple>(batch.length);
      for (let r = 0; r < batch.length; r++) {
        const tuple = batch[r]!;
        const values: Tuple = this.transient ? (pool[r] ??= new Array<Value>(width)) : new Array<Value>(width);
        for (let i = 0; i < width; i++) values[i] = outputs[i]!(tuple, env);
        out[r] = values;
      }
      this.produced.rows += out.length;
      yield out;
    }
  }
}
