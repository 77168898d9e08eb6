/**
 * A Map keyed by one SQL value under GROUP BY equality (NULLs equal, 5 ≠ '5', Dates equal by
 * instant), like keying by valueKey() but without building a string per row.
 */
import type { Value } from '../catalog/types.js';

/** A typeof test first: strings and numbers, the common keys, then skip the instanceof walk. */
export const isDate = (v: unknown): v is Date => typeof v === 'object' && v instanceof Date;

export class ValueMap<T> {
  /** Every key but Dates. Generated row code reads it directly when the key is not an object. */
  readonly plain = new Map<string | number | boolean | null, T>();
  /** Made on the first Date key: most maps never see one. */
  private dates: Map<number, T> | undefined;

  get(key: Value): T | undefined {
    return isDate(key) ? this.dates?.get(key.getTime()) : this.plain.get(key);
  }

  has(key: Value): boolean {
    return isDate(key) ? (this.dates?.has(key.getTime()) ?? false) : this.plain.has(key);
  }

  set(key: Value, value: T): void {
    if (isDate(key)) (this.dates ??= new Map()).set(key.getTime(), value);
    else this.plain.set(key, value);
  }
}
