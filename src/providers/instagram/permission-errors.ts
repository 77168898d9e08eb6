/**
 * Graph permission errors (#10 and #200-#299) as AuthError naming the missing permission: the one the
 * message names (`Requires instagram_manage_insights permission`), else the one Meta documents for the
 * endpoint. Per-media #10 on insights (too few viewers) never reaches here: it is a per-row NULL.
 */
import { AuthError } from '../../errors.js';

/** The permission an endpoint needs under Facebook Login, by the shape of its path. */
export function permissionFor(method: string, path: string): string {
  if (/\/insights$/.test(path)) return 'instagram_manage_insights';
  if (/\/(comments|replies)$/.test(path) || (method !== 'GET' && /^\/\d+$/.test(path))) return 'instagram_manage_comments';
  if (/^\/me\/accounts$/.test(path)) return 'pages_show_list';
  return 'instagram_basic';
}

const NAMED = /\b((?:instagram|pages|business|ads|read|manage)_[a-z_]+)\b/;

export function permissionError(method: string, path: string, failure: { readonly code: number; readonly subcode?: number }, message: string): AuthError | undefined {
  const isPermission = failure.code === 10 || (failure.code >= 200 && failure.code <= 299);
  if (!isPermission) return undefined;
  const named = NAMED.exec(message)?.[1];
  const permission = named ?? permissionFor(method, path);
  return new AuthError(
    `Instagram refused ${method} ${path} for lack of a permission (code ${failure.code}: ${message}). ` +
      `The token needs ${permission}${named ? '' : ' (the permission Meta documents for this endpoint)'}: add it to Scope and authorize again; SELECT * FROM Permissions shows what the token has.`,
  );
}
