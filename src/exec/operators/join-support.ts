/** What hash and dependent joins share: key extraction, tuple merging, and the match loop. */
import type { ColumnType, Value } from '../../catalog/types.js';
import type { RunEnv, Tuple } from '../env.js';
import type { Evaluator } from '../evaluate.js';
import { coerceForKey, groupKey, truth } from '../values.js';

export interface JoinKey {
  readonly outer: Evaluator;
  readonly inner: Evaluator;
  /** Both sides are coerced to this type before hashing, so '5' meets 5 as `=` would. */
  readonly type: ColumnType;
  /** `c.Id = i.EntityId`, for EXPLAIN. */
  readonly text: string;
}

export interface JoinSpec {
  readonly type: 'Inner' | 'Left';
  readonly keys: readonly JoinKey[];
  /** Other ON conditions (and, for INNER joins, WHERE conditions over both sides). */
  readonly residual?: { readonly evaluate: Evaluator; readonly text: string };
  /** Slots filled by the inner side. */
  readonly innerSlots: readonly number[];
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

/** Emits the joined tuples of one outer tuple against its candidate inner tuples. */
export function* matchOuter(outer: Tuple, candidates: readonly Tuple[], spec: JoinSpec, env: RunEnv): Generator<Tuple> {
  let matched = false;
  for (const inner of candidates) {
    const joined = merge(outer, inner, spec.innerSlots);
    if (spec.residual && truth(spec.residual.evaluate(joined, env)) !== true) continue;
    matched = true;
    yield joined;
  }
  // LEFT JOIN: the outer tuple already holds NULLs in every inner slot.
  if (!matched && spec.type === 'Left') yield outer;
}

export function describeJoin(spec: JoinSpec): string {
  const on = [...spec.keys.map((k) => k.text), ...(spec.residual ? [spec.residual.text] : [])];
  return on.length > 0 ? `ON ${on.join(' AND ')}` : 'no condition (cross product)';
}
