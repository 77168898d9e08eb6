/**
 * LIKE patterns over every character class: pieces of real values with `%` and `_` wildcards,
 * case flips, regex-special and punctuation characters, and ESCAPE sequences for `%`, `_` and the
 * escape itself. Only ASCII case flips: SQLite folds case for ASCII only (socialsql for all).
 */
import fc from 'fast-check';

const SPECIAL = ['-', '.', '[', ']', '^', '$', '(', ')', '*', '+', '?', '\\', '/', '|', '{', '}', "'", ' ', ',', '0', '9', '&', '#', '@', ':', '"', '<', '>', '=', '~', '`', ';'];
const ESCAPES = ['!', '\\', '#', '^', '~'];

export function likePattern(samples: readonly string[]): fc.Arbitrary<{ pattern: string; escape?: string }> {
  const sample = samples.length > 0 ? fc.constantFrom(...samples) : fc.constant('a');
  return fc.tuple(sample, fc.nat(), fc.nat(), fc.array(fc.nat(99), { minLength: 6, maxLength: 6 }), fc.option(fc.constantFrom(...ESCAPES), { nil: undefined, freq: 3 })).map(([text, a, b, dice, escape]) => {
    const chars = [...text];
    const from = chars.length === 0 ? 0 : a % chars.length;
    const to = Math.min(chars.length, from + 1 + (b % 6));
    let piece = chars.slice(from, to).map((c, i) => {
      const roll = (dice[i % 6]! + i * 17) % 100;
      if (roll < 10) return '_';
      if (roll < 25 && /[a-z]/i.test(c)) return c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase();
      return c;
    });
    if (dice[0]! < 20) piece.splice(dice[1]! % (piece.length + 1), 0, SPECIAL[dice[2]! % SPECIAL.length]!);
    if (escape !== undefined) {
      // Escape every literal % and _ and the escape character itself, then add an escaped wildcard.
      piece = piece.map((c) => (c === escape || c === '%' ? escape + c : c));
      piece.splice(dice[3]! % (piece.length + 1), 0, escape + (dice[4]! % 2 === 0 ? '%' : '_'));
    } else {
      piece = piece.map((c) => (c === '%' ? '_' : c));
    }
    const lead = dice[5]! % 3 !== 0 ? '%' : '';
    const tail = dice[4]! % 3 !== 0 ? '%' : '';
    const pattern = lead + piece.join('') + tail;
    return escape === undefined ? { pattern } : { pattern, escape };
  });
}
