// What each node type exposes through `fields`, and the projection of a record
// onto a field selection. Unknown fields are the real "(#100) Tried accessing
// nonexisting field" error; fields that do not apply to an object (thumbnail_url on
// an image, children on a non-carousel) are left out, as Graph does.
import type { CommentRecord, FacebookUserRecord, IgUserRecord, MediaRecord, PageRecord } from './entities.js';
import type { FieldSelection } from './field-selection.js';
import type { RawJson } from '../shared/raw-json.js';
import { nonexistingField } from './graph-error.js';
import { formatGraphTime } from './graph-time.js';
import { businessDiscovery, mentionedComment, mentionedMedia } from './public-content-fields.js';
import type { InstagramStore } from './store.js';

export interface ProjectionContext {
  store: InstagramStore;
  /** Expands an edge requested as a field: children{id}, comments.limit(5){text}. */
  expandEdge(nodeId: string, edge: string, selection: FieldSelection): unknown;
}

type Resolver<T> = (record: T, selection: FieldSelection, ctx: ProjectionContext) => unknown;

export interface NodeSchema<T> {
  typeName: string;
  defaults: string[];
  fields: Record<string, Resolver<T>>;
  /**
   * Fields whose value, asked for without modifiers or a sub-selection, is a function of the record
   * and the store's state alone (no request, link or clock): a selection of only these is cached.
   */
  cacheable?: ReadonlySet<string>;
}

const select = (names: string[]): FieldSelection[] => names.map((name) => ({ name, modifiers: {}, sub: null }));

export function project<T>(schema: NodeSchema<T>, record: T, selections: FieldSelection[] | null, ctx: ProjectionContext): Record<string, unknown> {
  const chosen = selections ?? select(schema.defaults);
  const out: Record<string, unknown> = {};
  for (const selection of chosen) {
    const resolver = Object.hasOwn(schema.fields, selection.name) ? schema.fields[selection.name] : undefined;
    if (!resolver) throw nonexistingField(selection.name, schema.typeName);
    const value = resolver(record, selection, ctx);
    if (value !== undefined) out[selection.name] = value;
  }
  // Graph always returns the id of a node, even when it was not asked for.
  if (!('id' in out) && schema.fields.id) out.id = schema.fields.id(record, select(['id'])[0]!, ctx);
  return out;
}

/** Whether every field of the selection (the defaults when null) is cacheable for the schema; memoised per parsed selection. */
const cacheableSelections = new WeakMap<NodeSchema<never>, WeakMap<FieldSelection[], boolean>>();

function isCacheable<T>(schema: NodeSchema<T>, selections: FieldSelection[] | null): boolean {
  const plain = schema.cacheable;
  if (plain === undefined) return false;
  if (selections === null) return schema.defaults.every((name) => plain.has(name));
  const bySchema = schema as unknown as NodeSchema<never>;
  let known = cacheableSelections.get(bySchema);
  if (known === undefined) cacheableSelections.set(bySchema, (known = new WeakMap()));
  let answer = known.get(selections);
  if (answer === undefined) {
    answer = selections.every((s) => plain.has(s.name) && s.sub === null && Object.keys(s.modifiers).length === 0);
    known.set(selections, answer);
  }
  return answer;
}

/**
 * project() for a whole answer (a node read, an item of an edge page): as JSON text cached in the
 * store when the selection is cacheable, else the projected object. Never nest the result in an object.
 */
export function projectAnswer<T extends object>(schema: NodeSchema<T>, record: T, selections: FieldSelection[] | null, ctx: ProjectionContext): RawJson | Record<string, unknown> {
  if (!isCacheable(schema, selections)) return project(schema, record, selections, ctx);
  // A record belongs to one schema, so the selection (or the schema, for its defaults) is key enough.
  return ctx.store.answers.objectKeyed(record, selections ?? schema, () => JSON.stringify(project(schema, record, selections, ctx)));
}

export const IG_USER: NodeSchema<IgUserRecord> = {
  typeName: 'IGUser',
  defaults: ['id'],
  fields: {
    biography: (u) => u.biography,
    business_discovery: (_u, s, ctx) => businessDiscovery(s, ctx),
    mentioned_comment: (_u, s, ctx) => mentionedComment(s, ctx),
    mentioned_media: (_u, s, ctx) => mentionedMedia(s, ctx),
    followers_count: (u) => u.followersCount,
    follows_count: (u) => u.followsCount,
    id: (u) => u.id,
    ig_id: (u) => u.igId,
    media_count: (_u, _s, ctx) => ctx.store.ownMedia.length,
    name: (u) => u.name,
    profile_picture_url: (u) => u.profilePictureUrl,
    username: (u) => u.username,
    website: (u) => u.website,
    media: (u, s, ctx) => ctx.expandEdge(u.id, 'media', s),
    stories: (u, s, ctx) => ctx.expandEdge(u.id, 'stories', s),
    tags: (u, s, ctx) => ctx.expandEdge(u.id, 'tags', s),
  },
};

