// The Graph API surface: resolves a path to a route (its stats template and
// rate-limit scope) and answers it. Authentication, limits and faults happen
// around it in server.ts, so a batch sub-request goes through the same code.
import { permissionsOf } from './permissions.js';
import { publicContentRoute } from './public-content-routes.js';
import { accountInsights } from './account-insights.js';
import { commentsDisabledError, validateCommentMessage } from './comment-rules.js';
import type { CommentRecord, MediaRecord, PageRecord } from './entities.js';
import { type FieldSelection, parseFields } from './field-selection.js';
import { GraphError, deprecatedVersion, invalidParam, unknownPath, unsupportedRequest } from './graph-error.js';
import { parseTimeParam } from './graph-time.js';
import { SERVED_VERSIONS, UNVERSIONED_MEANS, versionNumber } from './versions.js';
import { cachedMediaInsights } from './media-insights-cache.js';
import { ACCOUNTS_PAGE_DEFAULTS, IG_COMMENT, IG_MEDIA, IG_USER, type NodeSchema, PAGE, type ProjectionContext, USER, project, projectAnswer } from './node-schemas.js';
import { RawJson, toJsonText } from '../shared/raw-json.js';
import { type Envelope, type ListSpec, type Pager, type ParamList, parseLimit } from './paging.js';
import type { ThrottleScope } from './rate-limits.js';
import { type GraphRequest, param } from './request.js';
import type { GraphNode, InstagramStore } from './store.js';

export interface ResolvedRoute {
  /** Stats key without the method: "/v21.0/:media_id/insights". */
  template: string;
  scope: ThrottleScope;
  /** The IG user whose Business Use Case budget the call uses. */
  igUserId: string | null;
  /** "/me..." calls: a missing token is error 2500, not 104. */
  aboutCurrentUser: boolean;
  handle(): unknown;
}

const MAX_IDS = 50;

interface EdgeOptions {
  fields: FieldSelection[] | null;
  limit?: string;
  after?: string;
  before?: string;
  since?: string;
  until?: string;
  /** Path and query that next/previous links repeat. */
  linkPath: string;
  linkQuery: ParamList;
}

export class GraphApi {
  constructor(
    private readonly store: InstagramStore,
    private readonly pager: Pager,
    private readonly seed: number,
  ) {}

  resolve(request: GraphRequest): ResolvedRoute {
    const segments = request.path.split('/').filter((s) => s !== '').map((s) => decodeURIComponent(s));
    const v = request.versionPrefix;
    const version = v.slice(1);
    if (v !== '' && !(SERVED_VERSIONS as readonly string[]).includes(version)) {
      return this.route(`${v}${request.path}`, 'platform', false, () => {
        throw versionNumber(version) < versionNumber(SERVED_VERSIONS[0]) ? deprecatedVersion() : unknownPath(`/${version}`);
      });
    }
    const publicRoute = publicContentRoute(request, segments, this.store, this.pager);
    if (publicRoute) return { template: `${v}${publicRoute.template}`, scope: 'ig_read', igUserId: this.store.igUser.id, aboutCurrentUser: false, handle: publicRoute.handle };
    const ids = param(request, 'ids');
    const first = segments[0];
    if (first === undefined) {
      return this.route(`${v}/`, 'platform', false, () => {
        if (request.method !== 'GET') throw unsupportedRequest(request.method, '');
        if (ids === undefined) throw invalidParam('Missing ids or path');
        return this.multiRead(request, ids, null);
      }, ids);
    }
    const node = this.store.node(first);
    if (!node) {
      if (ids !== undefined && segments.length === 1) {
        return this.route(`${v}/${first}`, 'platform', false, () => this.multiRead(request, ids, first), ids);
      }
      const rest = segments.slice(1).join('/');
      return this.route(`${v}/:id${rest ? `/${rest}` : ''}`, 'platform', false, () => {
        throw unsupportedRequest(request.method, first);
      });
    }
    const edge = segments[1];
    if (segments.length > 2) {
      return this.route(`${v}/${placeholder(node)}/${segments.slice(1).join('/')}`, scopeOf(node), first === 'me', () => {
        throw unknownPath(`/${segments.slice(2).join('/')}`);
      });
    }
    const template = `${v}/${placeholder(node)}${edge === undefined ? '' : `/${edge}`}`;
    const igUserId = node.kind === 'user' || node.kind === 'page' ? null : this.store.igUser.id;
    const scope: ThrottleScope =
      edge === 'insights' && node.kind !== 'user' && node.kind !== 'page'
        ? 'ig_insights'
        : request.method !== 'GET' && (node.kind === 'comment' || node.kind === 'media')
          ? 'ig_write'
          : scopeOf(node);
    return { template, scope, igUserId, aboutCurrentUser: first === 'me', handle: () => this.answer(request, node, edge) };
  }

