/**
 * LIKE → RegExp. `%` any run, `_` one character, ESCAPE makes the next character literal.
 * Case-insensitive, as SQL Server's default collation and CData behave. `[` is an ordinary
 * character (SQL Server's `[a-z]` sets are not supported).
 */
import { PlanError } from '../errors.js';

const cache = new Map<string, RegExp>();
/** `%`, as a regex part. */
const ANY = '.*';

export function likeToRegExp(pattern: string, escape?: string): RegExp {
  const cacheKey = `${escape ?? ''}\u0000${pattern}`;
  const cached = cache.get(cacheKey);
  if (cached) return cached;
  if (escape !== undefined && [...escape].length !== 1) throw new PlanError(`ESCAPE must be one character, not '${escape}'`);
  const parts: string[] = [];
  const chars = [...pattern];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (escape !== undefined && c === escape) {
      const next = chars[++i];
      if (next === undefined) throw new PlanError(`LIKE pattern '${pattern}' ends with its escape character`);
      parts.push(escapeRegExp(next));
    } else if (c === '%') {
      if (parts.at(-1) !== ANY) parts.push(ANY);
    } else if (c === '_') parts.push('.');
    else parts.push(escapeRegExp(c));
  }
  // A leading or trailing % is an unanchored end (the same match, since . matches everything with
  // the s flag): `abc%` tests only the prefix instead of scanning the rest of the text.
  const open = parts[0] === ANY;
  const openEnd = parts.length > (open ? 1 : 0) && parts.at(-1) === ANY;
  const middle = parts.slice(open ? 1 : 0, openEnd ? -1 : undefined).join('');
  const regex = new RegExp(`${open ? '' : '^'}${middle}${openEnd || (open && middle === '') ? '' : '$'}`, 'isu');
  if (cache.size > 500) cache.clear();
  cache.set(cacheKey, regex);
  return regex;
}

/** Under the `u` flag only syntax characters (and `/`) may be escaped; `\-` is an error there. */
function escapeRegExp(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** The literal prefix of a pattern with no escape, e.g. `abc` for `abc%` (for notes only). */
export function likePrefix(pattern: string): string {
  const m = /^[^%_]*/.exec(pattern);
  return m ? m[0] : '';
}
