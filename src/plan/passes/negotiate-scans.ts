/**
 * Scan negotiation, a pass over one query block's tree: every UnplannedScan asks its source for a
 * ScanPlan with the predicates it is offered, and becomes a Scan whose `local` checks are the
 * offered conjuncts the source does not apply exactly, then those never offered.
 *
 * A DependentJoin's inner scan is offered the join's Param too. When the source refuses it (or, for
 * a preserved RIGHT/FULL side, does not apply it exactly), the join becomes its fallback hash join
 * and the scan is negotiated again without the Param.
 */
import { PlanError } from '../../errors.js';
import type { DependentJoinNode } from '../../logical/dependent-join-node.js';
import type { JoinNode } from '../../logical/join-node.js';
import { inputsOf, type LogicalNode } from '../../logical/logical-node.js';
import type { ScanNode } from '../../logical/scan-node.js';
import type { UnplannedScanNode } from '../../logical/unplanned-scan-node.js';
import type { PushdownHandling, PushdownPredicate, ScanRequest } from '../../source/contract.js';
import { scanUnder, withInputs } from './walk.js';

export function negotiateScans(root: LogicalNode): LogicalNode {
  if (root.kind === 'UnplannedScan') return negotiate(root, false).scan;
  if (root.kind === 'DependentJoin') return negotiateDependent(root);
  return withInputs(root, inputsOf(root).map(negotiateScans));
}

function negotiateDependent(join: DependentJoinNode): LogicalNode {
  const outer = negotiateScans(join.outer);
  const { fallback, ...dependent } = join;
  // The scan takes the Param under what stays over it: filters left above, the Applies of its ON.
  const under = scanUnder(join.inner, (n): n is UnplannedScanNode => n.kind === 'UnplannedScan');
  if (under === undefined) {
    const inner = negotiateScans(join.inner);
    if (fallback === undefined) return { ...dependent, outer, inner };
    return { kind: 'Join', outer, inner, type: fallback.type, keys: join.keys, ...(join.residual ? { residual: join.residual } : {}), innerSlots: join.innerSlots };
  }
  const driven = negotiate(under.scan, true);
  const accepted = driven.paramHandling !== undefined && driven.paramHandling !== 'unsupported' && (fallback?.needsExact !== true || driven.paramHandling === 'exact');
  if (accepted || fallback === undefined) return { ...dependent, outer, inner: under.over(driven.scan) };
  const hash: JoinNode = { kind: 'Join', outer, inner: under.over(negotiate(under.scan, false).scan), type: fallback.type, keys: join.keys, ...(join.residual ? { residual: join.residual } : {}), innerSlots: join.innerSlots };
  return hash;
}

function negotiate(node: UnplannedScanNode, withParam: boolean): { scan: ScanNode; paramHandling?: PushdownHandling } {
  const join = withParam ? node.joinParam : undefined;
  const param = join ? [...join.implied.filter((p) => !node.offers.some((o) => o.predicate.column === p.column)), join.param] : [];
  const predicates: PushdownPredicate[] = [...node.offers.map((o) => o.predicate), ...param];
  const request: ScanRequest = { predicates, columns: node.columns.map((c) => c.column) };
  const plan = node.source.plan(request);
  if (plan.handling.length !== predicates.length) {
    throw new PlanError(`Table ${node.source.info.name} answered ${plan.handling.length} handlings for ${predicates.length} predicates`);
  }
  const local = [...node.offers.filter((_o, i) => plan.handling[i] !== 'exact').map((o) => o.check), ...node.local];
  const paramIds = predicates.flatMap((p) => (p.kind === 'In' ? p.operands : p.kind === 'Compare' ? [p.operand] : [])).flatMap((o) => (o.kind === 'Param' ? [o.id] : []));
  const scan: ScanNode = { kind: 'Scan', label: node.label, source: node.source, request, plan, columns: node.columns, width: node.width, local, paramIds, sorted: false };
  return { scan, ...(param.length > 0 ? { paramHandling: plan.handling[predicates.length - 1]! } : {}) };
}