  private route(template: string, scope: ThrottleScope, aboutCurrentUser: boolean, handle: () => unknown, ids?: string): ResolvedRoute {
    // Multi-id reads of IG objects use the IG user's budget.
    const igIds = ids?.split(',').some((id) => {
      const n = this.store.node(id.trim());
      return n !== undefined && n.kind !== 'user' && n.kind !== 'page';
    });
    return igIds
      ? { template, scope: 'ig_read', igUserId: this.store.igUser.id, aboutCurrentUser, handle }
      : { template, scope, igUserId: null, aboutCurrentUser, handle };
  }

  private answer(request: GraphRequest, node: GraphNode, edge: string | undefined): unknown {
    const { method } = request;
    const id = nodeId(node);
    if (edge === undefined) {
      if (method === 'GET') return this.readNode(request, node);
      if (method === 'POST') return this.updateNode(request, node);
      if (method === 'DELETE' && node.kind === 'comment' && this.ownsMedia(node.comment.mediaId)) {
        this.store.deleteComment(node.comment);
        return { success: true };
      }
      throw unsupportedRequest(method, id);
    }
    const known = EDGES[node.kind];
    if (!known.includes(edge)) throw unknownPath(`/${edge}`);
    if (edge === 'insights') {
      if (method !== 'GET') throw unsupportedRequest(method, id);
      if (node.kind === 'media') {
        return cachedMediaInsights(this.store, node.media, {
          metric: param(request, 'metric'),
          period: param(request, 'period'),
          breakdown: param(request, 'breakdown'),
          version: request.versionPrefix === '' ? UNVERSIONED_MEANS : request.versionPrefix.slice(1),
          nowMs: request.nowMs,
        });
      }
      if (node.kind === 'ig_user') {
        return accountInsights(
          this.seed,
          node.igUser,
          insightsParams(request),
          request.nowMs,
          { withRange: (sinceS, untilS) => rangeLink(request, sinceS, untilS) },
          versionNumber(request.versionPrefix === '' ? UNVERSIONED_MEANS : request.versionPrefix.slice(1)),
        );
      }
      throw unknownPath(`/${edge}`);
    }
    if (method === 'POST' && (edge === 'comments' || edge === 'replies')) return this.createComment(request, node);
    if (method !== 'GET') throw unsupportedRequest(method, id);
    const fields = fieldsParam(request);
    return this.edgeList(request, node, edge, true, {
      fields,
      limit: param(request, 'limit'),
      after: param(request, 'after'),
      before: param(request, 'before'),
      since: param(request, 'since'),
      until: param(request, 'until'),
      linkPath: `${request.versionPrefix}${request.path}`,
      linkQuery: request.query,
    });
  }

  /** A whole answer: the media and comment projections come from the store's cache when they can. */
  private readNode(request: GraphRequest, node: GraphNode, ctx: ProjectionContext = this.context(request), fields = fieldsParam(request)): unknown {
    if (node.kind === 'media') return projectAnswer(IG_MEDIA, node.media, fields, ctx);
    if (node.kind === 'comment') return projectAnswer(IG_COMMENT, node.comment, fields, ctx);
    return this.projectNode(ctx, node, fields);
  }

  private projectNode(ctx: ProjectionContext, node: GraphNode, fields: FieldSelection[] | null): Record<string, unknown> {
    switch (node.kind) {
      case 'user':
        return project(USER, node.user, fields, ctx);
      case 'page':
        return project(PAGE, node.page, fields, ctx);
      case 'ig_user':
        return project(IG_USER, node.igUser, fields, ctx);
      case 'media':
        return project(IG_MEDIA, node.media, fields, ctx);
      case 'comment':
        return project(IG_COMMENT, node.comment, fields, ctx);
    }
  }

