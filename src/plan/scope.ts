/**
 * Name resolution for one SELECT: the tables in FROM (bindings) and the slot layout of the
 * engine's tuples. Every column the query mentions gets one slot in a flat array shared by all
 * bindings, so joins merge tuples by copying slots and join order does not change the layout.
 */
import type { ColumnInfo, ColumnType, TableInfo } from '../catalog/types.js';
import { PlanError } from '../errors.js';
import type { ColumnRefExpr } from '../sql/ir.js';
import type { SelectPlan } from '../logical/select-plan.js';
import type { TableSource } from './scan.js';
import { didYouMean } from '../text/closest-match.js';

export interface Binding {
  readonly index: number;
  /** The alias, or the table name as written. */
  readonly name: string;
  /** The API or in-memory table; absent for a derived table. */
  readonly source?: TableSource;
  /** A derived table or WITH query. */
  readonly derived?: DerivedTable;
  readonly info: TableInfo;
}

/** A derived table or WITH query in FROM. */
export interface DerivedTable {
  /** Planned as written; place-predicates may push outer conditions into it. */
  readonly plan: SelectPlan;
  /** The correlated subquery this block was made from (EXPLAIN says so). */
  readonly decorrelated?: string;
}

export interface ResolvedColumn {
  readonly slot: number;
  readonly binding: number;
  /** Canonical name, as in TableInfo. */
  readonly column: string;
  readonly type: ColumnType;
}

export class SourceScope {
  private readonly slots = new Map<string, ResolvedColumn>();
  private nextSlot = 0;

  constructor(readonly bindings: readonly Binding[]) {}

  get width(): number {
    return this.nextSlot;
  }

  resolve(ref: ColumnRefExpr): ResolvedColumn {
    if (ref.table !== undefined) {
      const binding = this.bindingNamed(ref.table);
      if (binding === undefined) {
        throw new PlanError(`Unknown table or alias ${ref.table} in ${ref.table}.${ref.column}.${didYouMean(ref.table, this.bindings.map((b) => b.name))}`);
      }
      const column = findColumn(binding.info, ref.column);
      if (column === undefined) {
        throw new PlanError(`Unknown column ${ref.column} in ${binding.info.name}.${didYouMean(ref.column, binding.info.columns.map((c) => c.name))}`);
      }
      return this.slotFor(binding, column);
    }
    const matches = this.bindings.flatMap((b) => {
      const column = findColumn(b.info, ref.column);
      return column ? [{ binding: b, column }] : [];
    });
    if (matches.length === 0) {
      if (this.bindings.length === 0) throw new PlanError(`Unknown column ${ref.column}: the query has no FROM clause`);
      const candidates = this.bindings.flatMap((b) => b.info.columns.map((c) => c.name));
      const where = this.bindings.length === 1 ? ` in ${this.bindings[0]!.info.name}` : '';
      throw new PlanError(`Unknown column ${ref.column}${where}.${didYouMean(ref.column, candidates)}`);
    }
    if (matches.length > 1) {
      throw new PlanError(`Column ${ref.column} is ambiguous: it is in ${matches.map((m) => m.binding.name).join(' and ')}. Qualify it, e.g. ${matches[0]!.binding.name}.${matches[0]!.column.name}`);
    }
    return this.slotFor(matches[0]!.binding, matches[0]!.column);
  }

  bindingNamed(name: string): Binding | undefined {
    const lower = name.toLowerCase();
    return this.bindings.find((b) => b.name.toLowerCase() === lower);
  }

  slotFor(binding: Binding, column: ColumnInfo): ResolvedColumn {
    const key = `${binding.index}.${column.name}`;
    let resolved = this.slots.get(key);
    if (resolved === undefined) {
      resolved = { slot: this.nextSlot++, binding: binding.index, column: column.name, type: column.type };
      this.slots.set(key, resolved);
    }
    return resolved;
  }

  /** The columns of one binding the query uses, with their slots. */
  columnsOf(binding: number): ResolvedColumn[] {
    return [...this.slots.values()].filter((c) => c.binding === binding);
  }
}

export function findColumn(info: TableInfo, name: string): ColumnInfo | undefined {
  const lower = name.toLowerCase();
  return info.columns.find((c) => c.name.toLowerCase() === lower);
}
