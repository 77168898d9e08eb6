/**
 * Finds the "first k rows per partition" shape: a derived table whose block is
 * `SELECT ..., ROW_NUMBER() OVER (...) AS rn FROM ...` read through an outer filter such as
 * `rn = 1`, `rn <= k` or `rn < k`. The window then needs to keep only k rows per partition. The
 * filter itself stays where it is; this only tells the window operator what it may drop.
 */
import type { SubqueryScanNode } from '../../logical/subquery-scan-node.js';
import type { WindowNode } from '../../logical/window-node.js';
import type { BoundExpr } from '../../logical/expr-scope.js';
import type { Expr } from '../../sql/ir.js';
import { MAX_TOP_ROWS } from '../operators/window.js';

export interface RowNumberLimit {
  readonly window: WindowNode;
  /** Rows whose ROW_NUMBER is above this never pass the filter. */
  readonly k: number;
}

export function rowNumberLimit(node: SubqueryScanNode): RowNumberLimit | undefined {
  const project = node.plan.root;
  if (project.kind !== 'Project' || project.input.kind !== 'Window') return undefined;
  const window = project.input;
  // With other calls beside it, every row of every partition still counts.
  if (window.calls.length !== 1 || window.calls[0]!.name !== 'ROW_NUMBER') return undefined;
  const rowNumberSlot = window.width;
  let best: number | undefined;
  for (const condition of node.local) {
    const bound = upperBound(condition);
    if (bound === undefined) continue;
    const column = node.columns.find((c) => c.slot === bound.slot);
    const output = column === undefined ? undefined : project.outputs[column.index];
    if (output === undefined || output.scope.slots.get(output.expr)?.slot !== rowNumberSlot) continue;
    best = best === undefined ? bound.k : Math.min(best, bound.k);
  }
  return best !== undefined && best >= 1 && best <= MAX_TOP_ROWS ? { window, k: best } : undefined;
}

/** `column = n`, `column <= n`, `column < n` (either way round): the slot and the largest integer that passes. */
function upperBound(condition: BoundExpr): { slot: number; k: number } | undefined {
  const e = condition.expr;
  if (e.kind !== 'Binary') return undefined;
  const flipped: Record<string, string> = { '=': '=', '<=': '>=', '<': '>', '>=': '<=', '>': '<' };
  const [column, literal, op] = e.left.kind === 'ColumnRef' ? [e.left, e.right, e.op] : [e.right, e.left, flipped[e.op]];
  if (column.kind !== 'ColumnRef' || op === undefined) return undefined;
  const n = numberLiteral(literal);
  const slot = condition.scope.slots.get(column)?.slot;
  if (n === undefined || slot === undefined) return undefined;
  switch (op) {
    case '=':
    case '<=':
      return { slot, k: Math.floor(n) };
    case '<':
      return { slot, k: Math.ceil(n) - 1 };
    default:
      return undefined;
  }
}

function numberLiteral(e: Expr): number | undefined {
  return e.kind === 'Literal' && typeof e.value === 'number' && Number.isFinite(e.value) ? e.value : undefined;
}
