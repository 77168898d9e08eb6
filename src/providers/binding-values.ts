/** Reading what the one binder gave a special table's key columns (the insights tables). */
import type { Value } from '../catalog/types.js';
import { operandValues, type KeyBinding } from '../source/bind-key-columns.js';
import type { OpenOptions, Operand } from '../source/contract.js';
import type { KeyColumn } from '../source/key-column.js';
import { sendableValues } from '../source/key-values.js';

/** Bindings by column name (special tables bind each column at most once). */
export function byColumn(bindings: ReadonlyMap<KeyColumn, KeyBinding>): Map<string, KeyBinding> {
  return new Map([...bindings.values()].map((b) => [b.key.column, b]));
}

/** Distinct sendable values as text: NULL, and values no id of the API can have, match nothing and are dropped. */
export function textValues(binding: KeyBinding, params: OpenOptions['params']): string[] {
  const texts = operandValues(binding.operands, params)
    .filter((v): v is Exclude<Value, null> => v !== null)
    .map((v) => (v instanceof Date ? v.toISOString() : String(v)));
  return sendableValues(binding.key, texts);
}

/** How EXPLAIN shows what a key column was given. */
export function describeOperands(operands: readonly Operand[] | undefined, fallback: string): string {
  if (!operands) return fallback;
  if (operands.some((o) => o.kind === 'Param')) return '(values from the outer query)';
  return operands.map((o) => (o.kind === 'Const' ? String(o.value) : '?')).join(',');
}
