/**
 * The one binder: matches the predicates the engine offers to a table's key columns. Each key
 * column takes the first predicate on its column with an operator it knows; the rest stay local.
 * Ordinary and special tables alike use it; what a binding means is then up to the table.
 */
import type { Value } from '../catalog/types.js';
import { PlanError } from '../errors.js';
import { acceptsParams, type KeyColumn, type KeyOperator } from './key-column.js';
import type { Operand, PushdownHandling, PushdownPredicate } from './predicate.js';

/** A key column and what the query gave it: constants now, or Params filled in when the scan is read. */
export interface KeyBinding {
  readonly key: KeyColumn;
  readonly op: KeyOperator;
  readonly operands: readonly Operand[];
  /** LIKE 'abc%' → 'abc'. */
  readonly prefix?: string;
}

export interface BoundKeys {
  /** One entry per predicate, same order. */
  readonly handling: PushdownHandling[];
  /** The binding each predicate went to, same order (undefined: unsupported). */
  readonly byPredicate: readonly (KeyBinding | undefined)[];
  readonly bindings: ReadonlyMap<KeyColumn, KeyBinding>;
}

export interface BindOptions {
  /** Whether a range bound (`<`, `>=` ...) is a value the key column can send (a Datetime that parses, say). */
  readonly rangeValueOk?: (key: KeyColumn, value: Value) => boolean;
}

export function bindKeyColumns(table: string, predicates: readonly PushdownPredicate[], keys: readonly KeyColumn[], options: BindOptions = {}): BoundKeys {
  const bindings = new Map<KeyColumn, KeyBinding>();
  const byPredicate = predicates.map((predicate): KeyBinding | undefined => {
    for (const key of keys) {
      if (key.column !== predicate.column || bindings.has(key)) continue;
      const binding = bindTo(key, predicate, options);
      if (!binding) continue;
      bindings.set(key, binding);
      return binding;
    }
    return undefined;
  });
  checkRequired(table, keys, bindings);
  return { handling: byPredicate.map((b) => b?.key.exactness ?? 'unsupported'), byPredicate, bindings };
}

function bindTo(key: KeyColumn, predicate: PushdownPredicate, options: BindOptions): KeyBinding | undefined {
  const ops = key.operators;
  const operands = predicate.kind === 'In' ? predicate.operands : predicate.kind === 'Compare' ? [predicate.operand] : [];
  if (operands.some((o) => o.kind === 'Param') && !acceptsParams(key)) return undefined;
  switch (predicate.kind) {
    case 'Compare': {
      if (predicate.op === '=') return ops.includes('=') || ops.includes('IN') ? { key, op: '=', operands } : undefined;
      if (predicate.op === '<>' || !ops.includes(predicate.op) || predicate.operand.kind !== 'Const') return undefined;
      if (options.rangeValueOk && !options.rangeValueOk(key, predicate.operand.value)) return undefined;
      return { key, op: predicate.op, operands };
    }
    case 'In': {
      if (ops.includes('IN')) return { key, op: 'IN', operands };
      const only = operands[0];
      return operands.length === 1 && only?.kind === 'Const' && ops.includes('=') ? { key, op: '=', operands } : undefined;
    }
    case 'Like': {
      const prefix = /^([^%_\\[]+)%$/.exec(predicate.pattern)?.[1];
      return prefix !== undefined && ops.includes('LIKE_PREFIX') ? { key, op: 'LIKE_PREFIX', operands: [], prefix } : undefined;
    }
    case 'IsNull':
      return undefined;
  }
}

/** A required key column with neither a value nor a default, or an unmet `any_of` group, is a PlanError before any call. */
function checkRequired(table: string, keys: readonly KeyColumn[], bindings: ReadonlyMap<KeyColumn, KeyBinding>): void {
  const bound = (column: string) => [...bindings.keys()].some((k) => k.column === column);
  for (const key of keys) {
    if (key.require === 'required' && key.default === undefined && !bound(key.column)) {
      const example = key.example ?? `${key.column} = '...'`;
      throw new PlanError(`${table} needs a filter on ${key.column}, e.g. SELECT * FROM ${table} WHERE ${example}`);
    }
  }
  const anyOf = keys.filter((k) => k.require === 'any_of');
  if (anyOf.length > 0 && !anyOf.some((k) => bound(k.column) || k.default !== undefined)) {
    const columns = [...new Set(anyOf.map((k) => k.column))];
    throw new PlanError(`${table} needs a filter on one of ${columns.join(', ')}, e.g. SELECT * FROM ${table} WHERE ${anyOf[0]!.example ?? `${columns[0]} = '...'`}`);
  }
}

/** The values behind operands, Params filled in. */
export function operandValues(operands: readonly Operand[], params: ReadonlyMap<string, readonly Value[]> | undefined): Value[] {
  return operands.flatMap((operand) => {
    if (operand.kind === 'Const') return [operand.value];
    const values = params?.get(operand.id);
    if (values === undefined) throw new PlanError(`Internal: parameter ${operand.id} has no values`);
    return [...values];
  });
}

/** True when every operand is known at plan time. */
export function allConstant(operands: readonly Operand[]): boolean {
  return operands.every((o) => o.kind === 'Const');
}
