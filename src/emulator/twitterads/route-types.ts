// What a route handler sees and returns; the server does auth, limits and faults around it.
import type { ParamList } from './oauth-verifier.js';
import type { RateCategory } from './rate-limits.js';

export interface ApiRequest {
  method: string;
  pathParams: Record<string, string>;
  /** Query-string parameters, decoded, in order. */
  query: ParamList;
  /** application/x-www-form-urlencoded body parameters (writes may send fields this way). */
  form: ParamList;
  /** Parsed JSON body (batch endpoints); undefined when there is none. */
  jsonBody: unknown;
  nowMs: number;
}

export interface ApiResponse {
  status: number;
  body: unknown;
  /** Extra response headers (X-Concurrent-Job-Limit...). */
  headers?: Record<string, string>;
}

export interface RouteDefinition {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** e.g. "/12/accounts/:account_id/campaigns"; also the key in /__emulator/stats. */
  template: string;
  category: RateCategory;
  handle(request: ApiRequest): ApiResponse;
}
