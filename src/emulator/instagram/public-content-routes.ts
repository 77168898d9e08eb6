// Hashtag search routes: GET /ig_hashtag_search, GET /{hashtag-id}, /{hashtag-id}/top_media,
// /{hashtag-id}/recent_media and /{ig-user-id}/recently_searched_hashtags. Every one needs the
// querying account (`user_id`, or the path); searching a hashtag or reading its media counts it
// against the account's 30 unique hashtags per 7 days.
import type { FieldSelection } from './field-selection.js';
import { parseFields } from './field-selection.js';
import { invalidParam, unsupportedRequest } from './graph-error.js';
import { DAY_MS } from './graph-time.js';
import { type ProjectionContext, project } from './node-schemas.js';
import { type Pager, parseLimit } from './paging.js';
import { HASHTAG_MEDIA } from './public-content-fields.js';
import type { PublicMediaRecord } from './public-content.js';
import { type GraphRequest, param } from './request.js';
import type { InstagramStore } from './store.js';

export interface PublicContentRoute {
  /** Stats template below the version prefix. */
  template: string;
  handle(): unknown;
}

const HASHTAG_ID = /^17843\d{12}$/;
/** top_media and recent_media: "a maximum limit of 50 results per page". */
const HASHTAG_MEDIA_MAX = 50;
/** recently_searched_hashtags: 25 a page by default, up to 30. */
const RECENT_SEARCHES_MAX = 30;

export function publicContentRoute(request: GraphRequest, segments: readonly string[], store: InstagramStore, pager: Pager): PublicContentRoute | undefined {
  const [first, edge, ...rest] = segments;
  if (first === undefined || rest.length > 0) return undefined;
  // Most calls are not about public content: no route closures made for them.
  if (first !== 'ig_hashtag_search' && !HASHTAG_ID.test(first) && !(first === store.igUser.id && edge === 'recently_searched_hashtags')) return undefined;
  const content = store.publicContent;
  const onlyGet = (handle: () => unknown) => () => {
    if (request.method !== 'GET') throw unsupportedRequest(request.method, first);
    return handle();
  };
  if (first === 'ig_hashtag_search' && edge === undefined) {
    return {
      template: '/ig_hashtag_search',
      handle: onlyGet(() => {
        const userId = requiredUser(request, store);
        const q = param(request, 'q');
        if (q === undefined || q.trim() === '') throw invalidParam('The parameter q is required');
        const found = content.search(userId, q, request.nowMs);
        return { data: found ? [{ id: found.id }] : [] };
      }),
    };
  }
  if (HASHTAG_ID.test(first)) {
    if (edge === undefined) {
      return {
        template: '/:hashtag_id',
        handle: onlyGet(() => {
          const fields = fieldsOf(request) ?? [{ name: 'id', modifiers: {}, sub: null }];
          const name = content.hashtag(first)?.name;
          const out: Record<string, unknown> = {};
          for (const f of fields) {
            if (f.name === 'id') out.id = first;
            else if (f.name === 'name') {
              if (name !== undefined) out.name = name;
            } else if (f.name !== 'top_media' && f.name !== 'recent_media') throw invalidParam(`Tried accessing nonexisting field (${f.name}) on node type (IGHashtag)`);
          }
          return { id: first, ...out };
        }),
      };
    }
    if (edge === 'top_media' || edge === 'recent_media') {
      return {
        template: `/:hashtag_id/${edge}`,
        handle: onlyGet(() => {
          const userId = requiredUser(request, store);
          content.count(userId, first, request.nowMs);
          const all = content.mediaOfHashtag(first);
          const rows =
            edge === 'recent_media'
              ? all.filter((m) => m.timestampMs > request.nowMs - DAY_MS && m.timestampMs <= request.nowMs)
              : [...all].sort((a, b) => popularity(b) - popularity(a) || (a.id < b.id ? -1 : 1));
          const rank = new Map(rows.map((m, i) => [m.id, i]));
          const { items, paging } = pager.page(
            { rows, sortValue: (m) => rank.get(m.id) ?? 0, id: (m) => m.id, direction: 'asc', signature: `${edge}|${first}|${userId}` },
            { limit: parseLimit(param(request, 'limit'), 25, HASHTAG_MEDIA_MAX), after: param(request, 'after') },
            { baseUrl: request.baseUrl, path: `${request.versionPrefix}${request.path}`, query: request.query, withLinks: true },
          );
          const ctx = contextOf(store);
          const fields = fieldsOf(request);
          const data = items.map((m: PublicMediaRecord) => project(HASHTAG_MEDIA, m, fields, ctx));
          // Only an `after` cursor (and the next link): no `before`, as documented.
          return paging ? { data, paging: { cursors: { after: paging.cursors.after }, ...(paging.next ? { next: paging.next } : {}) } } : { data };
        }),
      };
    }
    return undefined;
  }
  if (first === store.igUser.id && edge === 'recently_searched_hashtags') {
    return {
      template: '/:ig_user_id/recently_searched_hashtags',
      handle: onlyGet(() => {
        const rows = content.recentlySearched(first, request.nowMs);
        const { items, paging } = pager.page(
          { rows, sortValue: (r) => r.firstMs, id: (r) => r.id, direction: 'desc', signature: `recently_searched|${first}` },
          { limit: parseLimit(param(request, 'limit'), 25, RECENT_SEARCHES_MAX), after: param(request, 'after'), before: param(request, 'before') },
          { baseUrl: request.baseUrl, path: `${request.versionPrefix}${request.path}`, query: request.query, withLinks: true },
        );
        const data = items.map((r) => ({ id: r.id }));
        return paging ? { data, paging } : { data };
      }),
    };
  }
  return undefined;
}

function popularity(m: PublicMediaRecord): number {
  return m.likeCount + 3 * m.commentsCount;
}

/** `user_id` is required and must be the business account the token manages. */
function requiredUser(request: GraphRequest, store: InstagramStore): string {
  const userId = param(request, 'user_id');
  if (userId === undefined || userId === '') throw invalidParam('The parameter user_id is required');
  if (userId !== store.igUser.id) throw unsupportedRequest('GET', userId);
  return userId;
}

function fieldsOf(request: GraphRequest): FieldSelection[] | null {
  const raw = param(request, 'fields');
  return raw === undefined || raw.trim() === '' ? null : parseFields(raw);
}

/** Hashtag media have no edges to expand. */
function contextOf(store: InstagramStore): ProjectionContext {
  return { store, expandEdge: () => undefined };
}
