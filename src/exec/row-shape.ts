/**
 * Conversions between rows (objects keyed by column name) and tuples, compiled once per scan or
 * query into straight-line code. In a loop over names every property access is a megamorphic
 * keyed lookup, about three times slower; `row["Id"]` and an object literal are plain property
 * accesses with one shape. Names go into the code only as JSON string literals, which cannot
 * break out of the expression. Where code generation is disallowed, the loops are used.
 */
import type { Row, Value } from '../catalog/types.js';
import type { Tuple } from './env.js';
import { generatedFunction } from './compile/generated-function.js';

/** Row → tuple of `width` slots; the given columns fill their slots, the others are NULL. */
export function tupleReader(columns: readonly { readonly column: string; readonly slot: number }[], width: number): (row: Row) => Tuple {
  const items: string[] = new Array<string>(width).fill('null');
  for (const c of columns) items[c.slot] = `row[${JSON.stringify(c.column)}] ?? null`;
  const compiled = compile<(row: Row) => Tuple>('row', `return [${items.join(', ')}];`);
  if (compiled) return compiled;
  return (row) => {
    const tuple: Tuple = new Array<Value>(width).fill(null);
    for (const c of columns) tuple[c.slot] = row[c.column] ?? null;
    return tuple;
  };
}

/**
 * Row → an existing tuple, every slot rewritten: the given columns, NULL in the others (a join
 * above may have filled them the last time round).
 */
export function tupleFiller(columns: readonly { readonly column: string; readonly slot: number }[], width: number): (row: Row, tuple: Tuple) => void {
  const items: string[] = new Array<string>(width).fill('null');
  for (const c of columns) items[c.slot] = `row[${JSON.stringify(c.column)}] ?? null`;
  const compiled = compile<(row: Row, tuple: Tuple) => void>('row, tuple', items.map((item, slot) => `tuple[${slot}] = ${item};`).join('\n'));
  if (compiled) return compiled;
  return (row, tuple) => {
    tuple.fill(null, 0, width);
    for (const c of columns) tuple[c.slot] = row[c.column] ?? null;
  };
}

/** Tuple → row with the names in order, taking the tuple's first values. */
export function rowBuilder(names: readonly string[]): (tuple: Tuple) => Row {
  // Computed keys define own properties even for `__proto__`.
  const compiled = compile<(tuple: Tuple) => Row>('tuple', `return { ${names.map((n, i) => `[${JSON.stringify(n)}]: tuple[${i}] ?? null`).join(', ')} };`);
  if (compiled) return compiled;
  return (tuple) => {
    const row: Row = {};
    names.forEach((name, i) => Object.defineProperty(row, name, { value: tuple[i] ?? null, enumerable: true, writable: true, configurable: true }));
    return row;
  };
}

function compile<F>(parameters: string, body: string): F | undefined {
  try {
    return generatedFunction(parameters.split(', '), body) as F;
  } catch (error) {
    if (error instanceof EvalError) return undefined;
    throw error;
  }
}
