/** IR → SQL text, for EXPLAIN and for naming unnamed output columns. */
import type { Value } from '../catalog/types.js';
import type { Expr, FrameBound, SelectStatement } from './ir.js';
import { infixLevel, PRECEDENCE } from './precedence.js';
import { KEYWORDS } from './dialect-rewrite.js';
import { DATE_PART_FUNCTIONS, DATE_PART_SPELLINGS } from './date-part-names.js';

export function formatValue(v: Value): string {
  if (v === null) return 'NULL';
  if (typeof v === 'string') return `'${v.replace(/'/g, "''")}'`;
  if (v instanceof Date) return `'${v.toISOString()}'`;
  return String(v).toUpperCase() === 'TRUE' || String(v).toUpperCase() === 'FALSE' ? String(v).toUpperCase() : String(v);
}

/** Words the statement rewrite treats specially besides its keywords: bracketed when they name a column. */
const SPECIAL_WORDS = new Set(['TOP', 'NULLS', 'FETCH', 'EXEC', 'EXECUTE', 'EXPLAIN', 'DATE', 'TIMESTAMP', 'DATETIME', 'PERCENT', 'ROWS', 'ROW', 'ONLY']);

export function formatIdentifier(name: string): string {
  const bare = /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !KEYWORDS.has(name.toUpperCase()) && !SPECIAL_WORDS.has(name.toUpperCase());
  return bare ? name : `[${name.replace(/]/g, ']]')}]`;
}

/**
 * Prints the parentheses a tree needs under SQL Server's precedence (precedence.ts), so that
 * parsing the text gives the same tree: a child binds at least as tightly as its parent's level,
 * and a right operand of the same level (left-associative operators) is wrapped.
 */
export function formatExpr(e: Expr, parent = 0): string {
  const f = (x: Expr, p = 0): string => formatExpr(x, p);
  const wrap = (text: string, own: number): string => (own < parent ? `(${text})` : text);
  const C = PRECEDENCE.COMPARISON;
  switch (e.kind) {
    case 'Literal':
      return formatValue(e.value);
    case 'Param':
      return e.ref.kind === 'Named' ? `@${e.ref.name}` : '?';
    case 'ColumnRef':
      return (e.table !== undefined ? `${formatIdentifier(e.table)}.` : '') + formatIdentifier(e.column);
    case 'Unary': {
      if (e.op === 'NOT') return wrap(`NOT ${f(e.operand, C)}`, PRECEDENCE.NOT);
      const operand = f(e.operand, PRECEDENCE.UNARY);
      // `- -1` must not become the comment `--1`; a negative literal operand also needs it.
      return `${e.op}${/^[-+]/.test(operand) ? `(${operand})` : operand}`;
    }
    case 'Binary': {
      const p = infixLevel(e.op);
      // Comparisons do not chain (SQL Server rejects a = b = c): a comparison operand is wrapped.
      // AND and OR are associative: `a AND (b AND c)` prints flat (the parser balances such runs).
      const rightLevel = (e.op === 'AND' || e.op === 'OR') && e.right.kind === 'Binary' && e.right.op === e.op ? p : p + 1;
      return wrap(`${f(e.left, p === C ? C + 1 : p)} ${e.op} ${f(e.right, rightLevel)}`, p);
    }
    case 'Like':
      return wrap(`${f(e.operand, C + 1)} ${e.negated ? 'NOT LIKE' : 'LIKE'} ${f(e.pattern, C + 1)}${e.escape ? ` ESCAPE ${f(e.escape, C + 1)}` : ''}`, C);
    case 'InList':
      return wrap(`${f(e.operand, C + 1)} ${e.negated ? 'NOT IN' : 'IN'} (${e.items.map((i) => f(i)).join(', ')})`, C);
    case 'InSubquery':
      return wrap(`${f(e.operand, C + 1)} ${e.negated ? 'NOT IN' : 'IN'} (${formatSelect(e.query)})`, C);
    case 'Between':
      return wrap(`${f(e.operand, C + 1)} ${e.negated ? 'NOT BETWEEN' : 'BETWEEN'} ${f(e.low, C + 1)} AND ${f(e.high, C + 1)}`, C);
    case 'IsNull':
      return wrap(`${f(e.operand, C + 1)} IS ${e.negated ? 'NOT NULL' : 'NULL'}`, C);
    case 'Case':
      return `CASE${e.operand ? ` ${f(e.operand)}` : ''}${e.whens.map((w) => ` WHEN ${f(w.when)} THEN ${f(w.then)}`).join('')}${e.else ? ` ELSE ${f(e.else)}` : ''} END`;
    case 'Cast':
      return `CAST(${f(e.operand)} AS ${e.type.toUpperCase()})`;
    case 'Function':
      if (e.args.length === 0 && e.name === 'CURRENT_TIMESTAMP') return 'CURRENT_TIMESTAMP';
      // DATEADD(day, ...): a date part reads as the word it was written as.
      return `${e.name}(${e.args.map((a, i) => (i === 0 && DATE_PART_FUNCTIONS.has(e.name) && a.kind === 'Literal' && typeof a.value === 'string' && Object.hasOwn(DATE_PART_SPELLINGS, a.value) ? a.value : f(a))).join(', ')})`;
    case 'Aggregate':
      return `${e.name}(${e.distinct ? 'DISTINCT ' : ''}${e.arg ? f(e.arg) : '*'})`;
    case 'Window': {
      const spec = [
        ...(e.partitionBy.length > 0 ? [`PARTITION BY ${e.partitionBy.map((p) => f(p)).join(', ')}`] : []),
        ...(e.orderBy.length > 0 ? [`ORDER BY ${e.orderBy.map((o) => `${f(o.expr)}${o.desc ? ' DESC' : ''}`).join(', ')}`] : []),
        ...(e.frame ? [`${e.frame.unit.toUpperCase()} BETWEEN ${bound(e.frame.start)} AND ${bound(e.frame.end)}`] : []),
      ];
      return `${e.name}(${e.name === 'COUNT' && e.args.length === 0 ? '*' : e.args.map((a) => f(a)).join(', ')}) OVER (${spec.join(' ')})`;
    }
    case 'Exists':
      return `EXISTS (${formatSelect(e.query)})`;
    case 'ScalarSubquery':
      return `(${formatSelect(e.query)})`;
  }
}

