/**
 * LIKE matching. `%` any run, `_` one character, ESCAPE makes the next character literal.
 * Case-insensitive, as SQL Server's default collation and CData behave. `[` is an ordinary
 * character (SQL Server's `[a-z]` sets are not supported).
 *
 * No RegExp: a pattern such as `%a%a%a…b` backtracks exponentially in a regex engine, and a very
 * long pattern exceeds its size limit. Segments between `%` have a fixed length, so matching each
 * at its leftmost place is correct and takes O(text × pattern) at worst.
 */
import { PlanError } from '../errors.js';

export type LikeMatcher = (text: string) => boolean;

/** One position of a segment: a character (both case forms) or `_`. */
type Slot = { readonly lower: string; readonly upper: string } | null;

const cache = new Map<string, LikeMatcher>();

const slotOf = (c: string): Slot => ({ lower: c.toLowerCase(), upper: c.toUpperCase() });

export function likeMatcher(pattern: string, escape?: string): LikeMatcher {
  const cacheKey = `${escape ?? ''}\u0000${pattern}`;
  const cached = cache.get(cacheKey);
  if (cached) return cached;
  if (escape !== undefined && [...escape].length !== 1) throw new PlanError(`ESCAPE must be one character, not '${escape}'`);
  const segments: Slot[][] = [[]];
  const chars = [...pattern];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (escape !== undefined && c === escape) {
      const next = chars[++i];
      if (next === undefined) throw new PlanError(`LIKE pattern '${pattern.slice(0, 100)}' ends with its escape character`);
      segments.at(-1)!.push(slotOf(next));
    } else if (c === '%') segments.push([]);
    else segments.at(-1)!.push(c === '_' ? null : slotOf(c));
  }
  const matcher = compile(segments);
  if (cache.size > 500) cache.clear();
  cache.set(cacheKey, matcher);
  return matcher;
}

function compile(segments: readonly Slot[][]): LikeMatcher {
  const first = segments[0]!;
  if (segments.length === 1) return (text) => {
    const t = [...text];
    return t.length === first.length && fitsAt(first, t, 0);
  };
  const last = segments.at(-1)!;
  const middle = segments.slice(1, -1).filter((s) => s.length > 0);
  return (text) => {
    const t = [...text];
    if (t.length < first.length + last.length || !fitsAt(first, t, 0) || !fitsAt(last, t, t.length - last.length)) return false;
    let at = first.length;
    const end = t.length - last.length;
    for (const segment of middle) {
      let found = -1;
      for (let i = at; i + segment.length <= end; i++) {
        if (fitsAt(segment, t, i)) {
          found = i;
          break;
        }
      }
      if (found < 0) return false;
      at = found + segment.length;
    }
    return true;
  };
}

function fitsAt(segment: readonly Slot[], text: readonly string[], at: number): boolean {
  for (let k = 0; k < segment.length; k++) {
    const slot = segment[k]!;
    if (slot === null) continue;
    const c = text[at + k]!;
    if (c !== slot.lower && c !== slot.upper && c.toLowerCase() !== slot.lower && c.toUpperCase() !== slot.upper) return false;
  }
  return true;
}

/** The literal prefix of a pattern with no escape, e.g. `abc` for `abc%` (for notes only). */
export function likePrefix(pattern: string): string {
  const m = /^[^%_]*/.exec(pattern);
  return m ? m[0] : '';
}
