/**
 * Rewrites one statement's tokens into text for node-sql-parser's MySQL grammar, which has LIMIT
 * and a usable expression grammar but lacks what our users write (T-SQL brackets, TOP, NULLS
 * FIRST/LAST, OFFSET/FETCH, SUM(DISTINCT)) and reserves words that are ordinary column names
 * here (Key, Rank, Schema...). The rewrite:
 *  - quotes every word that is not one of our keywords and not a function name, so reserved
 *    words work as bare identifiers;
 *  - replaces every literal and parameter with a `:__Ln` / `:__Pn` marker, so the grammar's
 *    string-escape and number rules never see user data (values live in `literals`/`params`);
 *  - turns TOP n and OFFSET/FETCH into LIMIT, and NULLS FIRST/LAST into a wrapper function;
 *  - collapses a long `IN (v, v, …)` of plain values into one `:__Vn` marker (values live in
 *    `valueLists`): the grammar spends ~0.1 ms on each list item, the marker costs it nothing.
 * Each output piece remembers its source token, so parser errors point at the user's text.
 */
import type { ColumnType, Value } from '../catalog/types.js';
import { SqlSyntaxError } from '../errors.js';
import type { LiteralExpr, ParamExpr, ParamRef } from './ir.js';
import { positionOf } from './position.js';
import { isOp, isWord, type Token } from './tokenizer.js';
import { parseDateLiteral } from './date-literal.js';
import { limitError, SQL_LIMITS } from './limits.js';

export interface Piece {
  readonly text: string;
  /** The user's token this piece came from (for error positions). */
  readonly token: Token;
}

export interface RewrittenStatement {
  readonly text: string;
  readonly pieces: readonly { readonly outStart: number; readonly outEnd: number; readonly token: Token }[];
  /** `:__L<n>` and `'<n>'` (after ESCAPE) refer to literals[n]. */
  readonly literals: readonly Value[];
  /** `:__P<n>` refers to params[n]. */
  readonly params: readonly ParamRef[];
  /** `IN (:__V<n>)` stands for the items valueLists[n], in text order. */
  readonly valueLists: readonly (readonly ValueListItem[])[];
  /** The token that ends the statement (`;` or end of input), for "unexpected end" errors. */
  readonly endToken: Token;
}

export type ValueListItem = LiteralExpr | ParamExpr;

/** An IN list of at least this many plain values reaches the grammar as one marker; shorter ones as written. */
export const COLLAPSED_IN_LIST_MIN = 8;

/** Words passed to the grammar as keywords; every other bare word becomes a quoted identifier. */
export const KEYWORDS = new Set(
  (
    'SELECT DISTINCT FROM AS JOIN INNER LEFT RIGHT FULL OUTER CROSS NATURAL ON USING WHERE GROUP BY HAVING ORDER ASC DESC ' +
    'LIMIT OFFSET AND OR NOT IN IS NULL LIKE ESCAPE BETWEEN EXISTS CASE WHEN THEN ELSE END CAST TRUE FALSE UNION ' +
    'INTERSECT EXCEPT INSERT INTO VALUES UPDATE SET DELETE CURRENT_TIMESTAMP CURRENT_DATE DIV MOD ALL ANY SOME WITH'
  ).split(' '),
);

/** CAST target names → our types, and the MySQL spelling the grammar accepts for each. */
const CAST_TYPES: Record<string, ColumnType> = {
  VARCHAR: 'String', NVARCHAR: 'String', CHAR: 'String', NCHAR: 'String', TEXT: 'String', NTEXT: 'String', STRING: 'String',
  INT: 'Int', INTEGER: 'Int', SMALLINT: 'Int', TINYINT: 'Int',
  BIGINT: 'Long', LONG: 'Long', SIGNED: 'Long',
  DOUBLE: 'Double', FLOAT: 'Double', REAL: 'Double', DECIMAL: 'Double', NUMERIC: 'Double', MONEY: 'Double',
  BOOLEAN: 'Boolean', BOOL: 'Boolean', BIT: 'Boolean',
  DATETIME: 'Datetime', DATETIME2: 'Datetime', TIMESTAMP: 'Datetime', DATE: 'Datetime',
};
const MYSQL_CAST_SPELLING: Record<ColumnType, string> = {
  String: 'VARCHAR', Int: 'INT', Long: 'BIGINT', Double: 'DOUBLE', Boolean: 'BOOLEAN', Datetime: 'DATETIME',
};
/** The adapter maps the MySQL spelling back. */
export const CAST_TYPE_OF_SPELLING: Record<string, ColumnType> = {
  VARCHAR: 'String', INT: 'Int', BIGINT: 'Long', DOUBLE: 'Double', BOOLEAN: 'Boolean', DATETIME: 'Datetime',
};

