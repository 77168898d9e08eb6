/** `CACHE` and `REPLICATE` (CData): land a SELECT's rows in the replication target. */
import type { SelectStatement } from './select.js';

export interface ReplicationOptions {
  /** WITH TRUNCATE: empty the target table first. */
  readonly truncate: boolean;
  /** WITH AUTOCOMMIT: commit each page as it lands (else one transaction at the end). */
  readonly autocommit: boolean;
  /** WITH SCHEMA ONLY: create or widen the table; no rows, no API call. */
  readonly schemaOnly: boolean;
  /** WITH DROP EXISTING: drop the target table and create it again. */
  readonly dropExisting: boolean;
  /** WITH ALTER SCHEMA: add the columns the table lacks (socialsql always does). */
  readonly alterSchema: boolean;
}

export interface ReplicationStatement {
  readonly kind: 'Replication';
  /** CACHE upserts what the query returns; REPLICATE does too and reports only new or changed rows. */
  readonly verb: 'CACHE' | 'REPLICATE';
  /** The target table; default: the query's table. */
  readonly table?: string;
  readonly options: ReplicationOptions;
  readonly query: SelectStatement;
}
