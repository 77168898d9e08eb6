/** Reads a derived table or WITH query: runs its block and places each output value in the outer tuple's slot. */
import type { Value } from '../../catalog/types.js';
import type { CompiledSelect } from '../compile/compile-plan.js';
import type { RunEnv, Tuple } from '../env.js';
import { throwIfCancelled } from '../env.js';
import type { Evaluator } from '../evaluate.js';
import type { PlanNode } from '../plan-node.js';
import { runSelect } from '../run-select.js';
import { truth } from '../values.js';

export class SubqueryScanOperator implements PlanNode {
  readonly produced = { rows: 0 };

  constructor(
    private readonly block: CompiledSelect,
    private readonly columns: readonly { readonly index: number; readonly slot: number }[],
    private readonly width: number,
    private readonly local: readonly Evaluator[],
  ) {}

  async *batches(env: RunEnv): AsyncIterable<readonly Tuple[]> {
    const { columns, width, local } = this;
    for await (const batch of runSelect(this.block, env.signal, env.now)) {
      throwIfCancelled(env.signal);
      const out: Tuple[] = [];
      rows: for (const inner of batch) {
        const tuple: Tuple = new Array<Value>(width).fill(null);
        for (const c of columns) tuple[c.slot] = inner[c.index] ?? null;
        for (const f of local) if (truth(f(tuple, env)) !== true) continue rows;
        out.push(tuple);
      }
      if (out.length === 0) continue;
      this.produced.rows += out.length;
      yield out;
    }
  }
}
