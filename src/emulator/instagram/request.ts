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

/**
 * application/x-www-form-urlencoded pairs, as URLSearchParams parses them, with the native
 * decoder: a batch body is one long percent-encoded JSON value. Text the native decoder refuses
 * (a stray %, broken UTF-8) goes to URLSearchParams, whose answer is the standard's.
 */
export function formPairs(text: string): ParamList {
  const pairs: ParamList = [];
  if (text === '') return pairs;
  try {
    for (const piece of text.split('&')) {
      if (piece === '') continue;
      const eq = piece.indexOf('=');
      pairs.push(eq < 0 ? [formDecode(piece), ''] : [formDecode(piece.slice(0, eq)), formDecode(piece.slice(eq + 1))]);
    }
  } catch {
    return [...new URLSearchParams(text)];
  }
  return pairs;
}

function formDecode(text: string): string {
  if (!text.includes('%') && !text.includes('+')) return text;
  return decodeURIComponent(text.replace(/\+/g, ' '));
}

export function param(request: Pick<GraphRequest, 'params'>, name: string): string | undefined {
  return request.params.find(([k]) => k === name)?.[1];
}
