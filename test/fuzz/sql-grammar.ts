/**
 * Grammar-based SQL text for the fuzzer: statements over a catalog's real tables and columns,
 * valid often enough to reach the planner and the API, and odd enough to hit the edges (NULLs,
 * quotes, unicode, huge numbers, unknown names, wrong types, deep nesting).
 */
import fc from 'fast-check';

export interface FuzzTable {
  readonly name: string;
  readonly columns: readonly string[];
}

const IDENT_ODDITIES = ['Nope', '[Name]', '"Id"', '`Id`', '[two words]', '[select]', 'Key', 'x.y'];

const stringLiteral = fc.oneof(
  fc.constantFrom("''", "' '", "'x'", "'%'", "'%-%'", "'a_b'", "'it''s'", "'2024-01-01'", "'2024-01-01T00:00:00Z'", "'ACTIVE'", "'USD'", "'a,b'", "'..'", "'.'", "'/'", "'é中😀'", "'\\'", "'null'"),
  fc.string({ maxLength: 8 }).map((s) => `'${s.replace(/'/g, "''")}'`),
);
const numberLiteral = fc.oneof(
  fc.constantFrom('0', '1', '-1', '2.5', '1e3', '9e15', '1e308', '99999999999999999999', '0.000001', '2147483648', '.5'),
  fc.integer({ min: -1000, max: 100_000 }).map(String),
);
const literal = fc.oneof(
  { weight: 8, arbitrary: stringLiteral },
  { weight: 6, arbitrary: numberLiteral },
  { weight: 3, arbitrary: fc.constantFrom('NULL', 'TRUE', 'FALSE', "DATE '2024-05-01'", 'CURRENT_TIMESTAMP') },
);

/** Functions with their usual arity; a wrong arity or an unknown name now and then. */
const FUNCTIONS: readonly [string, number][] = [
  ['UPPER', 1], ['LOWER', 1], ['TRIM', 1], ['LEN', 1], ['LENGTH', 1], ['SUBSTRING', 3], ['LEFT', 2], ['RIGHT', 2], ['REPLACE', 3], ['CONCAT', 3],
  ['ROUND', 2], ['ABS', 1], ['FLOOR', 1], ['CEILING', 1], ['COALESCE', 2], ['ISNULL', 2], ['IFNULL', 2], ['NULLIF', 2], ['IIF', 3], ['NOW', 0], ['GETDATE', 0],
];
const CAST_TYPES = ['VARCHAR', 'INT', 'BIGINT', 'DOUBLE', 'BOOLEAN', 'DATETIME', 'VARCHAR(10)', 'DECIMAL(10, 2)', 'NVARCHAR(MAX)', 'FLOAT', 'DATE', 'BIT'];
const BINARY = ['=', '<>', '!=', '<', '<=', '>', '>=', '+', '-', '*', '/', '%', '||', 'AND', 'OR'];

export function expression(columns: readonly string[], depth: number): fc.Arbitrary<string> {
  const column = fc.oneof({ weight: 30, arbitrary: fc.constantFrom(...columns) }, { weight: 1, arbitrary: fc.constantFrom(...IDENT_ODDITIES) });
  const leaf = fc.oneof(column, literal);
  if (depth <= 0) return leaf;
  const inner = expression(columns, depth - 1);
  // Compound operands are parenthesised most of the time, so most statements get past the parser.
  const sub = fc.tuple(inner, fc.nat(9)).map(([a, bare]) => (bare === 0 || !/\s/.test(a) ? a : `(${a})`));
  return fc.oneof(
    { weight: 4, arbitrary: leaf },
    { weight: 4, arbitrary: fc.tuple(sub, fc.constantFrom(...BINARY), sub).map(([a, op, b]) => `${a} ${op} ${b}`) },
    { weight: 1, arbitrary: inner.map((a) => `(${a})`) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('NOT ', '-', '+'), sub).map(([op, a]) => `${op}${a}`) },
    { weight: 2, arbitrary: fc.tuple(sub, fc.boolean(), stringLiteral, fc.option(fc.constantFrom("'!'", "'\\'", "'%'", "'ab'"), { nil: undefined })).map(([a, not, p, e]) => `${a} ${not ? 'NOT ' : ''}LIKE ${p}${e ? ` ESCAPE ${e}` : ''}`) },
    { weight: 2, arbitrary: fc.tuple(sub, fc.boolean(), fc.array(leaf, { minLength: 1, maxLength: 5 })).map(([a, not, xs]) => `${a} ${not ? 'NOT ' : ''}IN (${xs.join(', ')})`) },
    { weight: 1, arbitrary: fc.tuple(sub, fc.boolean(), leaf, leaf).map(([a, not, lo, hi]) => `${a} ${not ? 'NOT ' : ''}BETWEEN ${lo} AND ${hi}`) },
    { weight: 1, arbitrary: fc.tuple(sub, fc.boolean()).map(([a, not]) => `${a} IS ${not ? 'NOT ' : ''}NULL`) },
    { weight: 1, arbitrary: fc.tuple(fc.array(fc.tuple(sub, sub), { minLength: 1, maxLength: 3 }), fc.option(sub, { nil: undefined })).map(([ws, e]) => `CASE ${ws.map(([w, t]) => `WHEN ${w} THEN ${t}`).join(' ')}${e ? ` ELSE ${e}` : ''} END`) },
    { weight: 1, arbitrary: fc.tuple(sub, fc.oneof({ weight: 20, arbitrary: fc.constantFrom(...CAST_TYPES) }, { weight: 1, arbitrary: fc.constant('NOSUCHTYPE') })).map(([a, t]) => `CAST(${a} AS ${t})`) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom(...FUNCTIONS), fc.array(sub, { minLength: 3, maxLength: 3 }), fc.nat(19))
        .map(([[f, arity], args, odd]) => (odd === 0 ? `NOSUCHFN(${args[0]})` : `${f}(${args.slice(0, odd === 1 ? arity + 1 : arity).join(', ')})`)),
    },
  );
}

