/**
 * Token-level mutations of SQL text: delete, duplicate, swap, insert a stray token, blow a
 * literal up, or nest the statement's middle deeply. Driven by fast-check so a seed replays.
 */
import fc from 'fast-check';

/** Rough SQL tokens (the mutator's own split, independent of the engine's tokenizer). */
export function roughTokens(sql: string): string[] {
  return sql.match(/'(?:[^']|'')*'?|"[^"]*"?|\[[^\]]*\]?|`[^`]*`?|\d+(?:\.\d*)?(?:e[+-]?\d+)?|[A-Za-z_][\w$]*|@\w*|<>|!=|<=|>=|\|\||--|\/\*|\*\/|\S/gi) ?? [];
}

const STRAY = ['(', ')', ',', ';', 'SELECT', 'FROM', 'WHERE', 'AND', 'OR', 'NOT', 'NULL', '*', '=', "'", '"', '[', ']', '`', '--', '/*', '?', '@', '.', 'JOIN', 'ON', 'IN', 'LIKE', 'ESCAPE', 'BETWEEN', 'CASE', 'END', 'CAST', 'AS', 'GROUP', 'BY', 'ORDER', 'LIMIT', 'TOP', 'OFFSET', 'FETCH', 'EXEC', 'EXPLAIN', 'UNION', 'WITH', 'OVER', '\u0000', '\u202e', '😀', '&', '|', '^', '~', '!', '#', '$', ':', '{', '}', '\\'];

/** A small seeded generator (mulberry32): the mutation replays from the seed fast-check draws. */
class Random {
  constructor(private state: number) {}
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  nextInt(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  nextBoolean(): boolean {
    return this.next() < 0.5;
  }
}

type Mutation = (tokens: string[], r: Random) => string[];

const at = (tokens: readonly string[], r: Random) => (tokens.length === 0 ? 0 : r.nextInt(0, tokens.length - 1));

const MUTATIONS: Mutation[] = [
  (t, r) => t.filter((_x, i) => i !== at(t, r)),
  (t, r) => {
    const i = at(t, r);
    return [...t.slice(0, i + 1), ...t.slice(i)];
  },
  (t, r) => {
    const i = at(t, r);
    const j = at(t, r);
    const c = [...t];
    [c[i], c[j]] = [c[j]!, c[i]!];
    return c;
  },
  (t, r) => {
    const i = at(t, r);
    return [...t.slice(0, i), STRAY[r.nextInt(0, STRAY.length - 1)]!, ...t.slice(i)];
  },
  (t, r) =>
    t.map((x) => {
      if (/^\d/.test(x)) return r.nextBoolean() ? '9'.repeat(r.nextInt(20, 400)) : `${x}e${r.nextInt(300, 400)}`;
      if (x.startsWith("'")) return `'${'x'.repeat(r.nextInt(1000, 200_000))}'`;
      return x;
    }),
  (t, r) => {
    // Deep nesting around a slice: parentheses or NOTs or unary minus.
    const i = at(t, r);
    const j = Math.min(t.length, i + 1 + r.nextInt(0, 3));
    const n = r.nextInt(50, 3000);
    const [open, close] = ([['(', ')'], ['NOT ', ''], ['- ', ''], ['ABS(', ')']] as const)[r.nextInt(0, 3)]!;
    return [...t.slice(0, i), open.repeat(n), ...t.slice(i, j), close.repeat(n), ...t.slice(j)];
  },
  (t, r) => {
    // A long flat chain.
    const i = at(t, r);
    const n = r.nextInt(100, 5000);
    const op = [' + ', ' OR ', ' AND ', ' || ', ', '][r.nextInt(0, 4)]!;
    return [...t.slice(0, i + 1), Array.from({ length: n }, () => t[i] ?? '1').join(op), ...t.slice(i + 1)];
  },
];

export function mutated(base: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.tuple(base, fc.integer({ min: 1, max: 3 }), fc.integer()).map(([sql, count, seed]) => {
    let tokens = roughTokens(sql);
    const random = new Random(seed);
    for (let k = 0; k < count; k++) {
      const pick = random.nextInt(0, MUTATIONS.length - 1);
      // Deep and huge mutations are rarer: they cost more per statement.
      if (pick >= 4 && random.nextInt(0, 3) !== 0) continue;
      tokens = MUTATIONS[pick]!(tokens, random);
    }
    return tokens.join(' ');
  });
}
