/**
 * Tuple → its group under GROUP BY equality (NULLs equal, 5 ≠ '5', Dates by instant), created on
 * first sight. Shared by GROUP BY and window partitions. No key string or key array is built per
 * row: one key is a ValueMap lookup, several keys walk one ValueMap per key level.
 */
import type { Value } from '../catalog/types.js';
import type { RunEnv, Tuple } from './env.js';
import type { Evaluator } from './evaluate.js';
import { ValueMap } from './value-map.js';

/** `create` receives the tuple and its key values, in key order. */
export function groupFinder<G>(keyOf: readonly Evaluator[], env: RunEnv, create: (tuple: Tuple, keys: Value[]) => G): (tuple: Tuple) => G {
  if (keyOf.length === 0) {
    let only: G | undefined;
    let made = false;
    return (tuple) => {
      if (!made) {
        only = create(tuple, []);
        made = true;
      }
      return only!;
    };
  }
  if (keyOf.length === 1) {
    const key = keyOf[0]!;
    const byValue = new ValueMap<G>();
    return (tuple) => {
      const value = key(tuple, env);
      let group = byValue.get(value);
      if (group === undefined) {
        group = create(tuple, [value]);
        byValue.set(value, group);
      }
      return group;
    };
  }
  const root = new ValueMap<unknown>();
  const last = keyOf.length - 1;
  const lastKey = keyOf[last]!;
  return (tuple) => {
    let map = root;
    for (let i = 0; i < last; i++) {
      const value = keyOf[i]!(tuple, env);
      let next = map.get(value) as ValueMap<unknown> | undefined;
      if (next === undefined) {
        next = new ValueMap<unknown>();
        map.set(value, next);
      }
      map = next;
    }
    const value = lastKey(tuple, env);
    let group = map.get(value) as G | undefined;
    if (group === undefined) {
      group = create(
        tuple,
        keyOf.map((k) => k(tuple, env)),
      );
      map.set(value, group);
    }
    return group;
  };
}
