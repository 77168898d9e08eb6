/** What hash and dependent joins share: key extraction, tuple merging, and the match loop. */
import type { ColumnType, Value } from '../../catalog/types.js';
import type { RunEnv, Tuple } from '../env.js';
import type { Evaluator } from '../evaluate.js';
import { ValueMap } from '../value-map.js';
import { coerceForKey, groupKey, truth } from '../values.js';

export interface JoinKey {
  readonly outer: Evaluator;
  readonly inner: Evaluator;
  /** Both sides are coerced to this type before hashing, so '5' meets 5 as `=` would. */
  readonly type: ColumnType;
}

export interface JoinSpec {
  readonly type: 'Inner' | 'Left' | 'Right' | 'Full';
  readonly keys: readonly JoinKey[];
  /** Other ON conditions (and, for INNER joins, WHERE conditions over both sides). */
  readonly residual?: Evaluator;
  /** Slots filled by the inner side. */
  readonly innerSlots: readonly number[];
}

/**
 * Inner tuples by join key. With no keys every tuple is a candidate (nested loop); with one key
 * the coerced value itself is the key, so no string is built per row.
 */
export class JoinTable {
  /** Every inner tuple, NULL keys included: a RIGHT or FULL join outputs the unmatched ones. */
  readonly all: Tuple[] = [];
  private readonly byValue = new ValueMap<Tuple[]>();
  private readonly byKey = new Map<string, Tuple[]>();
  /** With one key: its coercion to the key type, chosen once. */
  readonly coerce: (v: Value) => Value;

  constructor(
    private readonly keys: readonly JoinKey[],
    private readonly env: RunEnv,
  ) {
    this.coerce = keys.length === 1 ? keyCoercion(keys[0]!.type) : identity;
  }

  add(inner: Tuple): void {
    this.all.push(inner);
    if (this.keys.length === 0) return;
    if (this.keys.length === 1) {
      const k = this.keys[0]!;
      const v = this.coerce(k.inner(inner, this.env));
      if (v === null) return;
      const bucket = this.byValue.get(v);
      if (bucket) bucket.push(inner);
      else this.byValue.set(v, [inner]);
      return;
    }
    const key = keyOf(inner, this.env, this.keys, 'inner');
    if (key === undefined) return;
    const bucket = this.byKey.get(key);
    if (bucket) bucket.push(inner);
    else this.byKey.set(key, [inner]);
  }

  /** The inner tuples an outer tuple may join (the residual condition is checked later). */
  candidates(outer: Tuple): readonly Tuple[] {
    if (this.keys.length === 0) return this.all;
    if (this.keys.length === 1) {
      const k = this.keys[0]!;
      return this.bucket(this.coerce(k.outer(outer, this.env)));
    }
    const key = keyOf(outer, this.env, this.keys, 'outer');
    return key === undefined ? NONE : (this.byKey.get(key) ?? NONE);
  }

  /** With one key: the inner tuples whose key equals `key`, already coerced to the key's type. */
  bucket(key: Value): readonly Tuple[] {
    return key === null ? NONE : (this.byValue.get(key) ?? NONE);
  }
}

const NONE: readonly Tuple[] = [];

const identity = (v: Value): Value => v;

/** coerceForKey for one type, chosen once: String keys (the common case) need nothing. */
export function keyCoercion(type: ColumnType): (v: Value) => Value {
  return type === 'String' ? identity : (v) => coerceForKey(v, type);
}

/** The hash key of a tuple, or undefined when a key is NULL (NULL never equals anything). */
export function keyOf(tuple: Tuple, env: RunEnv, keys: readonly JoinKey[], side: 'outer' | 'inner'): string | undefined {
  const values: Value[] = [];
  for (const k of keys) {
    const v = coerceForKey(k[side](tuple, env), k.type);
    if (v === null) return undefined;
    values.push(v);
  }
  return groupKey(values);
}

export function merge(outer: Tuple, inner: Tuple, innerSlots: readonly number[]): Tuple {
  const out = outer.slice();
  for (const s of innerSlots) out[s] = inner[s] ?? null;
  return out;
}

/** Appends to `out` the joined tuples of one outer tuple against its candidate inner tuples. */
export function matchOuter(out: Tuple[], outer: Tuple, candidates: readonly Tuple[], spec: JoinSpec, env: RunEnv, matchedInner?: Set<Tuple>): void {
  let matched = false;
  for (const inner of candidates) {
    const joined = merge(outer, inner, spec.innerSlots);
    if (spec.residual && truth(spec.residual(joined, env)) !== true) continue;
    matched = true;
    matchedInner?.add(inner);
    out.push(joined);
  }
  // LEFT/FULL JOIN: the outer tuple already holds NULLs in every inner slot.
  if (!matched && (spec.type === 'Left' || spec.type === 'Full')) out.push(outer);
}
