/**
 * Planned calls as data (DESIGN §6): for a scan and the values of its parameters, the exact
 * requests it sends. Fetching and EXPLAIN both read this, and tests assert it, so what EXPLAIN
 * says cannot drift from what is sent.
 */
import type { Value } from '../catalog/types.js';

export interface PlannedRequest {
  /** GET, or POST for a request that creates something to read later (an async analytics job). */
  readonly method: 'GET' | 'POST';
  /** Below the API's version root, values encoded: `/accounts/18ce54d4x5t/campaigns`. */
  readonly path: string;
  /** Query parameters as sent (paging parameters such as `count`, `cursor` and `limit` left out). */
  readonly query: Readonly<Record<string, string>>;
  /** `list`: pages of objects; `object`: one object; `ids`: a multi-id read answered as an object keyed by id. */
  readonly kind: 'list' | 'object' | 'ids';
  /** Row values this request stands for (the AccountId of its path, a pseudo-column's value). */
  readonly rowValues: Readonly<Record<string, Value>>;
}

export type PlannedCalls =
  | {
      readonly known: true;
      readonly requests: readonly PlannedRequest[];
      /** Indexes of `requests` sent together in one HTTP call (a Graph `POST /` batch); one group per call. */
      readonly batches: readonly (readonly number[])[];
      /** Whether a response may have further pages, each one more call. */
      readonly morePages: boolean;
    }
  /** The requests depend on data: values from a join or subquery, or a default not yet resolved. */
  | { readonly known: false; readonly reason: string };

/** HTTP calls for the first page of every planned request: one per batch. */
export function firstPageCalls(planned: PlannedCalls): number | null {
  return planned.known ? planned.batches.length : null;
}

/** `GET /accounts/a1/campaigns?campaign_ids=c1,c2`, for tests and EXPLAIN. */
export function requestText(request: PlannedRequest): string {
  const query = Object.entries(request.query)
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  return `${request.method} ${request.path}${query ? `?${query}` : ''}`;
}
