/** Reads one table through the ScanPlan its source chose; predicates the source does not apply are `local`. */
import type { ScanPlan, ScanRequest, TableSource } from '../source/contract.js';
import type { BoundExpr } from './expr-scope.js';

export interface ScanNode {
  readonly kind: 'Scan';
  /** `Campaigns c`. */
  readonly label: string;
  /** The table, and the request `plan` answers: a pass may negotiate again (offer an order). */
  readonly source: TableSource;
  readonly request: ScanRequest;
  readonly plan: ScanPlan;
  /** Where each column read from the source goes in the tuple. */
  readonly columns: readonly { readonly column: string; readonly slot: number }[];
  /** Tuple width of the query block the scan belongs to. */
  readonly width: number;
  readonly local: readonly BoundExpr[];
  /** limit + offset sent to the source: set only when nothing above can drop or reorder rows. */
  readonly limit?: number;
  /** Param ids the scan's predicates use (join keys, subquery results). */
  readonly paramIds: readonly string[];
  /** True when rows arrive in the requested order. */
  readonly sorted: boolean;
}
