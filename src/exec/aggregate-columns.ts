/**
 * GROUP BY aggregates with their state in arrays indexed by group number: no accumulator object
 * per group and nothing allocated per row. NULLs are ignored; SUM/AVG/MIN/MAX of no values is
 * NULL, COUNT is 0; DISTINCT keeps a set of the values seen per group (5 ≠ '5', Dates by instant).
 */
import type { Value } from '../catalog/types.js';
import type { AggregateName } from '../sql/ir.js';
import type { RunEnv, Tuple } from './env.js';
import type { Evaluator } from './evaluate.js';
import { isDate } from './value-map.js';
import { compareValues, toNumber } from './values.js';

export interface AggregateColumn {
  /** Makes room for one more group (numbered from 0, in order). */
  addGroup(): void;
  /** Folds one input tuple into group `group`. */
  step(group: number, tuple: Tuple, env: RunEnv): void;
  /** Folds the argument's value, already read (from a source row), into group `group`; COUNT(*) ignores it. */
  add(group: number, value: Value): void;
  result(group: number): Value;
}

/** `arg` is absent for COUNT(*). */
export function aggregateColumn(name: AggregateName, distinct: boolean, arg: Evaluator | undefined): AggregateColumn {
  if (arg === undefined) return new CountRows();
  return distinct ? new Distinct(fold(name), arg) : new Plain(fold(name), arg);
}

class CountRows implements AggregateColumn {
  private readonly counts: number[] = [];
  addGroup(): void {
    this.counts.push(0);
  }
  step(group: number): void {
    this.counts[group]!++;
  }
  add(group: number): void {
    this.counts[group]!++;
  }
  result(group: number): Value {
    return this.counts[group]!;
  }
}

/** How one aggregate folds non-null values, over state arrays it owns. */
interface Fold {
  addGroup(): void;
  add(group: number, value: Value): void;
  result(group: number): Value;
}

class Plain implements AggregateColumn {
  constructor(
    private readonly fold: Fold,
    private readonly arg: Evaluator,
  ) {}
  addGroup(): void {
    this.fold.addGroup();
  }
  step(group: number, tuple: Tuple, env: RunEnv): void {
    const v = this.arg(tuple, env);
    if (v !== null) this.fold.add(group, v);
  }
  add(group: number, v: Value): void {
    if (v !== null) this.fold.add(group, v);
  }
  result(group: number): Value {
    return this.fold.result(group);
  }
}

class Distinct implements AggregateColumn {
  private readonly seen: ValueSet[] = [];
  constructor(
    private readonly fold: Fold,
    private readonly arg: Evaluator,
  ) {}
  addGroup(): void {
    this.fold.addGroup();
    this.seen.push(new ValueSet());
  }
  step(group: number, tuple: Tuple, env: RunEnv): void {
    const v = this.arg(tuple, env);
    if (v !== null && this.seen[group]!.add(v)) this.fold.add(group, v);
  }
  add(group: number, v: Value): void {
    if (v !== null && this.seen[group]!.add(v)) this.fold.add(group, v);
  }
  result(group: number): Value {
    return this.fold.result(group);
  }
}

/** A set of SQL values: one hash operation per add. */
class ValueSet {
  private readonly plain = new Set<string | number | boolean>();
  private dates: Set<number> | undefined;
  /** True when the value was not in the set yet. */
  add(v: Exclude<Value, null>): boolean {
    if (isDate(v)) {
      const dates = (this.dates ??= new Set());
      const before = dates.size;
      return dates.add(v.getTime()).size !== before;
    }
    const before = this.plain.size;
    return this.plain.add(v).size !== before;
  }
}

function fold(name: AggregateName): Fold {
  switch (name) {
    case 'COUNT':
      return new CountValues();
    case 'SUM':
      return new Sum();
    case 'AVG':
      return new Avg();
    case 'MIN':
      return new Best(true);
    case 'MAX':
      return new Best(false);
  }
}

const number = (v: Value, what: string): number => (typeof v === 'number' ? v : toNumber(v, what));

class CountValues implements Fold {
  private readonly counts: number[] = [];
  addGroup(): void {
    this.counts.push(0);
  }
  add(group: number): void {
    this.counts[group]!++;
  }
  result(group: number): Value {
    return this.counts[group]!;
  }
}

class Sum implements Fold {
  private readonly sums: number[] = [];
  /** Whether the group saw a value: SUM of no values is NULL. */
  private readonly any: boolean[] = [];
  addGroup(): void {
    this.sums.push(0);
    this.any.push(false);
  }
  add(group: number, v: Value): void {
    this.sums[group]! += number(v, 'SUM');
    this.any[group] = true;
  }
  result(group: number): Value {
    return this.any[group] ? this.sums[group]! : null;
  }
}

class Avg implements Fold {
  private readonly sums: number[] = [];
  private readonly counts: number[] = [];
  addGroup(): void {
    this.sums.push(0);
    this.counts.push(0);
  }
  add(group: number, v: Value): void {
    this.sums[group]! += number(v, 'AVG');
    this.counts[group]!++;
  }
  result(group: number): Value {
    const n = this.counts[group]!;
    return n === 0 ? null : this.sums[group]! / n;
  }
}

class Best implements Fold {
  private readonly best: Value[] = [];
  constructor(private readonly wantLess: boolean) {}
  addGroup(): void {
    this.best.push(null);
  }
  add(group: number, v: Value): void {
    const best = this.best[group]!;
    if (best === null) {
      this.best[group] = v;
      return;
    }
    const cmp = compareValues(v, best);
    if (cmp !== null && (this.wantLess ? cmp < 0 : cmp > 0)) this.best[group] = v;
  }
  result(group: number): Value {
    return this.best[group]!;
  }
}
