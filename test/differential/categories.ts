/**
 * Which of a query's mismatches belong to other areas, by what the query touches: a literal on an
 * id column that is no id in the data ('odd-ids': ids, paths and lists are the source layer's), or
 * Accounts together with another table ('accounts-join': which accounts a table covers).
 */
import type { DiffTable } from './dataset.js';
import type { Category, Expr, Query } from './query-ast.js';
import { KEY_COLUMNS } from './generators/context.js';

export function categoriesOf(q: Query, tables: ReadonlyMap<string, DiffTable>): Set<Category> {
  const found = new Set<Category>();
  const ids = new Set<unknown>();
  for (const t of tables.values()) for (const r of t.rows) for (const c of KEY_COLUMNS) if (r[c] !== undefined) ids.add(r[c]);
  const visitQuery = (query: Query, outer: readonly string[]): void => {
    const block = query.from.block;
    if (block) for (const q of block.k === 'select' ? [block.q] : [block.left, block.right]) visitQuery(q, outer);
    const names = [...(block ? [] : [query.from.table]), ...query.joins.map((j) => j.table.table), ...outer];
    if (names.includes('Accounts') && names.length > 1) found.add('accounts-join');
    const visit = (e: Expr | undefined): void => {
      if (e === undefined) return;
      switch (e.k) {
        case 'cmp':
          if (e.l.k === 'col' && KEY_COLUMNS.has(e.l.column) && e.r.k === 'lit' && !ids.has(e.r.value)) found.add('odd-ids');
          visit(e.l);
          visit(e.r);
          return;
        case 'in':
          if (e.e.k === 'col' && KEY_COLUMNS.has(e.e.column) && e.items.some((i) => i.k === 'lit' && !ids.has(i.value))) found.add('odd-ids');
          e.items.forEach(visit);
          return;
        case 'between':
          if (e.e.k === 'col' && KEY_COLUMNS.has(e.e.column)) found.add('odd-ids');
          return;
        case 'like':
          if (e.e.k === 'col' && KEY_COLUMNS.has(e.e.column)) found.add('odd-ids');
          return;
        case 'and':
        case 'or':
          e.items.forEach(visit);
          return;
        case 'not':
        case 'isnull':
          visit(e.e);
          return;
        case 'insub':
          visit(e.e);
          visitQuery(e.sub, names);
          return;
        case 'exists':
        case 'scalarsub':
          visitQuery(e.sub, names);
          return;
        case 'arith':
          visit(e.l);
          visit(e.r);
          return;
        default:
          return;
      }
    };
    visit(query.where);
    visit(query.having);
    for (const i of query.items) visit(i.e);
    for (const j of query.joins) visit(j.on);
  };
  visitQuery(q, []);
  return found;
}

/**
 * Which accounts a table covers (README, "Join order"): a table joined with Accounts on its AccountId
 * alone covers every account, for every join kind in either order, and so does one whose ON has more
 * conditions when it is not the preserved side; a table whose AccountId a WHERE
 * conjunct `AccountId IN (SELECT …)` (or the same EXISTS over Accounts) chooses (and that no outer join NULL-extends) covers the accounts
 * chosen (the all-accounts copy under that same filter); otherwise, and in subqueries, the default account. Answers the oracle's table
 * name for a top-level FROM or JOIN table.
 */
export function coveredTable(allAccountsSuffix: string): (table: string, q: Query) => string {
  return (table, q) => {
    if (table === 'Accounts') return table;
    if (accountsChosenByWhere(table, q)) return `${table}${allAccountsSuffix}`;
    if (q.joins.length !== 1) return table;
    const names = [q.from.table, q.joins[0]!.table.table];
    if (!names.includes('Accounts') || !names.includes(table)) return table;
    const { type, on } = q.joins[0]!;
    const isKey = (e: Expr) => e.k === 'cmp' && [e.l, e.r].some((side) => side.k === 'col' && side.column === 'AccountId');
    if (isKey(on)) return `${table}${allAccountsSuffix}`;
    // With more in the ON, Accounts still drives unless the table taking its ids is the preserved side
    // (README: then the ON must be that one equality alone, or it covers the default account).
    const keyed = on.k === 'and' && isKey(on.items[0]!);
    const accountsFirst = q.from.table === 'Accounts';
    const notPreserved = type === 'JOIN' || (type === 'LEFT JOIN' && accountsFirst) || (type === 'RIGHT JOIN' && !accountsFirst);
    return keyed && notPreserved ? `${table}${allAccountsSuffix}` : table;
  };
}

/**
 * A top-level WHERE conjunct `x.AccountId IN (SELECT …)` on a table whose rows no outer join can
 * NULL-extend (the preserved side of a LEFT or RIGHT join, or any table of INNER joins): its scan
 * takes the conjunct, so the table covers the accounts chosen.
 */
function accountsChosenByWhere(table: string, q: Query): boolean {
  const refs = [q.from, ...q.joins.map((j) => j.table)];
  const index = refs.findIndex((t) => t.table === table);
  const preserved =
    q.joins.every((j) => j.type === 'JOIN') ||
    (q.joins.length === 1 && ((index === 0 && q.joins[0]!.type === 'LEFT JOIN') || (index === 1 && q.joins[0]!.type === 'RIGHT JOIN')));
  if (index < 0 || !preserved) return false;
  const alias = refs[index]!.alias;
  const conjuncts = (e: Expr | undefined): Expr[] => (e === undefined ? [] : e.k === 'and' ? e.items.flatMap(conjuncts) : [e]);
  const isAccountId = (e: Expr) => e.k === 'col' && e.alias === alias && e.column === 'AccountId';
  // `EXISTS (SELECT … FROM Accounts s WHERE s.Id = x.AccountId AND <s only>)` is the same semi-join, planned as the IN form.
  const existsOnAccounts = (sub: Query): boolean => {
    if (sub.from.table !== 'Accounts' || sub.joins.length > 0 || sub.groupBy.length > 0 || sub.having !== undefined) return false;
    const inner = sub.from.alias;
    const isId = (e: Expr) => e.k === 'col' && e.alias === inner && e.column === 'Id';
    const parts = conjuncts(sub.where);
    const key = parts.findIndex((c) => c.k === 'cmp' && c.op === '=' && ((isAccountId(c.l) && isId(c.r)) || (isAccountId(c.r) && isId(c.l))));
    return key >= 0 && parts.every((c, i) => i === key || readsOnly(c, inner));
  };
  return conjuncts(q.where).some((c) => (c.k === 'insub' && !c.neg && isAccountId(c.e)) || (c.k === 'exists' && !c.neg && existsOnAccounts(c.sub)));
}

/** True when every column `e` reads belongs to `alias`, and it holds no subquery. */
function readsOnly(e: Expr, alias: string): boolean {
  switch (e.k) {
    case 'col':
      return e.alias === alias;
    case 'lit':
      return true;
    case 'cmp':
    case 'arith':
      return readsOnly(e.l, alias) && readsOnly(e.r, alias);
    case 'and':
    case 'or':
      return e.items.every((x) => readsOnly(x, alias));
    case 'not':
    case 'isnull':
    case 'like':
      return readsOnly(e.e, alias);
    case 'in':
      return readsOnly(e.e, alias) && e.items.every((x) => readsOnly(x, alias));
    case 'between':
      return readsOnly(e.e, alias) && readsOnly(e.lo, alias) && readsOnly(e.hi, alias);
    default:
      return false;
  }
}