const aggregate = (columns: readonly string[]) =>
  fc.oneof(
    fc.constant('COUNT(*)'),
    fc.tuple(fc.constantFrom('COUNT', 'SUM', 'AVG', 'MIN', 'MAX'), fc.boolean(), expression(columns, 1)).map(([f, d, e]) => `${f}(${d ? 'DISTINCT ' : ''}${e})`),
  );

const paren = (e: string): string => (/\s/.test(e) ? `(${e})` : e);

export function selectStatement(tables: readonly FuzzTable[]): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...tables), fc.constantFrom(...tables), fc.nat(9))
    .chain(([t, u, shape]) => {
      const joined = shape >= 7;
      const columns = joined ? [...t.columns.map((c) => `a.${c}`), ...u.columns.map((c) => `b.${c}`)] : t.columns;
      const expr = expression(columns, 2);
      const item = fc.oneof({ weight: 4, arbitrary: expr }, { weight: 1, arbitrary: aggregate(columns) }, { weight: 1, arbitrary: fc.constant('*') }, { weight: 1, arbitrary: expr.map((e) => `${e} AS x`) });
      const from = joined
        ? fc.tuple(fc.constantFrom('JOIN', 'LEFT JOIN', 'CROSS JOIN', 'INNER JOIN'), fc.constantFrom(...u.columns), fc.constantFrom(...t.columns)).map(([j, uc, tc]) =>
            j === 'CROSS JOIN' ? `${t.name} a CROSS JOIN ${u.name} b` : `${t.name} a ${j} ${u.name} b ON b.${uc} = a.${tc}`,
          )
        : fc.constant(t.name);
      return fc
        .record({
          explain: fc.constantFrom('', '', '', '', 'EXPLAIN ', 'EXPLAIN ANALYZE '),
          distinct: fc.constantFrom('', '', 'DISTINCT '),
          top: fc.constantFrom('', '', '', 'TOP 3 ', 'TOP (0) '),
          items: fc.array(item, { minLength: 1, maxLength: 4 }),
          from,
          where: fc.option(expression(columns, 3), { nil: undefined, freq: 3 }),
          groupBy: fc.option(fc.array(expression(columns, 1), { minLength: 1, maxLength: 2 }), { nil: undefined, freq: 4 }),
          having: fc.option(aggregate(columns).chain((a) => fc.tuple(fc.constantFrom('>', '=', '<'), literal).map(([op, l]) => `${a} ${op} ${l}`)), { nil: undefined, freq: 6 }),
          orderBy: fc.option(fc.array(fc.tuple(expression(columns, 1), fc.constantFrom('', ' ASC', ' DESC', ' NULLS FIRST', ' DESC NULLS LAST')), { minLength: 1, maxLength: 2 }), { nil: undefined, freq: 3 }),
          limit: fc.oneof(
            { weight: 20, arbitrary: fc.constantFrom('', '', '', ' LIMIT 5', ' LIMIT 0', ' LIMIT 2 OFFSET 1', ' OFFSET 1 ROWS FETCH NEXT 2 ROWS ONLY', ' LIMIT 99999999999') },
            { weight: 1, arbitrary: fc.constantFrom(' LIMIT -1', ' LIMIT 1.5', " LIMIT 'x'", ' LIMIT NULL') },
          ),
          subquery: fc.option(fc.constantFrom(...t.columns).map((c) => `${c} IN (SELECT ${c} FROM ${t.name})`), { nil: undefined, freq: 8 }),
        })
        .map((q) => {
          const where = [q.where, q.subquery].filter((x) => x !== undefined).map((x) => `(${x})`).join(' AND ');
          const top = q.limit === '' ? q.top : '';
          return (
            `${q.explain}SELECT ${q.distinct}${top}${q.items.join(', ')} FROM ${q.from}` +
            (where ? ` WHERE ${where}` : '') +
            (q.groupBy ? ` GROUP BY ${q.groupBy.map(paren).join(', ')}` : '') +
            (q.having && q.groupBy ? ` HAVING ${q.having}` : '') +
            (q.orderBy ? ` ORDER BY ${q.orderBy.map(([e, d]) => paren(e) + d).join(', ')}` : '') +
            q.limit
          );
        });
    });
}

/** Writes aimed at ids that do not exist, so a run stays repeatable; sometimes at odd ids. */
export function writeStatement(): fc.Arbitrary<string> {
  const id = fc.constantFrom("'nope'", "''", "'..'", "'a,b'", "'.'", "NULL", '1', "'x/y'");
  return fc.oneof(
    id.map((i) => `DELETE FROM Campaigns WHERE Id = ${i}`),
    id.map((i) => `UPDATE LineItems SET Name = 'fuzz' WHERE Id = ${i}`),
    id.map((i) => `DELETE FROM PromotedTweets WHERE Id IN (${i}, 'z')`),
    fc.constantFrom('DELETE FROM Campaigns', 'UPDATE Campaigns SET Name = 1', 'INSERT INTO Accounts (Name) VALUES (1)', 'INSERT INTO Campaigns (Name) VALUES', 'DELETE FROM Nope WHERE Id = 1', "EXEC NoSuchProcedure @a = 1", 'EXEC GetOAuthAccessToken'),
  );
}