/** A reference to another object: {id} by default, or the selected fields. */
function reference<T>(schema: NodeSchema<T>, record: T, selection: FieldSelection, ctx: ProjectionContext): unknown {
  return project(schema, record, selection.sub ?? select(['id']), ctx);
}

export const IG_MEDIA: NodeSchema<MediaRecord> = {
  typeName: 'IGMedia',
  defaults: ['id'],
  fields: {
    caption: (m) => m.caption ?? undefined,
    children: (m, s, ctx) => (m.mediaType === 'CAROUSEL_ALBUM' ? ctx.expandEdge(m.id, 'children', s) : undefined),
    comments: (m, s, ctx) => (m.kind === 'child' ? undefined : ctx.expandEdge(m.id, 'comments', s)),
    comments_count: (m, _s, ctx) => (m.kind === 'child' ? undefined : ctx.store.commentsOf(m).length),
    id: (m) => m.id,
    ig_id: (m) => m.igId,
    is_comment_enabled: (m) => (m.kind === 'child' ? undefined : m.isCommentEnabled),
    is_shared_to_feed: (m) => (m.productType === 'REELS' ? true : undefined),
    like_count: (m) => (m.kind === 'child' || m.kind === 'story' ? undefined : m.likeCount),
    media_product_type: (m) => m.productType,
    media_type: (m) => m.mediaType,
    media_url: (m) => m.mediaUrl,
    // `owner` is only returned to the owner; other accounts' media shows `username` only.
    owner: (m, s, ctx) => (m.kind === 'tagged' ? undefined : reference(IG_USER, ctx.store.igUser, s, ctx)),
    permalink: (m) => m.permalink,
    shortcode: (m) => m.shortcode,
    thumbnail_url: (m) => m.thumbnailUrl ?? undefined,
    timestamp: (m) => formatGraphTime(m.timestampMs),
    username: (m) => m.username,
  },
  cacheable: new Set([
    'caption', 'comments_count', 'id', 'ig_id', 'is_comment_enabled', 'is_shared_to_feed', 'like_count', 'media_product_type',
    'media_type', 'media_url', 'owner', 'permalink', 'shortcode', 'thumbnail_url', 'timestamp', 'username',
  ]),
};

export const IG_COMMENT: NodeSchema<CommentRecord> = {
  typeName: 'IGComment',
  defaults: ['timestamp', 'text', 'id'],
  fields: {
    from: (c) => ({ id: c.fromId, username: c.username }),
    hidden: (c) => c.hidden,
    id: (c) => c.id,
    like_count: (c) => c.likeCount,
    media: (c, s, ctx) => {
      const media = ctx.store.media(c.mediaId);
      return media ? reference(IG_MEDIA, media, s, ctx) : undefined;
    },
    parent_id: (c) => c.parentId ?? undefined,
    replies: (c, s, ctx) => (c.parentId === null ? ctx.expandEdge(c.id, 'replies', s) : undefined),
    text: (c) => c.text,
    timestamp: (c) => formatGraphTime(c.timestampMs),
    user: (c) => (c.business ? { id: c.fromId } : undefined),
    username: (c) => c.username,
  },
  cacheable: new Set(['from', 'hidden', 'id', 'like_count', 'media', 'parent_id', 'text', 'timestamp', 'user', 'username']),
};

const PAGE_TASKS = ['ADVERTISE', 'ANALYZE', 'CREATE_CONTENT', 'MESSAGING', 'MODERATE', 'MANAGE'];

export const PAGE: NodeSchema<PageRecord> = {
  typeName: 'Page',
  defaults: ['name', 'id'],
  fields: {
    access_token: (p) => p.accessToken,
    category: (p) => p.category,
    category_list: (p) => [{ id: p.categoryId, name: p.category }],
    id: (p) => p.id,
    instagram_business_account: (p, s, ctx) => (p.igUserId === null ? undefined : reference(IG_USER, ctx.store.igUser, s, ctx)),
    name: (p) => p.name,
    tasks: () => PAGE_TASKS,
  },
};

/** /me/accounts lists pages with more default fields than a page node read. */
export const ACCOUNTS_PAGE_DEFAULTS = ['access_token', 'category', 'category_list', 'name', 'id', 'tasks'];

export const USER: NodeSchema<FacebookUserRecord> = {
  typeName: 'User',
  defaults: ['name', 'id'],
  fields: {
    id: (u) => u.id,
    name: (u) => u.name,
    accounts: (u, s, ctx) => ctx.expandEdge(u.id, 'accounts', s),
  },
};
