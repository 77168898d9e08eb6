/**
 * Generated functions, kept by parameters and source text. Planning the same query again (or one of
 * the same shape: literal values never enter the text) reuses the function already made, so V8 runs
 * code it has already optimised, with its type feedback, instead of warming up a fresh copy per plan.
 * Throws what `new Function` throws (EvalError where code generation is disallowed).
 */
export type GeneratedFunction = (...args: unknown[]) => unknown;

/** Enough for every query shape a session runs; the oldest goes first beyond it. */
const MAX_ENTRIES = 512;
const made = new Map<string, GeneratedFunction>();

export function generatedFunction(parameters: readonly string[], source: string): GeneratedFunction {
  const key = `${parameters.join(',')}\n${source}`;
  let f = made.get(key);
  if (f === undefined) {
    f = new Function(...parameters, source) as GeneratedFunction;
    if (made.size >= MAX_ENTRIES) made.delete(made.keys().next().value!);
    made.set(key, f);
  }
  return f;
}
