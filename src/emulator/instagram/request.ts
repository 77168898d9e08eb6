// What a Graph handler sees: the version-stripped path, the parameters (query
// first, then form body) and what next/previous links need.
import type { ParamList } from './paging.js';

export interface GraphRequest {
  method: string;
  /** Path without the version prefix: "/1784.../media", "/" for the root. */
  path: string;
  /** "/v21.0", or "" when the request was unversioned. */
  versionPrefix: string;
  /** Query parameters then form-body parameters. */
  params: ParamList;
  /** Query parameters only: next/previous links repeat them (access_token included when it was sent there). */
  query: ParamList;
  /** "http://127.0.0.1:PORT": links point back at the emulator. */
  baseUrl: string;
  nowMs: number;
}

export function param(request: Pick<GraphRequest, 'params'>, name: string): string | undefined {
  return request.params.find(([k]) => k === name)?.[1];
}
