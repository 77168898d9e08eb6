// The emulated objects, in the emulator's own terms. Field projection (fields.ts)
// turns them into Graph JSON.

export type MediaType = 'IMAGE' | 'VIDEO' | 'CAROUSEL_ALBUM';
export type MediaProductType = 'FEED' | 'REELS' | 'STORY';

/** Where a media object lives: the account's feed, its stories, a carousel, or someone else's post it is tagged in. */
export type MediaKind = 'own' | 'story' | 'child' | 'tagged';

export interface MediaRecord {
  id: string;
  kind: MediaKind;
  igId: string;
  ownerId: string;
  username: string;
  caption: string | null;
  mediaType: MediaType;
  productType: MediaProductType;
  timestampMs: number;
  likeCount: number;
  isCommentEnabled: boolean;
  mediaUrl: string;
  permalink: string;
  shortcode: string;
  thumbnailUrl: string | null;
  childIds: string[];
  /** The carousel a child belongs to. */
  parentId: string | null;
  /** Posted before the account's conversion to a business account: no insights (2108006). */
  preBusiness: boolean;
  /** Number of top-level comments to generate lazily. */
  seededComments: number;
  /** A story seen by fewer than 5 accounts: its insights answer (#10). */
  fewViewers?: boolean;
}

export interface CommentRecord {
  id: string;
  mediaId: string;
  /** The top-level comment a reply belongs to. */
  parentId: string | null;
  text: string;
  timestampMs: number;
  likeCount: number;
  hidden: boolean;
  username: string;
  /** IG-scoped id of the commenter (the `from.id`). */
  fromId: string;
  /** Commenters that are business accounts expose `user{id}`. */
  business: boolean;
  deleted: boolean;
}

export interface IgUserRecord {
  id: string;
  igId: number;
  username: string;
  name: string;
  biography: string;
  website: string;
  profilePictureUrl: string;
  followersCount: number;
  followsCount: number;
  /** When the account became a business account; older media has no insights. */
  businessSinceMs: number;
}

export interface PageRecord {
  id: string;
  name: string;
  category: string;
  categoryId: string;
  accessToken: string;
  igUserId: string | null;
}

export interface FacebookUserRecord {
  id: string;
  name: string;
}
