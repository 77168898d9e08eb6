/**
 * Key columns: what a table's API can filter on, as data (in the spirit of Steampipe's KeyColumn).
 * Every table, ordinary or special, declares its key columns; one binder (`bind-key-columns.ts`)
 * matches the query's predicates to them, and the planner reads them to choose dependent joins.
 */

/** `LIKE_PREFIX` is `LIKE 'abc%'`; `<`, `<=`, `>`, `>=` are range bounds (Graph `since`/`until`, time windows). */
export type KeyOperator = '=' | 'IN' | 'LIKE_PREFIX' | '<' | '<=' | '>' | '>=';

export type KeyTarget =
  /**
   * A `:name` segment of the endpoint path; several values mean one call per value.
   * `notFound: 'empty'`: the segment is the id of a parent object, and the API's "not found" for
   * it means that parent has no rows (an AccountId that is no live account), not a failed query.
   */
  | { readonly in: 'path'; readonly name: string; readonly notFound?: 'empty' }
  /** A query parameter; list values are comma-joined, at most `maxValues` a call. */
  | { readonly in: 'query'; readonly name: string; readonly maxValues?: number }
  /** Read by the table's own planning function (time windows, metric groups, entity types). */
  | { readonly in: 'plan'; readonly name: string };

/**
 * Used when the query gives no value. A constant is checked against the column type when the
 * schema loads (`defineApiTable`); `resolve` names a value the provider's client resolves at run
 * time (the default account, every media), once per connection when `perConnection`.
 */
export type KeyDefault =
  | { readonly constant: string }
  /** `perConnection`: the value stays the same for the connection's life (the default account), so it is resolved once. */
  | { readonly resolve: string; readonly perConnection?: boolean };

/** What an id of one API looks like. A value that does not match is no id of that API: it matches no row and costs no call. */
export interface IdFormat {
  /** `Twitter Ads id`, for docs and EXPLAIN. */
  readonly name: string;
  readonly pattern: RegExp;
  /** An example that matches, for docs. */
  readonly example: string;
}

/**
 * When a join gives this key column its values from `from` (table and column), the values are
 * known to be of a kind the table must be told about: `then` is a key value the planner adds
 * (Insights: values from Campaigns.Id → EntityType = 'CAMPAIGN').
 */
export interface JoinImplication {
  readonly from: { readonly table: string; readonly column: string };
  readonly then: { readonly column: string; readonly value: string };
}

export interface KeyColumn {
  readonly column: string;
  readonly operators: readonly KeyOperator[];
  /**
   * `required`: a query cannot run without a value (or the default); `optional`: used when given;
   * `any_of`: at least one of the table's `any_of` key columns must have a value.
   */
  readonly require: 'required' | 'optional' | 'any_of';
  /** Takes values known only at run time: a join's keys, a subquery's result. Default: true when `IN` is an operator. */
  readonly acceptsParams?: boolean;
  /** `exact` when the API applies the predicate exactly as SQL would; `inexact` when it only narrows (the engine re-checks). */
  readonly exactness: 'exact' | 'inexact';
  readonly target: KeyTarget;
  readonly default?: KeyDefault;
  /** Example for the missing-filter error message. */
  readonly example?: string;
  /** The only values the API accepts; any other value matches no row, so no call is made for it. */
  readonly values?: readonly string[];
  /** Values must look like ids of the API; others match no row (and can never reach a URL). */
  readonly idFormat?: IdFormat;
  /** How values are written: as text (default), or a timestamp as Unix seconds. */
  readonly format?: 'unix-seconds';
  readonly joinImplies?: readonly JoinImplication[];
  /** How the table's own planning uses the values (`20 a call`, `7-day windows`), for docs. */
  readonly note?: string;
}

export function acceptsParams(key: KeyColumn): boolean {
  return key.acceptsParams ?? key.operators.includes('IN');
}

/** Whether the table can run with no value for this key column. */
export function isSatisfiedWithout(key: KeyColumn): boolean {
  return key.require !== 'required' || key.default !== undefined;
}

/** How sys_keycolumns and the README show a key column's operators. */
export function operatorText(key: KeyColumn): string {
  return key.operators.map((o) => (o === 'LIKE_PREFIX' ? "LIKE 'prefix%'" : o)).join(', ');
}

/** A key column read by a special table's own planning function (`target: { in: 'plan' }`); values from joins only when said. */
export function plannedKey(
  column: string,
  operators: readonly KeyOperator[],
  options: {
    readonly acceptsParams?: boolean;
    readonly exactness?: 'exact' | 'inexact';
    readonly idFormat?: IdFormat;
    readonly joinImplies?: readonly JoinImplication[];
    readonly name?: string;
    readonly note?: string;
  } = {},
): KeyColumn {
  return {
    column,
    operators,
    require: 'optional',
    acceptsParams: options.acceptsParams ?? false,
    exactness: options.exactness ?? 'exact',
    target: { in: 'plan', name: options.name ?? column },
    ...(options.idFormat ? { idFormat: options.idFormat } : {}),
    ...(options.joinImplies ? { joinImplies: options.joinImplies } : {}),
    ...(options.note ? { note: options.note } : {}),
  };
}
