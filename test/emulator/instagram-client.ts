// Test helper for the Instagram emulator: plain fetch with the token in the query
// (default), in a Bearer header, or not at all.
import type { RunningInstagramEmulator } from '../../src/emulator/instagram/index.js';

export interface GraphResult<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export interface CallOptions {
  method?: string;
  /** 'query' (default): ?access_token=; 'header': Authorization: Bearer; 'none'. */
  auth?: 'query' | 'header' | 'none';
  token?: string;
  /** Extra query parameters. */
  query?: Record<string, string | number>;
  /** Form body (application/x-www-form-urlencoded). */
  form?: Record<string, string>;
  json?: unknown;
}

export async function graph<T = any>(emu: RunningInstagramEmulator, path: string, options: CallOptions = {}): Promise<GraphResult<T>> {
  const url = new URL(path.startsWith('http') ? path : `${emu.url}${path}`);
  for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, String(v));
  const token = options.token ?? emu.credentials.accessToken;
  const auth = options.auth ?? 'query';
  if (auth === 'query' && !url.searchParams.has('access_token')) url.searchParams.set('access_token', token);
  const headers: Record<string, string> = {};
  if (auth === 'header') headers.authorization = `Bearer ${token}`;
  let body: string | undefined;
  if (options.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(options.form).toString();
  } else if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  }
  const res = await fetch(url, { method: options.method ?? 'GET', headers, body, redirect: 'manual' });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // HTML pages and truncated bodies stay text.
  }
  return { status: res.status, headers: res.headers, body: parsed as T };
}

export async function admin(emu: RunningInstagramEmulator, method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${emu.url}${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
  return res.json();
}

export const MEDIA_FIELDS =
  'caption,comments_count,id,ig_id,is_comment_enabled,like_count,media_type,media_product_type,media_url,owner,permalink,shortcode,thumbnail_url,timestamp,username,children';

export const GRAPH_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0000$/;