export const NULLS_FIRST_FN = '__NULLS_FIRST';
export const NULLS_LAST_FN = '__NULLS_LAST';
export const DISTINCT_AGGREGATE_PREFIX = '__DISTINCT_';

interface DepthContext {
  orderByActive: boolean;
  orderItemStart: number;
  sawLimit: boolean;
  pendingTop?: Piece[];
  /** Inside CAST( ... ) at this depth, after AS: type tokens. */
  castAwaitingAs: boolean;
  castType: boolean;
  /** Inside OVER ( ... ): PARTITION, ROWS, PRECEDING... are keywords here, column names elsewhere. */
  inWindow?: boolean;
}

const WINDOW_WORDS = new Set('PARTITION ROWS RANGE BETWEEN UNBOUNDED PRECEDING FOLLOWING CURRENT ROW'.split(' '));

const newContext = (): DepthContext => ({ orderByActive: false, orderItemStart: 0, sawLimit: false, castAwaitingAs: false, castType: false });

export function rewriteForParser(sql: string, tokens: readonly Token[], endToken: Token): RewrittenStatement {
  const literals: Value[] = [];
  const params: ParamRef[] = [];
  const valueLists: ValueListItem[][] = [];
  let positional = 0;
  const out: Piece[] = [];
  const stack: DepthContext[] = [newContext()];
  const ctx = (): DepthContext => stack[stack.length - 1]!;
  const fail = (message: string, token: Token): never => {
    const { line, column } = positionOf(sql, token.start);
    throw new SqlSyntaxError(message, line, column);
  };
  const literalMarker = (value: Value): string => `:__L${literals.push(value) - 1}`;
  const valueMarker = (token: Token): string => {
    if (token.kind === 'number') {
      const value = Number(token.text);
      if (!Number.isFinite(value)) fail(`Number ${token.text} is out of range`, token);
      return literalMarker(value);
    }
    if (token.kind === 'string') return literalMarker(token.value);
    if (token.kind === 'positional') return `:__P${params.push({ kind: 'Positional', index: positional++ }) - 1}`;
    if (token.kind === 'named') return `:__P${params.push({ kind: 'Named', name: token.value }) - 1}`;
    return fail(`Expected a number or a parameter but found "${token.text}"`, token);
  };
  const quoteIdent = (name: string): string => '`' + name.replace(/`/g, '``') + '`';
  /** Reads `n`, `(n)`, `?` or `@p` at i; returns the marker and the index after it. */
  const readCount = (i: number): { marker: string; next: number } => {
    const t = tokens[i] ?? endToken;
    if (isOp(t, '(')) {
      const inner = tokens[i + 1] ?? endToken;
      if (!isOp(tokens[i + 2], ')')) fail('Expected ")"', tokens[i + 2] ?? endToken);
      return { marker: valueMarker(inner), next: i + 3 };
    }
    return { marker: valueMarker(t), next: i + 1 };
  };
  const endSelectScope = (at: Token): void => {
    const c = ctx();
    if (c.pendingTop) {
      if (c.sawLimit) fail('TOP cannot be combined with LIMIT or OFFSET', c.pendingTop[0]!.token);
      out.push(...c.pendingTop);
      c.pendingTop = undefined;
    }
    c.orderByActive = false;
    void at;
  };

  // A run of prefix operators nests one level each: stop absurd runs before the grammar spends time on them.
  let prefixRun = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1];
    prefixRun = isWord(t, 'NOT') || isOp(t, '-') || isOp(t, '+') ? prefixRun + 1 : 0;
    if (prefixRun > SQL_LIMITS.expressionDepth) throw limitError('Expression nested too deeply', prefixRun, SQL_LIMITS.expressionDepth);
    const upper = t.kind === 'word' ? t.text.toUpperCase() : '';
    const c = ctx();

    if (c.castType) {
      // CAST(x AS <type> [(n[, m])]): one of our type names, arguments dropped.
      if (t.kind !== 'word' && t.kind !== 'ident') fail(`Expected a type name but found "${t.text}"`, t);
      const type = CAST_TYPES[t.value.toUpperCase()];
      if (type === undefined) fail(`Unknown type "${t.value}"; use VARCHAR, INT, BIGINT, DOUBLE, BOOLEAN or DATETIME`, t);
      // DATE keeps its own spelling: the adapter turns it into DATE(x), which drops the time of day.
      out.push({ text: t.value.toUpperCase() === 'DATE' ? 'DATE' : MYSQL_CAST_SPELLING[type!], token: t });
      if (isOp(next, '(')) {
        let j = i + 1;
        while (j < tokens.length && !isOp(tokens[j], ')')) j++;
        i = j;
      }
      c.castType = false;
      continue;
    }

    if (t.kind === 'op') {
      if (t.text === '(') {
        out.push({ text: '(', token: t });
        if (stack.length > SQL_LIMITS.parenthesesDepth) throw limitError('Parentheses nested too deeply', stack.length, SQL_LIMITS.parenthesesDepth);
        const isCast = out.length >= 2 && out[out.length - 2]!.text === 'CAST';
        stack.push({ ...newContext(), castAwaitingAs: isCast, inWindow: out.length >= 2 && out[out.length - 2]!.text === 'OVER' });
        continue;
      }
      if (t.text === ')') {
        if (stack.length === 1) fail('Unbalanced ")"', t);
        endSelectScope(t);
        stack.pop();
        out.push({ text: ')', token: t });
        continue;
      }
      if (t.text === ',' && c.orderByActive) {
        out.push({ text: ',', token: t });
        c.orderItemStart = out.length;
        continue;
      }
      out.push({ text: t.text, token: t });
      continue;
    }

    if (t.kind === 'word') {
      if (upper === 'SELECT') {
        out.push({ text: 'SELECT', token: t });
        let j = i + 1;
        if (isWord(tokens[j], 'ALL')) j++;
        if (isWord(tokens[j], 'DISTINCT')) out.push({ text: 'DISTINCT', token: tokens[j++]! });
        if (isWord(tokens[j], 'TOP')) {
          const top = tokens[j]!;
          const { marker, next: after } = readCount(j + 1);
          if (isWord(tokens[after], 'PERCENT')) fail('TOP ... PERCENT is not supported', tokens[after]!);
          c.pendingTop = [
            { text: 'LIMIT', token: top },
            { text: marker, token: top },
          ];
          j = after;
        }
        i = j - 1;
        continue;
      }
      if (upper === 'ORDER' && isWord(next, 'BY')) {
        out.push({ text: 'ORDER', token: t }, { text: 'BY', token: next! });
        i++;
        c.orderByActive = true;
        c.orderItemStart = out.length;
        continue;
      }
      if (upper === 'NULLS') {
        const which = tokens[i + 1];
        if (!c.orderByActive || !isWord(which, 'FIRST', 'LAST')) fail('NULLS FIRST/LAST is only allowed after an ORDER BY item', t);
        const fn = isWord(which, 'FIRST') ? NULLS_FIRST_FN : NULLS_LAST_FN;
        // Wrap the item's expression (before any ASC/DESC) in a marker function the adapter unwraps.
        const last = out[out.length - 1];
        const closeAt = last !== undefined && (last.text === 'ASC' || last.text === 'DESC') ? out.length - 1 : out.length;
        if (closeAt <= c.orderItemStart) fail('Expected an ORDER BY item before NULLS', t);
        out.splice(closeAt, 0, { text: ')', token: t });
        out.splice(c.orderItemStart, 0, { text: fn, token: t }, { text: '(', token: t });
        i++;
        continue;
      }
      if (upper === 'LIMIT') {
        c.sawLimit = true;
        c.orderByActive = false;
        out.push({ text: 'LIMIT', token: t });
        continue;
      }
      if (upper === 'OFFSET' || upper === 'FETCH') {
        // OFFSET m ROWS [FETCH NEXT n ROWS ONLY] / FETCH FIRST n ROWS ONLY → LIMIT n OFFSET m.
        let j = i;
        let offsetMarker: string | undefined;
        if (upper === 'OFFSET') {
          const countEnd = isOp(tokens[i + 1], '(') ? i + 4 : i + 2;
          if (!isWord(tokens[countEnd], 'ROWS', 'ROW')) {
            // MySQL-style `LIMIT n OFFSET m`: leave it to the grammar.
            c.orderByActive = false;
            out.push({ text: 'OFFSET', token: t });
            continue;
          }
          const r = readCount(i + 1);
          offsetMarker = r.marker;
          j = r.next + 1;
        }
        let limitMarker: string | undefined;
        if (isWord(tokens[j], 'FETCH')) {
          if (!isWord(tokens[j + 1], 'NEXT', 'FIRST')) fail('Expected NEXT or FIRST after FETCH', tokens[j + 1] ?? endToken);
          const r = readCount(j + 2);
          if (!isWord(tokens[r.next], 'ROWS', 'ROW') || !isWord(tokens[r.next + 1], 'ONLY')) fail('Expected ROWS ONLY', tokens[r.next] ?? endToken);
          limitMarker = r.marker;
          j = r.next + 2;
        }
        c.sawLimit = true;
        c.orderByActive = false;
        out.push({ text: 'LIMIT', token: t }, { text: limitMarker ?? literalMarker(Number.MAX_SAFE_INTEGER), token: t });
        if (offsetMarker !== undefined) out.push({ text: 'OFFSET', token: t }, { text: offsetMarker, token: t });
        i = j - 1;
        continue;
      }
      if ((upper === 'DATE' || upper === 'TIMESTAMP' || upper === 'DATETIME') && next?.kind === 'string') {
        const date = parseDateLiteral(next.value);
        if (date === null) fail(`Invalid date literal '${next.value}'`, next);
        out.push({ text: literalMarker(date), token: t });
        i++;
        continue;
      }
      if (upper === 'AS' && c.castAwaitingAs) {
        out.push({ text: 'AS', token: t });
        c.castAwaitingAs = false;
        c.castType = true;
        continue;
      }
      if (c.inWindow === true && upper === 'RANGE') {
        // The grammar knows only ROWS frames; the adapter reads RANGE back from the user's token.
        if (!isWord(next, 'BETWEEN')) fail('Write RANGE frames as RANGE BETWEEN ... AND ...', t);
        out.push({ text: 'ROWS', token: t });
        continue;
      }
      if (upper === 'IN' && isOp(next, '(')) {
        const listEnd = plainValueListEnd(tokens, i + 2);
        if (listEnd !== undefined) {
          // Same values, same `?` numbering as the token-by-token path; only the grammar is spared.
          const items: ValueListItem[] = [];
          for (let k = i + 2; k < listEnd; k += 2) items.push(valueListItem(tokens[k]!));
          out.push({ text: 'IN', token: t }, { text: '(', token: next! }, { text: `:__V${valueLists.push(items) - 1}`, token: tokens[i + 2]! }, { text: ')', token: tokens[listEnd]! });
          i = listEnd;
          continue;
        }
      }
      if (KEYWORDS.has(upper) || (upper === 'OVER' && isOp(next, '(')) || (c.inWindow === true && WINDOW_WORDS.has(upper))) {
        if (upper === 'UNION' || upper === 'INTERSECT' || upper === 'EXCEPT') endSelectScope(t);
        out.push({ text: upper, token: t });
        // The grammar takes ALL only after UNION: the adapter reads INTERSECT/EXCEPT ALL back from the user's text.
        if ((upper === 'INTERSECT' || upper === 'EXCEPT') && isWord(next, 'ALL')) i++;
        continue;
      }
      if (upper === 'CONTAINS' && !isOp(next, '(') && next !== undefined && ['string', 'number', 'positional', 'named'].includes(next.kind) && out[out.length - 1]?.text.startsWith('`')) {
        // CData's predicate `col CONTAINS 'text'` is the function CONTAINS(col, 'text'): wrap the column reference before it.
        let start = out.length - 1;
        while (start >= 2 && out[start - 1]!.text === '.' && out[start - 2]!.text.startsWith('`')) start -= 2;
        out.splice(start, 0, { text: 'CONTAINS', token: t }, { text: '(', token: t });
        out.push({ text: ',', token: t }, { text: valueMarker(next), token: next }, { text: ')', token: t });
        i++;
        continue;
      }
      if (isOp(next, '(') && out[out.length - 1]?.text !== 'INTO') {
        // A function name (but `INSERT INTO t (a, b)` names a table). SUM(DISTINCT x) is missing from the grammar: rename it.
        if (['SUM', 'AVG', 'MIN', 'MAX'].includes(upper) && isWord(tokens[i + 2], 'DISTINCT')) {
          out.push({ text: DISTINCT_AGGREGATE_PREFIX + upper, token: t }, { text: '(', token: next! });
          stack.push(newContext());
          i += 2;
          continue;
        }
        out.push({ text: upper, token: t });
        continue;
      }
      out.push({ text: quoteIdent(t.value), token: t });
      continue;
    }

    if (t.kind === 'ident') {
      out.push({ text: quoteIdent(t.value), token: t });
      continue;
    }
    if (t.kind === 'string') {
      const previous = out[out.length - 1]?.text;
      if (previous === 'AS') out.push({ text: quoteIdent(t.value), token: t });
      else if (previous === 'ESCAPE') out.push({ text: `'${literals.push(t.value) - 1}'`, token: t });
      else out.push({ text: valueMarker(t), token: t });
      continue;
    }
    if (t.kind === 'number' && isWord(next, 'PRECEDING', 'FOLLOWING')) {
      // A window frame offset: the grammar wants the digits themselves.
      if (!/^\d+$/.test(t.text)) fail(`A window frame offset must be a whole number, not ${t.text}`, t);
      out.push({ text: t.text, token: t });
      continue;
    }
    if (t.kind === 'number' || t.kind === 'positional' || t.kind === 'named') {
      out.push({ text: valueMarker(t), token: t });
      continue;
    }
    fail(`Unexpected "${t.text}"`, t);
  }
  if (stack.length > 1) fail('Missing ")"', endToken);
  endSelectScope(endToken);

  let text = '';
  const pieces: { outStart: number; outEnd: number; token: Token }[] = [];
  for (let k = 0; k < out.length; k++) {
    const piece = out[k]!;
    const glue = k === 0 || piece.text === '.' || out[k - 1]!.text === '.' ? '' : ' ';
    text += glue;
    pieces.push({ outStart: text.length, outEnd: text.length + piece.text.length, token: piece.token });
    text += piece.text;
  }
  return { text, pieces, literals, params, valueLists, endToken };

  function valueListItem(token: Token): ValueListItem {
    if (token.kind === 'number') {
      const value = Number(token.text);
      if (!Number.isFinite(value)) fail(`Number ${token.text} is out of range`, token);
      return { kind: 'Literal', value };
    }
    if (token.kind === 'string') return { kind: 'Literal', value: token.value };
    if (token.kind === 'positional') return { kind: 'Param', ref: { kind: 'Positional', index: positional++ } };
    return { kind: 'Param', ref: { kind: 'Named', name: token.value } };
  }
}

const PLAIN_VALUE_KINDS = new Set(['number', 'string', 'positional', 'named']);

/**
 * Where `v, v, …)` starting at `from` closes, when it is at least COLLAPSED_IN_LIST_MIN plain
 * values (numbers, strings, `?`, `@name`) and nothing else; undefined otherwise (the list then
 * goes to the grammar token by token, so its errors read as before).
 */
function plainValueListEnd(tokens: readonly Token[], from: number): number | undefined {
  let k = from;
  for (;;) {
    if (!PLAIN_VALUE_KINDS.has(tokens[k]?.kind ?? '')) return undefined;
    const after = tokens[k + 1];
    if (isOp(after, ')')) return (k - from) / 2 + 1 >= COLLAPSED_IN_LIST_MIN ? k + 1 : undefined;
    if (!isOp(after, ',')) return undefined;
    k += 2;
  }
}
