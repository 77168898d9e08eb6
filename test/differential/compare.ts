/** Result comparison: values normalised across the two engines, then multisets or sequences. */
export type Cell = string | number | null;

/** Dates as ISO text, booleans as 1/0, doubles to 10 significant digits (sums in different orders). */
export function normalize(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number') return Number.isInteger(v) ? v : Number(v.toPrecision(10));
  return String(v);
}

const key = (row: readonly Cell[]): string => JSON.stringify(row);

/** A description of the first difference, or undefined when the results agree. */
export function difference(ours: readonly (readonly Cell[])[], oracle: readonly (readonly Cell[])[], ordered: boolean): string | undefined {
  if (ordered) {
    for (let i = 0; i < Math.max(ours.length, oracle.length); i++) {
      if (key(ours[i] ?? []) !== key(oracle[i] ?? [])) return `row ${i}: socialsql ${key(ours[i] ?? [])} vs SQLite ${key(oracle[i] ?? [])} (${ours.length} vs ${oracle.length} rows)`;
    }
    return undefined;
  }
  const counts = new Map<string, number>();
  for (const row of oracle) counts.set(key(row), (counts.get(key(row)) ?? 0) + 1);
  for (const row of ours) {
    const n = counts.get(key(row)) ?? 0;
    if (n === 0) return `socialsql has ${key(row)} which SQLite lacks (${ours.length} vs ${oracle.length} rows)`;
    counts.set(key(row), n - 1);
  }
  for (const [k, n] of counts) if (n > 0) return `SQLite has ${k} which socialsql lacks (${ours.length} vs ${oracle.length} rows)`;
  return undefined;
}