  private context(request: GraphRequest): ProjectionContext {
    return {
      store: this.store,
      expandEdge: (id, edge, selection) => {
        const node = this.store.node(id);
        if (!node) return undefined;
        // Links of a nested edge point at the edge itself, with the nested fields.
        const linkQuery: ParamList = request.query.filter(([k]) => k === 'access_token' || k === 'appsecret_proof');
        if (selection.sub) linkQuery.push(['fields', formatFields(selection.sub)]);
        return this.edgeList(request, node, edge, false, {
          fields: selection.sub,
          limit: selection.modifiers.limit,
          linkPath: `${request.versionPrefix}/${id}/${edge}`,
          linkQuery,
        });
      },
    };
  }

  /**
   * One page of an edge. `whole`: the page is the whole answer, so it may come back as JSON text
   * assembled from cached items; an edge expanded inside a node (`comments{text}`) is an object.
   */
  private edgeList(request: GraphRequest, node: GraphNode, edge: string, whole: boolean, options: EdgeOptions): Envelope<Record<string, unknown>> | RawJson {
    // A page of comments or replies is a function of the record, the store's state and the request's
    // paging, fields and link parameters alone (no clock): as a whole answer it is cached.
    const record = !whole ? null : node.kind === 'media' && edge === 'comments' ? node.media : node.kind === 'comment' && edge === 'replies' ? node.comment : null;
    if (record !== null) {
      const key = JSON.stringify([edge, param(request, 'fields') ?? null, options.limit ?? null, options.after ?? null, options.before ?? null, options.linkPath, options.linkQuery, request.baseUrl]);
      return this.store.answers.textKeyed(record, key, () => toJsonText(this.edgePage(request, node, edge, whole, options)));
    }
    return this.edgePage(request, node, edge, whole, options);
  }

  private edgePage(request: GraphRequest, node: GraphNode, edge: string, whole: boolean, options: EdgeOptions): Envelope<Record<string, unknown>> | RawJson {
    const ctx = this.context(request);
    const limit = parseLimit(options.limit);
    const links = { baseUrl: request.baseUrl, path: options.linkPath, query: options.linkQuery, withLinks: true };
    const page = <T extends object>(spec: ListSpec<T>, schema: NodeSchema<T>, defaults: FieldSelection[] | null = null, withLinks = true): Envelope<Record<string, unknown>> | RawJson => {
      const { items, paging } = this.pager.page(spec, { limit, after: options.after, before: options.before }, { ...links, withLinks });
      const selections = options.fields ?? defaults;
      if (whole) {
        // As JSON.stringify({ data, paging }) writes it: data first, paging left out when absent.
        const data = items.map((item) => toJsonText(projectAnswer(schema, item, selections, ctx))).join(',');
        return new RawJson(paging ? `{"data":[${data}],"paging":${JSON.stringify(paging)}}` : `{"data":[${data}]}`);
      }
      const data = items.map((item) => project(schema, item, selections, ctx));
      return paging ? { data, paging } : { data };
    };
    const byTime = <T extends { id: string; timestampMs: number }>(rows: readonly T[], direction: 'asc' | 'desc', signature: string): ListSpec<T> => ({
      rows,
      sortValue: (row) => row.timestampMs,
      id: (row) => row.id,
      direction,
      signature,
    });
    if (node.kind === 'ig_user') {
      if (edge === 'media') {
        const since = options.since === undefined ? null : parseTimeParam('since', options.since, request.nowMs);
        const until = options.until === undefined ? null : parseTimeParam('until', options.until, request.nowMs);
        const rows = this.store.ownMedia.filter((m) => (since === null || m.timestampMs >= since) && (until === null || m.timestampMs <= until));
        return page(byTime(rows, 'desc', `media|${node.igUser.id}|${since}|${until}`), IG_MEDIA);
      }
      if (edge === 'stories') return page(byTime(this.store.liveStories(request.nowMs), 'desc', `stories|${node.igUser.id}`), IG_MEDIA);
      // The tags edge has before/after cursors but no next/previous links (documented).
      if (edge === 'tags') return page(byTime(this.store.tagged, 'desc', `tags|${node.igUser.id}`), IG_MEDIA, null, false);
    }
    if (node.kind === 'media') {
      const media = node.media;
      if (edge === 'children') {
        const children = media.childIds.map((id) => this.store.media(id)).filter((m): m is MediaRecord => m !== undefined);
        return { data: children.map((child) => project(IG_MEDIA, child, options.fields, ctx)) };
      }
      if (edge === 'comments') {
        const rows = media.kind === 'own' || media.kind === 'tagged' ? this.store.topLevelComments(media) : [];
        return page(byTime(rows, 'desc', `comments|${media.id}`), IG_COMMENT);
      }
    }
    if (node.kind === 'comment' && edge === 'replies') {
      return page(byTime(this.store.replies(node.comment), 'asc', `replies|${node.comment.id}`), IG_COMMENT);
    }
    if (node.kind === 'user' && edge === 'permissions') return permissionsOf();
    if (node.kind === 'user' && edge === 'accounts') {
      const spec: ListSpec<PageRecord> = {
        rows: this.store.pages,
        sortValue: (p) => this.store.pages.indexOf(p),
        id: (p) => p.id,
        direction: 'asc',
        signature: `accounts|${node.user.id}`,
      };
      return page(spec, PAGE, parseFields(ACCOUNTS_PAGE_DEFAULTS.join(',')));
    }
    throw unknownPath(`/${edge}`);
  }

