/**
 * A scan inside an Apply's inner block: the first run reads the whole table through the scan (once
 * per distinct set of Param values the scan takes, e.g. from a join inside the block) and keeps the
 * tuples; every run replays them through the local predicates, which may read the outer values.
 * So the inner block costs the same API calls however many outer rows it runs for.
 */
import type { Value } from '../../catalog/types.js';
import { PlanError } from '../../errors.js';
import type { RunEnv, Tuple } from '../env.js';
import { throwIfCancelled } from '../env.js';
import type { Evaluator } from '../evaluate.js';
import type { PlanNode } from '../plan-node.js';
import { truth, valueKey } from '../values.js';

/** Spooled rows of one Apply, shared by the spools of its inner block. */
export class SpoolBudget {
  private rows = 0;

  constructor(readonly maxRows: number) {}

  add(n: number): void {
    this.rows += n;
    if (this.rows > this.maxRows) {
      throw new PlanError(`A correlated subquery that is not decorrelated would hold more than ${this.maxRows} rows of its tables in memory; correlate it through equalities, or filter its tables further`);
    }
  }
}

const BATCH = 1024;

export class SpoolScanOperator implements PlanNode {
  readonly produced = { rows: 0 };
  private readonly spools = new Map<string, readonly Tuple[]>();

  constructor(
    /** The scan, without its local predicates. */
    private readonly scan: PlanNode,
    private readonly local: readonly Evaluator[],
    private readonly paramIds: readonly string[],
    private readonly budget: SpoolBudget,
  ) {}

  async *batches(env: RunEnv): AsyncIterable<readonly Tuple[]> {
    const key = this.paramIds.map((id) => (env.params.get(id) ?? []).map(valueKey).join(',')).join('|');
    let rows = this.spools.get(key);
    if (rows === undefined) {
      const read: Tuple[] = [];
      for await (const batch of this.scan.batches(env)) {
        this.budget.add(batch.length);
        for (const t of batch) read.push(t);
      }
      rows = read;
      this.spools.set(key, rows);
    }
    const local = this.local;
    let out: Tuple[] = [];
    rows: for (const t of rows) {
      for (let i = 0; i < local.length; i++) if (truth(local[i]!(t, env)) !== true) continue rows;
      // A copy: operators above may write into their input tuples.
      out.push(t.slice() as Value[]);
      if (out.length === BATCH) {
        throwIfCancelled(env.signal);
        this.produced.rows += out.length;
        yield out;
        out = [];
      }
    }
    if (out.length > 0) {
      this.produced.rows += out.length;
      yield out;
    }
  }
}
