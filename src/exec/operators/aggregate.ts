/**
 * GROUP BY and aggregates. Output tuples are [group keys..., aggregates...]. NULL keys group
 * together. Without GROUP BY, zero input rows still give one row (COUNT 0, SUM NULL).
 * Groups are numbered in first-seen order (the output order); aggregate state lives in arrays
 * indexed by that number.
 */
import type { AggregateName } from '../../sql/ir.js';
import { aggregateColumn } from '../aggregate-columns.js';
import type { RunEnv, Tuple } from '../env.js';
import { throwIfCancelled } from '../env.js';
import type { Evaluator } from '../evaluate.js';
import { groupFinder } from '../group-finder.js';
import type { PlanNode } from '../plan-node.js';
import { chunks } from '../batch.js';
import type { RowFoldFactory } from '../compile/row-aggregate.js';
import type { ScanOperator } from './scan.js';

export interface AggregateSpec {
  readonly name: AggregateName;
  readonly distinct: boolean;
  /** Absent for COUNT(*). */
  readonly arg?: Evaluator;
}

export class AggregateOperator implements PlanNode {
  readonly produced = { rows: 0 };

  constructor(
    private readonly input: PlanNode,
    private readonly groups: readonly Evaluator[],
    private readonly aggregates: readonly AggregateSpec[],
    /** When the input is a scan whose rows the keys and arguments read directly: the fold over its row pages. */
    private readonly rows?: { readonly scan: ScanOperator; readonly fold: RowFoldFactory },
  ) {}

  async *batches(env: RunEnv): AsyncIterable<readonly Tuple[]> {
    const columns = this.aggregates.map((a) => aggregateColumn(a.name, a.distinct, a.arg));
    const n = columns.length;
    /** Key values of each group, by group number. */
    const keys: Tuple[] = [];
    const newGroup = (_tuple: Tuple, values: Tuple): number => {
      keys.push(values);
      for (const c of columns) c.addGroup();
      return keys.length - 1;
    };
    if (this.rows !== undefined) {
      const fold = this.rows.fold(columns, (values) => newGroup([], values));
      for await (const page of this.rows.scan.rowPages(env)) {
        throwIfCancelled(env.signal);
        fold(page);
      }
    } else {
      const find = groupFinder(this.groups, env, newGroup);
      for await (const batch of this.input.batches(env)) {
        throwIfCancelled(env.signal);
        for (let r = 0; r < batch.length; r++) {
          const tuple = batch[r]!;
          const group = find(tuple);
          for (let i = 0; i < n; i++) columns[i]!.step(group, tuple, env);
        }
      }
    }
    if (keys.length === 0 && this.groups.length === 0) newGroup([], []);
    const out: Tuple[] = new Array<Tuple>(keys.length);
    for (let g = 0; g < keys.length; g++) {
      const row = keys[g]!.slice();
      for (let i = 0; i < n; i++) row.push(columns[i]!.result(g));
      out[g] = row;
    }
    for (const batch of chunks(out)) {
      this.produced.rows += batch.length;
      yield batch;
    }
  }
}
