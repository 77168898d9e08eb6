/**
 * ORDER BY: stable, several keys. NULLs sort first for ASC and last for DESC unless NULLS
 * FIRST/LAST says otherwise (SQL Server / SQLite default).
 */
import type { Value } from '../../catalog/types.js';
import type { RunEnv, Tuple } from '../env.js';
import { throwIfCancelled } from '../env.js';
import type { PlanNode } from '../plan-node.js';
import { compareValues, toText } from '../values.js';

export interface SortKeySpec {
  readonly slot: number;
  readonly desc: boolean;
  readonly nullsFirst: boolean;
  readonly text: string;
}

export class SortOperator implements PlanNode {
  readonly operation = 'Sort';
  readonly produced = { rows: 0 };
  readonly children: readonly PlanNode[];

  constructor(
    private readonly input: PlanNode,
    private readonly keys: readonly SortKeySpec[],
  ) {
    this.children = [input];
  }

  detail(): string {
    return this.keys.map((k) => k.text).join(', ');
  }

  async *rows(env: RunEnv): AsyncIterable<Tuple> {
    const all: Tuple[] = [];
    for await (const tuple of this.input.rows(env)) {
      throwIfCancelled(env.signal);
      all.push(tuple);
    }
    all.sort((a, b) => compareTuples(a, b, this.keys)); // Array.prototype.sort is stable
    for (const tuple of all) {
      this.produced.rows++;
      yield tuple;
    }
  }
}

function compareTuples(a: Tuple, b: Tuple, keys: readonly SortKeySpec[]): number {
  for (const k of keys) {
    const x = a[k.slot] ?? null;
    const y = b[k.slot] ?? null;
    if (x === null || y === null) {
      if (x === y) continue;
      return (x === null) === k.nullsFirst ? -1 : 1;
    }
    const cmp = orderValues(x, y);
    if (cmp !== 0) return k.desc ? -cmp : cmp;
  }
  return 0;
}

/** A total order even across types that compareValues finds incomparable. */
function orderValues(x: Value, y: Value): number {
  const cmp = compareValues(x, y);
  if (cmp !== null) return cmp;
  const s = toText(x);
  const t = toText(y);
  return s < t ? -1 : s > t ? 1 : 0;
}
