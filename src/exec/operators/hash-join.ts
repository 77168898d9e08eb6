/**
 * INNER/LEFT/RIGHT/FULL join that builds a hash table on the inner side and streams the outer
 * side; RIGHT and FULL then output the inner tuples nothing matched (their outer slots are NULL).
 * With no equality keys it degrades to a nested loop over the buffered inner side.
 */
import type { RunEnv, Tuple } from '../env.js';
import { throwIfCancelled } from '../env.js';
import type { PlanNode } from '../plan-node.js';
import { JoinTable, matchOuter, type JoinSpec } from './join-support.js';

export class HashJoinOperator implements PlanNode {
  readonly produced = { rows: 0 };

  constructor(
    private readonly outer: PlanNode,
    private readonly inner: PlanNode,
    private readonly spec: JoinSpec,
  ) {}

  async *batches(env: RunEnv): AsyncIterable<readonly Tuple[]> {
    const { spec } = this;
    const table = await this.buildTable(env);
    const matched = spec.type === 'Right' || spec.type === 'Full' ? new Set<Tuple>() : undefined;
    const probe = spec.keys.length === 1 && spec.residual === undefined && matched === undefined ? this.probeOneKey(table, env) : undefined;
    for await (const batch of this.outer.batches(env)) {
      throwIfCancelled(env.signal);
      const out: Tuple[] = [];
      if (probe) probe(batch, out);
      else for (const outer of batch) matchOuter(out, outer, table.candidates(outer), spec, env, matched);
      if (out.length === 0) continue;
      this.produced.rows += out.length;
      yield out;
    }
    if (matched === undefined) return;
    const unmatched = table.all.filter((inner) => !matched.has(inner)).map((inner) => inner.slice());
    if (unmatched.length === 0) return;
    this.produced.rows += unmatched.length;
    yield unmatched;
  }

  /** Reads the inner side into the hash table (also used by an aggregate that probes it from source rows). */
  async buildTable(env: RunEnv): Promise<JoinTable> {
    const table = new JoinTable(this.spec.keys, env);
    for await (const batch of this.inner.batches(env)) {
      throwIfCancelled(env.signal);
      for (const tuple of batch) table.add(tuple);
    }
    return table;
  }

  /**
   * INNER or LEFT on one key, no residual: the match loop inlined. The last match of an outer tuple
   * is written into the outer tuple itself (its inner slots are NULL, and no one else holds it),
   * so a key that matches once, the common case, copies nothing.
   */
  private probeOneKey(table: JoinTable, env: RunEnv): (batch: readonly Tuple[], out: Tuple[]) => void {
    const outerKey = this.spec.keys[0]!.outer;
    const coerce = table.coerce;
    const slots = this.spec.innerSlots;
    const keepUnmatched = this.spec.type === 'Left';
    return (batch, out) => {
      for (let r = 0; r < batch.length; r++) {
        const outer = batch[r]!;
        const matches = table.bucket(coerce(outerKey(outer, env)));
        const last = matches.length - 1;
        if (last < 0) {
          if (keepUnmatched) out.push(outer);
          continue;
        }
        for (let m = 0; m <= last; m++) {
          const inner = matches[m]!;
          const joined = m === last ? outer : outer.slice();
          for (let i = 0; i < slots.length; i++) joined[slots[i]!] = inner[slots[i]!] ?? null;
          out.push(joined);
        }
      }
    };
  }
}
