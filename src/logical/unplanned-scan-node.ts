/**
 * A table read before the source is asked: the conjuncts offered to it, each with the check to run
 * locally when the source does not apply it exactly. The negotiate-scans pass asks the source and
 * turns it into a Scan; nothing compiles or explains an UnplannedScan.
 */
import type { PushdownPredicate, TableSource } from '../source/contract.js';
import type { BoundExpr } from './expr-scope.js';

export interface ScanOffer {
  readonly predicate: PushdownPredicate;
  /** The conjunct it came from, checked locally unless the source applies the predicate exactly. */
  readonly check: BoundExpr;
}

export interface UnplannedScanNode {
  readonly kind: 'UnplannedScan';
  /** `Campaigns c`. */
  readonly label: string;
  /** The name it is bound as in FROM (alias or table name): names a dependent join's Param. */
  readonly binding: string;
  readonly source: TableSource;
  /** Where each column read from the source goes in the tuple. */
  readonly columns: readonly { readonly column: string; readonly slot: number }[];
  /** Tuple width of the query block the scan belongs to. */
  readonly width: number;
  readonly offers: readonly ScanOffer[];
  /** Conditions checked locally, never offered (they have no predicate shape, or are constants). */
  readonly local: readonly BoundExpr[];
  /**
   * Offered too when a dependent join drives this scan: what the join key column implies (unless an
   * offer already names that column), then the key `IN (Param)`, last. The source's answer for the
   * Param decides the join's strategy.
   */
  readonly joinParam?: { readonly implied: readonly PushdownPredicate[]; readonly param: PushdownPredicate };
}
