// What `fields` may name on other accounts' content, and the IG User fields that reach it:
// business_discovery.username(x){...}, mentioned_media.media_id(x){...} and
// mentioned_comment.comment_id(x){...}. Resolvers are function declarations: node-schemas.ts
// and this file import each other.
import type { FieldSelection } from './field-selection.js';
import { GraphError, invalidParam, unsupportedRequest } from './graph-error.js';
import { formatGraphTime } from './graph-time.js';
import { type NodeSchema, type ProjectionContext, project } from './node-schemas.js';
import { parseLimit } from './paging.js';
import type { DiscoverableAccount, MentionedCommentRecord, PublicMediaRecord } from './public-content.js';

const mediaFields: NodeSchema<PublicMediaRecord>['fields'] = {
  caption: (m) => m.caption ?? undefined,
  comments_count: (m) => m.commentsCount,
  id: (m) => m.id,
  like_count: (m) => m.likeCount,
  media_product_type: (m) => m.productType,
  media_type: (m) => m.mediaType,
  media_url: (m) => m.mediaUrl,
  permalink: (m) => m.permalink,
  timestamp: (m) => formatGraphTime(m.timestampMs),
  username: (m) => m.username,
};

/** Media of another account read through business discovery or a mention. */
export const PUBLIC_MEDIA: NodeSchema<PublicMediaRecord> = { typeName: 'IGMedia', defaults: ['id'], fields: mediaFields };

/**
 * Media found through hashtag search: the fields the top_media and recent_media references list.
 * "You cannot request the username field on returned media objects" (the error's wording is ours).
 */
export const HASHTAG_MEDIA: NodeSchema<PublicMediaRecord> = {
  typeName: 'IGMedia',
  defaults: ['id'],
  fields: {
    caption: mediaFields.caption!,
    comments_count: mediaFields.comments_count!,
    id: mediaFields.id!,
    like_count: mediaFields.like_count!,
    media_type: mediaFields.media_type!,
    media_url: mediaFields.media_url!,
    permalink: mediaFields.permalink!,
    timestamp: mediaFields.timestamp!,
    username: () => {
      throw invalidParam('The username field cannot be requested on media found through hashtag search');
    },
  },
};

const DISCOVERED_USER: NodeSchema<DiscoverableAccount> = {
  typeName: 'IGUser',
  defaults: ['id'],
  fields: {
    biography: (u) => u.biography,
    followers_count: (u) => u.followersCount,
    follows_count: (u) => u.followsCount,
    id: (u) => u.id,
    ig_id: (u) => u.igId,
    media_count: (u) => u.media.length,
    name: (u) => u.name,
    profile_picture_url: (u) => u.profilePictureUrl,
    username: (u) => u.username,
    website: (u) => u.website,
    media: (u, s, ctx) => discoveredMedia(u, s, ctx),
  },
};

const MENTIONED_COMMENT: NodeSchema<MentionedCommentRecord> = {
  typeName: 'IGComment',
  defaults: ['id'],
  fields: {
    id: (c) => c.id,
    like_count: (c) => c.likeCount,
    media: (c, s, ctx) => {
      const media = ctx.store.publicContent.mentionedMedia(c.mediaId);
      return media ? project(PUBLIC_MEDIA, media, s.sub ?? [{ name: 'id', modifiers: {}, sub: null }], ctx) : undefined;
    },
    text: (c) => c.text,
    timestamp: (c) => formatGraphTime(c.timestampMs),
  },
};

/** `business_discovery.username(x){...}` on the app user's IG User. */
export function businessDiscovery(selection: FieldSelection, ctx: ProjectionContext): unknown {
  const username = selection.modifiers.username;
  if (username === undefined || username === '') throw invalidParam('The parameter username is required for business_discovery');
  const account = ctx.store.publicContent.discover(username);
  if (!account) {
    throw new GraphError(400, {
      message: 'Invalid user id',
      type: 'OAuthException',
      code: 110,
      error_subcode: 2207013,
      error_user_title: 'Cannot find User',
      error_user_msg: `The user with username: ${username} cannot be found.`,
    });
  }
  return project(DISCOVERED_USER, account, selection.sub, ctx);
}

/** `mentioned_media.media_id(x){...}`: a media whose caption @mentions the account. */
export function mentionedMedia(selection: FieldSelection, ctx: ProjectionContext): unknown {
  const id = selection.modifiers.media_id;
  if (id === undefined || id === '') throw invalidParam('The parameter media_id is required for mentioned_media');
  const media = ctx.store.publicContent.mentionedMedia(id);
  if (!media) throw unsupportedRequest('GET', id);
  return project(PUBLIC_MEDIA, media, selection.sub, ctx);
}

/** `mentioned_comment.comment_id(x){...}`: a comment that @mentions the account. */
export function mentionedComment(selection: FieldSelection, ctx: ProjectionContext): unknown {
  const id = selection.modifiers.comment_id;
  if (id === undefined || id === '') throw invalidParam('The parameter comment_id is required for mentioned_comment');
  const comment = ctx.store.publicContent.mentionedComment(id);
  if (!comment) throw unsupportedRequest('GET', id);
  return project(MENTIONED_COMMENT, comment, selection.sub, ctx);
}

/** The discovered account's media, paged with `.limit(n)`, `.after(c)` and `.before(c)`; cursors only, as business discovery answers. */
function discoveredMedia(account: DiscoverableAccount, selection: FieldSelection, ctx: ProjectionContext): unknown {
  const limit = parseLimit(selection.modifiers.limit);
  const { after, before } = selection.modifiers;
  let start = 0;
  if (after !== undefined) start = openCursor(account.username, after, 'after') + 1;
  else if (before !== undefined) start = Math.max(0, openCursor(account.username, before, 'before') - limit);
  const end = before !== undefined && after === undefined ? Math.min(account.media.length, openCursor(account.username, before, 'before')) : Math.min(account.media.length, start + limit);
  const items = account.media.slice(start, end);
  const data = items.map((m) => project(PUBLIC_MEDIA, m, selection.sub, ctx));
  if (items.length === 0) return { data };
  return { data, paging: { cursors: { before: cursor(account.username, start), after: cursor(account.username, end - 1) } } };
}

function cursor(username: string, index: number): string {
  return Buffer.from(JSON.stringify({ u: username, i: index })).toString('base64url');
}

function openCursor(username: string, raw: string, name: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as { u?: unknown; i?: unknown };
    if (parsed.u === username && typeof parsed.i === 'number' && Number.isInteger(parsed.i) && parsed.i >= 0) return parsed.i;
  } catch {
    // falls through to the error
  }
  throw invalidParam(`The ${name} cursor is invalid or expired`);
}