  private updateNode(request: GraphRequest, node: GraphNode): unknown {
    if (node.kind === 'comment' && this.ownsMedia(node.comment.mediaId)) {
      const hide = param(request, 'hide');
      if (hide === undefined) throw invalidParam('The parameter hide is required');
      node.comment.hidden = parseBool('hide', hide);
      this.store.changed();
      return { success: true };
    }
    if (node.kind === 'media' && node.media.kind === 'own') {
      const enabled = param(request, 'comment_enabled');
      if (enabled === undefined) throw invalidParam('The parameter comment_enabled is required');
      node.media.isCommentEnabled = parseBool('comment_enabled', enabled);
      this.store.changed();
      return { success: true };
    }
    throw unsupportedRequest('POST', nodeId(node));
  }

  private createComment(request: GraphRequest, node: GraphNode): unknown {
    let media: MediaRecord | undefined;
    let parent: CommentRecord | null = null;
    if (node.kind === 'media') media = node.media;
    if (node.kind === 'comment') {
      // A reply to a reply joins the top-level comment's thread (IG threads are one level deep).
      parent = node.comment.parentId === null ? node.comment : (this.store.comment(node.comment.parentId) ?? node.comment);
      media = this.store.media(node.comment.mediaId);
    }
    if (!media || media.kind !== 'own') throw unsupportedRequest('POST', nodeId(node));
    const message = validateCommentMessage(param(request, 'message'));
    if (!media.isCommentEnabled) throw commentsDisabledError();
    const comment = this.store.addComment(media, parent?.id ?? null, message, request.nowMs);
    return { id: comment.id };
  }

  private ownsMedia(mediaId: string): boolean {
    return this.store.media(mediaId)?.kind === 'own';
  }

  /** GET /?ids=a,b (nodes) or GET /{edge}?ids=a,b (that edge of each): an object keyed by id. */
  private multiRead(request: GraphRequest, idsParam: string, edge: string | null): RawJson {
    // A node read whose every answer came from the store's cache depends on the ids and fields texts
    // alone (and the store's state): the whole answer is remembered by them.
    const wholeKey = edge === null ? JSON.stringify(['ids', idsParam, param(request, 'fields') ?? null]) : null;
    const remembered = wholeKey === null ? undefined : this.store.answers.request(wholeKey);
    if (remembered) return remembered;
    const ids = [...new Set(idsParam.split(',').map((id) => id.trim()).filter((id) => id !== ''))];
    if (ids.length === 0) throw invalidParam('The parameter ids is required');
    if (ids.length > MAX_IDS) throw invalidParam(`Too many IDs. Maximum: ${MAX_IDS}. Provided: ${ids.length}.`);
    // Each id is looked up once.
    const nodes = ids.map((id) => this.store.node(id));
    const missing = ids.filter((_, i) => nodes[i] === undefined);
    if (missing.length > 0) {
      throw new GraphError(404, { message: `(#803) Some of the aliases you requested do not exist: ${missing.join(',')}`, type: 'OAuthException', code: 803 });
    }
    // Each id's answer as JSON text.
    const texts: string[] = [];
    if (edge === null) {
      // One projection context and one field selection for every id: they share the request.
      const ctx = this.context(request);
      const fields = fieldsParam(request);
      let allCached = true;
      for (const node of nodes) {
        const answer = this.readNode(request, node!, ctx, fields);
        allCached &&= answer instanceof RawJson;
        texts.push(toJsonText(answer));
      }
      if (allCached && wholeKey !== null) {
        const raw = new RawJson(objectText(ids, texts));
        this.store.answers.rememberRequest(wholeKey, raw);
        return raw;
      }
    } else {
      const query = request.query.filter(([k]) => k !== 'ids');
      const params = request.params.filter(([k]) => k !== 'ids');
      for (const [i, id] of ids.entries()) texts.push(toJsonText(this.answer({ ...request, path: `/${id}/${edge}`, params, query }, nodes[i]!, edge)));
    }
    return new RawJson(objectText(ids, texts));
  }
}