function bound(b: FrameBound): string {
  switch (b.kind) {
    case 'UnboundedPreceding':
      return 'UNBOUNDED PRECEDING';
    case 'Preceding':
      return `${b.offset} PRECEDING`;
    case 'CurrentRow':
      return 'CURRENT ROW';
    case 'Following':
      return `${b.offset} FOLLOWING`;
    case 'UnboundedFollowing':
      return 'UNBOUNDED FOLLOWING';
  }
}

export function formatSelect(s: SelectStatement): string {
  const parts = [`SELECT ${s.distinct ? 'DISTINCT ' : ''}${s.items.map((i) => (i.kind === 'Star' ? (i.table ? `${formatIdentifier(i.table)}.*` : '*') : f2(i.expr, i.alias))).join(', ')}`];
  if (s.from) {
    parts.push(`FROM ${table(s.from.table)}`);
    for (const j of s.from.joins) parts.push(`${j.type === 'Inner' ? 'JOIN' : `${j.type.toUpperCase()} JOIN`} ${table(j.table)}${j.on ? ` ON ${formatExpr(j.on)}` : ''}`);
  }
  if (s.where) parts.push(`WHERE ${formatExpr(s.where)}`);
  if (s.groupBy.length > 0) parts.push(`GROUP BY ${s.groupBy.map((g) => formatExpr(g)).join(', ')}`);
  if (s.having) parts.push(`HAVING ${formatExpr(s.having)}`);
  if (s.orderBy.length > 0) parts.push(`ORDER BY ${s.orderBy.map((o) => `${formatExpr(o.expr)}${o.desc ? ' DESC' : ''}${o.nulls ? ` NULLS ${o.nulls.toUpperCase()}` : ''}`).join(', ')}`);
  if (s.limit) parts.push(`LIMIT ${formatExpr(s.limit)}`);
  if (s.offset) parts.push(`OFFSET ${formatExpr(s.offset)}`);
  return parts.join(' ');

  function f2(e: Expr, alias?: string): string {
    return alias ? `${formatExpr(e)} AS ${formatIdentifier(alias)}` : formatExpr(e);
  }
  function table(t: { name: string; alias?: string }): string {
    return formatIdentifier(t.name) + (t.alias ? ` ${formatIdentifier(t.alias)}` : '');
  }
}
