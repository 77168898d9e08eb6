// What the emulated login pages and token endpoints share: HTML and JSON answers, parameters,
// and the redirect URIs the emulated app has registered (any http(s) URI on localhost or
// 127.0.0.1, any port and path: CData's default http://localhost:33333 and the loopback listeners
// the connector's headless flow opens on a free port).
import type { RawResponse } from './oauth-flow.js';
import type { ParamList } from './paging.js';

export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

export function html(status: number, title: string, inner: string): RawResponse {
  return {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body style="font-family:sans-serif;max-width:34em;margin:3em auto">${inner}</body></html>`,
  };
}

export function json(status: number, body: unknown): RawResponse {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(body) };
}

export function get(params: ParamList, name: string): string | undefined {
  return params.find(([k]) => k === name)?.[1];
}

export function isRegisteredRedirect(uri: string): boolean {
  try {
    const url = new URL(uri);
    return (url.protocol === 'http:' || url.protocol === 'https:') && (url.hostname === 'localhost' || url.hostname === '127.0.0.1');
  } catch {
    return false;
  }
}