/** The canonical array indices (below 2^32 - 1): JSON.stringify writes such keys first, in numeric order. */
const ARRAY_INDEX = /^(?:0|[1-9]\d{0,9})$/;
const isArrayIndex = (key: string) => key.length <= 10 && ARRAY_INDEX.test(key) && Number(key) < 4_294_967_295;

/** JSON.stringify of an object with these (distinct) keys and these values' JSON texts, in its key order. */
function objectText(keys: readonly string[], texts: readonly string[]): string {
  const order = keys.map((_, i) => i);
  if (keys.some(isArrayIndex)) {
    const indices = order.filter((i) => isArrayIndex(keys[i]!)).sort((a, b) => Number(keys[a]) - Number(keys[b]));
    order.splice(0, order.length, ...indices, ...order.filter((i) => !isArrayIndex(keys[i]!)));
  }
  // Joined, not appended: a flat string, which the batch's JSON.stringify escapes without flattening first.
  const parts: string[] = [];
  for (const i of order) parts.push(`${JSON.stringify(keys[i])}:${texts[i]}`);
  return `{${parts.join(',')}}`;
}

const EDGES: Record<GraphNode['kind'], string[]> = {
  user: ['accounts', 'permissions'],
  page: [],
  ig_user: ['media', 'stories', 'tags', 'insights'],
  media: ['children', 'comments', 'insights'],
  comment: ['replies'],
};

function nodeId(node: GraphNode): string {
  switch (node.kind) {
    case 'user':
      return node.user.id;
    case 'page':
      return node.page.id;
    case 'ig_user':
      return node.igUser.id;
    case 'media':
      return node.media.id;
    case 'comment':
      return node.comment.id;
  }
}

function placeholder(node: GraphNode): string {
  return { user: 'me', page: ':page_id', ig_user: ':ig_user_id', media: ':media_id', comment: ':comment_id' }[node.kind];
}

function scopeOf(node: GraphNode): ThrottleScope {
  return node.kind === 'user' || node.kind === 'page' ? 'platform' : 'ig_read';
}

function fieldsParam(request: GraphRequest): FieldSelection[] | null {
  const raw = param(request, 'fields');
  return raw === undefined || raw.trim() === '' ? null : parseFields(raw);
}

function formatFields(selections: FieldSelection[]): string {
  return selections
    .map((s) => `${s.name}${Object.entries(s.modifiers).map(([k, v]) => `.${k}(${v})`).join('')}${s.sub ? `{${formatFields(s.sub)}}` : ''}`)
    .join(',');
}

function parseBool(name: string, raw: string): boolean {
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw invalidParam(`Param ${name} must be a boolean`);
}

function insightsParams(request: GraphRequest) {
  return {
    metric: param(request, 'metric'),
    period: param(request, 'period'),
    since: param(request, 'since'),
    until: param(request, 'until'),
    metric_type: param(request, 'metric_type'),
    breakdown: param(request, 'breakdown'),
    timeframe: param(request, 'timeframe'),
  };
}

function rangeLink(request: GraphRequest, sinceS: number, untilS: number): string {
  const params = new URLSearchParams();
  for (const [k, v] of request.query) if (k !== 'since' && k !== 'until') params.append(k, v);
  params.set('since', String(sinceS));
  params.set('until', String(untilS));
  return `${request.baseUrl}${request.versionPrefix}${request.path}?${params.toString()}`;
}
