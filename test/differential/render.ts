/** Prints a Query for socialsql or for SQLite: the same meaning, each in its own dialect. */
import type { Block, Expr, Query, TableRef } from './query-ast.js';

export type Dialect = 'socialsql' | 'sqlite';

const PREDICATES = new Set<Expr['k']>(['cmp', 'isnull', 'like', 'in', 'between', 'insub', 'exists']);

const quote = (s: string): string => `'${s.replace(/'/g, "''")}'`;

export function renderExpr(e: Expr, d: Dialect): string {
  const r = (x: Expr) => renderExpr(x, d);
  switch (e.k) {
    case 'col':
      return `${e.alias}.${e.column}`;
    case 'lit':
      if (e.value === null) return 'NULL';
      if (typeof e.value === 'boolean') return d === 'sqlite' ? (e.value ? '1' : '0') : e.value ? 'TRUE' : 'FALSE';
      if (typeof e.value === 'number') return e.value < 0 ? `(${e.value})` : String(e.value);
      // SQLite compares datetimes as ISO text, so a date literal is written in the stored form.
      if (e.type === 'Datetime' && d === 'sqlite') return quote(new Date(e.value.length === 10 ? `${e.value}T00:00:00Z` : e.value).toISOString());
      return quote(e.value);
    case 'cmp':
      return `(${r(e.l)} ${e.op} ${r(e.r)})`;
    case 'and':
    case 'or': {
      // Predicates inside AND/OR, and ANDs inside OR, go without parentheses: precedence must hold.
      const bare = (x: Expr): string => {
        const text = x.k === 'and' && e.k === 'or' ? x.items.map(bare).join(' AND ') : r(x);
        return PREDICATES.has(x.k) && text.startsWith('(') && text.endsWith(')') ? text.slice(1, -1) : text;
      };
      return `(${e.items.map(bare).join(e.k === 'and' ? ' AND ' : ' OR ')})`;
    }
    case 'not':
      return `(NOT ${r(e.e)})`;
    case 'isnull':
      return `(${r(e.e)} IS ${e.neg ? 'NOT ' : ''}NULL)`;
    case 'like':
      return `(${r(e.e)} ${e.neg ? 'NOT ' : ''}LIKE ${quote(e.pattern)}${e.escape !== undefined ? ` ESCAPE ${quote(e.escape)}` : ''})`;
    case 'in':
      return `(${r(e.e)} ${e.neg ? 'NOT ' : ''}IN (${e.items.map(r).join(', ')}))`;
    case 'between':
      return `(${r(e.e)} ${e.neg ? 'NOT ' : ''}BETWEEN ${r(e.lo)} AND ${r(e.hi)})`;
    case 'insub':
      return `(${r(e.e)} ${e.neg ? 'NOT ' : ''}IN (${renderQuery(e.sub, d)}))`;
    case 'exists':
      return `(${e.neg ? 'NOT ' : ''}EXISTS (${renderQuery(e.sub, d)}))`;
    case 'scalarsub':
      return `(${renderQuery(e.sub, d)})`;
    case 'arith':
      // `/` is always a Double in socialsql; SQLite divides integers as integers.
      return e.op === '/' && d === 'sqlite' ? `(CAST(${r(e.l)} AS REAL) / ${r(e.r)})` : `(${r(e.l)} ${e.op} ${r(e.r)})`;
    case 'agg':
      return `${e.fn}(${e.distinct ? 'DISTINCT ' : ''}${e.arg ? r(e.arg) : '*'})`;
    case 'win':
      return `${e.fn}(${e.arg ? r(e.arg) : '*'}) OVER (${e.partitionBy.length > 0 ? `PARTITION BY ${e.partitionBy.map(r).join(', ')}` : ''})`;
  }
}

/** `tableName` names the oracle's table for a FROM or JOIN table (its all-accounts copy, say); a block's own tables are named for the block. */
export function renderQuery(q: Query, d: Dialect, tableName: (table: string, q: Query) => string = (table) => table): string {
  const r = (x: Expr) => renderExpr(x, d);
  const refs = [q.from, ...q.joins.map((j) => j.table)];
  // SQLite 3.53 flattens a UNION ALL of RIGHT or FULL joins wrongly when a side's WHERE holds a
  // correlated subquery (the side's rows come back unfiltered): the oracle materializes every block.
  const asCte = (t: TableRef) => t.block !== undefined && (t.cte || d === 'sqlite');
  const ctes = refs.filter(asCte);
  const source = (t: TableRef): string => (t.block === undefined ? `${tableName(t.table, q)} ${t.alias}` : asCte(t) ? t.alias : `(${renderBlock(t.block, d, tableName)}) ${t.alias}`);
  const materialized = d === 'sqlite' ? ' MATERIALIZED' : '';
  let sql = ctes.length > 0 ? `WITH ${ctes.map((t) => `${t.alias} AS${materialized} (${renderBlock(t.block!, d, tableName)})`).join(', ')} ` : '';
  sql += `SELECT ${q.distinct ? 'DISTINCT ' : ''}${q.items.map((i) => `${r(i.e)} AS ${i.as}`).join(', ')} FROM ${source(q.from)}`;
  for (const j of q.joins) sql += ` ${j.type} ${source(j.table)} ON ${r(j.on)}`;
  if (q.where) sql += ` WHERE ${r(q.where)}`;
  if (q.groupBy.length > 0) sql += ` GROUP BY ${q.groupBy.map(r).join(', ')}`;
  if (q.having) sql += ` HAVING ${r(q.having)}`;
  if (q.orderBy.length > 0) sql += ` ORDER BY ${q.orderBy.map((o) => `${r(o.e)}${o.desc ? ' DESC' : ''}`).join(', ')}`;
  if (q.limit !== undefined) sql += ` LIMIT ${q.limit}`;
  if (q.offset !== undefined) sql += ` OFFSET ${q.offset}`;
  return sql;
}

function renderBlock(b: Block, d: Dialect, tableName: (table: string, q: Query) => string): string {
  return b.k === 'select' ? renderQuery(b.q, d, tableName) : `${renderQuery(b.left, d, tableName)} ${b.op} ${renderQuery(b.right, d, tableName)}`;
}
