/**
 * Operator precedence, as SQL Server defines it (higher binds tighter). node-sql-parser's MySQL
 * grammar gets AND/OR wrong (flat left-to-right in WHERE, right-nested in the select list) and
 * puts `||` above `*`, so the adapter re-reads every unparenthesised operator chain with this
 * table; EXPLAIN's formatter uses the same table to print the parentheses a tree needs.
 *
 *   unary - +  >  * / %  >  + - ||  >  comparisons, LIKE, IN, BETWEEN, IS NULL  >  NOT  >  AND  >  OR
 *
 * Every binary level is left-associative. Bitwise `~ & ^ |` are not supported (a syntax error).
 */
export const PRECEDENCE = {
  OR: 1,
  AND: 2,
  NOT: 3,
  COMPARISON: 4,
  ADDITIVE: 5,
  MULTIPLICATIVE: 6,
  UNARY: 7,
} as const;

export type InfixOp = 'OR' | 'AND' | '=' | '<>' | '<' | '<=' | '>' | '>=' | '+' | '-' | '||' | '*' | '/' | '%';

const INFIX_LEVEL: Record<InfixOp, number> = {
  OR: PRECEDENCE.OR,
  AND: PRECEDENCE.AND,
  '=': PRECEDENCE.COMPARISON,
  '<>': PRECEDENCE.COMPARISON,
  '<': PRECEDENCE.COMPARISON,
  '<=': PRECEDENCE.COMPARISON,
  '>': PRECEDENCE.COMPARISON,
  '>=': PRECEDENCE.COMPARISON,
  '+': PRECEDENCE.ADDITIVE,
  '-': PRECEDENCE.ADDITIVE,
  '||': PRECEDENCE.ADDITIVE,
  '*': PRECEDENCE.MULTIPLICATIVE,
  '/': PRECEDENCE.MULTIPLICATIVE,
  '%': PRECEDENCE.MULTIPLICATIVE,
};

export function infixLevel(op: InfixOp): number {
  return INFIX_LEVEL[op];
}

/** One item of a flattened operator chain, in text order. */
export type ChainItem<Operand, Postfix> =
  | { readonly kind: 'operand'; readonly value: Operand }
  | { readonly kind: 'prefix'; readonly op: 'NOT' | '-' | '+' }
  | { readonly kind: 'infix'; readonly op: InfixOp }
  /** LIKE / IN / BETWEEN / IS NULL: applies to the expression on its left, at comparison level. */
  | { readonly kind: 'postfix'; readonly value: Postfix };

export interface ChainBuilder<Operand, Postfix, Out> {
  operand(value: Operand): Out;
  prefix(op: 'NOT' | '-' | '+', operand: Out): Out;
  infix(op: InfixOp, left: Out, right: Out): Out;
  postfix(value: Postfix, left: Out): Out;
  /** The chain ended where an operand was expected (cannot happen for a chain the grammar accepted). */
  malformed(): never;
}

/**
 * Precedence climbing over a flattened chain. Left-associative runs are loops, so a flat chain
 * of any length uses a bounded stack; only prefix runs (`NOT NOT …`) and right operands recurse.
 */
export function buildChain<Operand, Postfix, Out>(items: readonly ChainItem<Operand, Postfix>[], builder: ChainBuilder<Operand, Postfix, Out>): Out {
  let i = 0;
  // A run of one AND or OR is built as a balanced tree: the same meaning (both are associative,
  // NULLs included, and the order of operands is kept) with depth log n instead of n.
  const balanced = (op: InfixOp, run: readonly Out[], from: number, to: number): Out => {
    if (to - from === 1) return run[from]!;
    const mid = (from + to) >>> 1;
    return builder.infix(op, balanced(op, run, from, mid), balanced(op, run, mid, to));
  };
  const level = (min: number): Out => {
    let left = unary();
    let run: Out[] | undefined;
    let runOp: InfixOp | undefined;
    const closeRun = (): void => {
      if (run !== undefined) left = balanced(runOp!, run, 0, run.length);
      run = undefined;
      runOp = undefined;
    };
    for (;;) {
      const item = items[i];
      if (item === undefined || item.kind === 'operand' || item.kind === 'prefix') break;
      if (item.kind === 'infix') {
        const own = INFIX_LEVEL[item.op];
        if (own < min) break;
        i++;
        const right = level(own + 1);
        if (item.op === 'AND' || item.op === 'OR') {
          if (runOp !== item.op) {
            closeRun();
            run = [left];
            runOp = item.op;
          }
          run!.push(right);
        } else {
          closeRun();
          left = builder.infix(item.op, left, right);
        }
      } else {
        if (PRECEDENCE.COMPARISON < min) break;
        i++;
        closeRun();
        left = builder.postfix(item.value, left);
      }
    }
    closeRun();
    const after = items[i];
    if (after !== undefined && (after.kind === 'operand' || after.kind === 'prefix')) return builder.malformed();
    return left;
  };
  const unary = (): Out => {
    const item = items[i++];
    if (item === undefined) return builder.malformed();
    if (item.kind === 'operand') return builder.operand(item.value);
    if (item.kind !== 'prefix') return builder.malformed();
    // NOT takes a whole comparison (NOT a = 1 is NOT (a = 1)); unary minus takes one operand.
    return builder.prefix(item.op, item.op === 'NOT' ? level(PRECEDENCE.COMPARISON) : unary());
  };
  const result = level(PRECEDENCE.OR);
  if (i !== items.length) return builder.malformed();
  return result;
}
