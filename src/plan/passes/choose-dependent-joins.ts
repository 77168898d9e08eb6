/**
 * Turns a hash Join into a DependentJoin where the inner table can take the outer side's key values
 * as a Param (README, "Join order"). planFrom builds every join as a Join in its join order; this
 * pass picks the strategy from the key columns the inner source declares, and negotiate-scans falls
 * back to the hash join (`fallback`) when the source refuses the Param.
 *
 * INNER/LEFT: the first equality key whose inner column takes Params. RIGHT/FULL read their whole
 * inner side, so the outer keys may drive it only where they define that side: through a required
 * key column, as the join's only condition, sent exactly; it then runs as INNER (RIGHT) or LEFT (FULL).
 */
import type { PushdownPredicate } from '../../source/contract.js';
import { acceptsParams, type KeyColumn } from '../../source/key-column.js';
import type { BoundExpr } from '../../logical/expr-scope.js';
import type { JoinNode, JoinType } from '../../logical/join-node.js';
import { inputsOf, type LogicalNode } from '../../logical/logical-node.js';
import type { UnplannedScanNode } from '../../logical/unplanned-scan-node.js';
import { scanUnder, withInputs } from './walk.js';

export interface DependentJoinOptions {
  /** Outer rows per batch of a dependent join. */
  readonly joinBatchSize: number;
}

export function chooseDependentJoins(root: LogicalNode, options: DependentJoinOptions): LogicalNode {
  const visit = (node: LogicalNode): LogicalNode => {
    const next = withInputs(node, inputsOf(node).map(visit));
    return next.kind === 'Join' ? dependentOf(next, options) : next;
  };
  return visit(root);
}

function dependentOf(join: JoinNode, options: DependentJoinOptions): LogicalNode {
  // The inner side as planFrom builds it: the scan, under a LEFT join's ON candidates in a Filter
  // and the Applies of its ON's correlated subqueries.
  const inner = scanUnder(join.inner, (n): n is UnplannedScanNode => n.kind === 'UnplannedScan');
  if (inner === undefined) return join;
  const scan = inner.scan;
  const keyColumn = (k: number): KeyColumn | undefined => {
    const column = columnOf(scan, join.keys[k]!.inner);
    return column === undefined ? undefined : scan.source.keyColumns.find((c) => c.column === column && acceptsParams(c) && c.operators.includes('IN'));
  };
  let chosen: { key: number; needsExact: boolean; type: JoinType } | undefined;
  if (join.type === 'Inner' || join.type === 'Left') {
    const k = join.keys.findIndex((_k, i) => keyColumn(i) !== undefined);
    if (k >= 0) chosen = { key: k, needsExact: false, type: join.type };
  } else if (join.keys.length === 1 && join.residual === undefined && keyColumn(0)?.require === 'required') {
    chosen = { key: 0, needsExact: true, type: join.type === 'Right' ? 'Inner' : 'Left' };
  }
  if (chosen === undefined) return join;

  const key = join.keys[chosen.key]!;
  const innerColumn = columnOf(scan, key.inner)!;
  const driven: UnplannedScanNode = { ...scan, joinParam: { implied: impliedBy(keyColumn(chosen.key)!, producerOf(join.outer, key.outer)), param: { kind: 'In', column: innerColumn, operands: [{ kind: 'Param', id: paramIdOf(scan) }] } } };
  const { kind: _kind, outer, inner: _inner, ...condition } = join;
  return {
    kind: 'DependentJoin',
    outer,
    inner: inner.over(driven),
    ...condition,
    type: chosen.type,
    paramKeyIndex: chosen.key,
    paramId: paramIdOf(scan),
    batchSize: options.joinBatchSize,
    fallback: { type: join.type, needsExact: chosen.needsExact },
  };
}

export function paramIdOf(scan: UnplannedScanNode): string {
  return `join:${scan.binding}`;
}

/** The source column a join key reads from this scan. */
function columnOf(scan: UnplannedScanNode, e: BoundExpr): string | undefined {
  const slot = e.scope.slots.get(e.expr)?.slot;
  return slot === undefined ? undefined : scan.columns.find((c) => c.slot === slot)?.column;
}

/** The table (as named in FROM's catalog entry, or a derived table's name) and column that fill the outer key's slot. */
function producerOf(outer: LogicalNode, e: BoundExpr): { table: string; column: string } | undefined {
  const slot = e.scope.slots.get(e.expr)?.slot;
  if (slot === undefined) return undefined;
  const find = (node: LogicalNode): { table: string; column: string } | undefined => {
    if (node.kind === 'UnplannedScan') {
      const c = node.columns.find((col) => col.slot === slot);
      return c === undefined ? undefined : { table: node.source.info.name, column: c.column };
    }
    if (node.kind === 'Subquery') {
      const c = node.columns.find((col) => col.slot === slot);
      const field = c === undefined ? undefined : node.plan.fields[c.index];
      return field === undefined ? undefined : { table: node.label, column: field.name };
    }
    for (const input of inputsOf(node)) {
      const found = find(input);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  return find(outer);
}

/** What the key column declares about values from the outer column (Insights: Campaigns.Id → EntityType = 'CAMPAIGN'). */
function impliedBy(key: KeyColumn, from: { table: string; column: string } | undefined): PushdownPredicate[] {
  const implied: PushdownPredicate[] = [];
  if (from === undefined) return implied;
  for (const i of key.joinImplies ?? []) {
    if (i.from.table !== from.table || i.from.column !== from.column || implied.some((p) => p.column === i.then.column)) continue;
    implied.push({ kind: 'Compare', column: i.then.column, op: '=', operand: { kind: 'Const', value: i.then.value } });
  }
  return implied;
}
