// In-memory state of the emulated account: the generated world, indexed by id, with
// every comment generated up front (so no request pays for it) and mutated by the write routes.
import type { CommentRecord, FacebookUserRecord, IgUserRecord, MediaRecord, PageRecord } from './entities.js';
import { AnswerCache } from './answer-cache.js';
import { InstagramDataGenerator } from './data-generator.js';
import { DAY_MS, startOfUtcDay } from './graph-time.js';
import { PublicContent } from './public-content.js';

export type GraphNode =
  | { kind: 'user'; user: FacebookUserRecord }
  | { kind: 'page'; page: PageRecord }
  | { kind: 'ig_user'; igUser: IgUserRecord }
  | { kind: 'media'; media: MediaRecord }
  | { kind: 'comment'; comment: CommentRecord };

export class InstagramStore {
  readonly facebookUser: FacebookUserRecord;
  readonly pages: PageRecord[];
  readonly igUser: IgUserRecord;
  readonly ownMedia: MediaRecord[];
  readonly tagged: MediaRecord[];
  /** Other accounts' content: hashtag search, business discovery, mentions. */
  readonly publicContent: PublicContent;
  private readonly allStories: MediaRecord[];
  private readonly mediaById = new Map<string, MediaRecord>();
  /** The node of each media, made once: a batch of ?ids= reads resolves a thousand of them. */
  private readonly mediaNodes = new Map<string, GraphNode>();
  private readonly mediaIndex = new Map<string, number>();
  private readonly mediaByIndex: MediaRecord[] = [];
  private readonly commentsByMedia = new Map<string, CommentRecord[]>();
  private readonly commentById = new Map<string, CommentRecord>();
  /** Live (not deleted) comments and top-level comments per media id, dropped when a write changes them. */
  private readonly liveComments = new Map<string, { all: readonly CommentRecord[]; top: readonly CommentRecord[] }>();
  /** Serialised fragments of answers; dropped by every write (`changed`). */
  readonly answers = new AnswerCache();
  private readonly generator: InstagramDataGenerator;
  private readonly generatedUntilMs: number;
  private writtenComments = 0;

  constructor(
    readonly seed: number,
    scale: number,
    startedAtMs: number,
  ) {
    const anchorMs = startOfUtcDay(startedAtMs);
    this.generatedUntilMs = anchorMs;
    this.generator = new InstagramDataGenerator(seed, scale, anchorMs, startedAtMs);
    const world = this.generator.world();
    this.facebookUser = world.facebookUser;
    this.pages = world.pages;
    this.igUser = world.igUser;
    this.ownMedia = world.ownMedia;
    this.allStories = world.stories;
    this.tagged = world.tagged;
    this.publicContent = new PublicContent(seed, world.igUser.username, startedAtMs);
    let index = 0;
    for (const media of [...world.ownMedia, ...world.stories, ...world.children, ...world.tagged]) {
      this.mediaById.set(media.id, media);
      this.mediaNodes.set(media.id, { kind: 'media', media });
      this.mediaIndex.set(media.id, index++);
      this.mediaByIndex.push(media);
    }
    // Media with comments: the account's own and the tagged (children and stories have none).
    for (const media of [...world.ownMedia, ...world.tagged]) this.allCommentsOf(media);
  }

  /** Called after every write to a record (and on the admin reset): cached answers may no longer hold. */
  changed(): void {
    this.answers.clear();
  }

  /** Resolves a path id ("me" included) to the object it names. */
  node(id: string): GraphNode | undefined {
    if (id === 'me' || id === this.facebookUser.id) return { kind: 'user', user: this.facebookUser };
    if (id === this.igUser.id) return { kind: 'ig_user', igUser: this.igUser };
    const mediaNode = this.mediaNodes.get(id);
    if (mediaNode) return mediaNode;
    const page = this.pages.find((p) => p.id === id);
    if (page) return { kind: 'page', page };
    const comment = this.comment(id);
    if (comment) return { kind: 'comment', comment };
    return undefined;
  }

  media(id: string): MediaRecord | undefined {
    return this.mediaById.get(id);
  }

  /** Stories stay on the stories edge for 24 hours. */
  liveStories(nowMs: number): MediaRecord[] {
    return this.allStories.filter((s) => s.timestampMs > nowMs - DAY_MS && s.timestampMs <= nowMs);
  }

  /** Every comment and reply on a media (deleted ones excluded). */
  commentsOf(media: MediaRecord): readonly CommentRecord[] {
    return this.live(media).all;
  }

  /** Top-level comments, newest first. */
  topLevelComments(media: MediaRecord): readonly CommentRecord[] {
    return this.live(media).top;
  }

  private live(media: MediaRecord): { all: readonly CommentRecord[]; top: readonly CommentRecord[] } {
    let live = this.liveComments.get(media.id);
    if (!live) {
      const all = this.allCommentsOf(media).filter((c) => !c.deleted);
      const top = all.filter((c) => c.parentId === null).sort((a, b) => b.timestampMs - a.timestampMs || (a.id < b.id ? -1 : 1));
      live = { all, top };
      this.liveComments.set(media.id, live);
    }
    return live;
  }

  replies(comment: CommentRecord): CommentRecord[] {
    const media = this.mediaById.get(comment.mediaId);
    if (!media) return [];
    return this.commentsOf(media)
      .filter((c) => c.parentId === comment.id)
      .sort((a, b) => a.timestampMs - b.timestampMs || (a.id < b.id ? -1 : 1));
  }

  comment(id: string): CommentRecord | undefined {
    // Comment ids embed the media's index ("178" + seed tag + 8-digit index + seq),
    // so a lookup only generates that one media's comments.
    const existing = this.commentById.get(id);
    if (existing) return existing.deleted ? undefined : existing;
    if (!/^178\d{14}$/.test(id)) return undefined;
    const index = Number(id.slice(6, 14));
    const media = this.mediaByIndex[index];
    if (media === undefined) return undefined;
    this.allCommentsOf(media);
    const found = this.commentById.get(id);
    return found && !found.deleted ? found : undefined;
  }

  addComment(media: MediaRecord, parentId: string | null, text: string, nowMs: number): CommentRecord {
    this.allCommentsOf(media);
    const comment: CommentRecord = {
      id: `177${String(this.seed % 1000).padStart(3, '0')}${String(++this.writtenComments).padStart(11, '0')}`,
      mediaId: media.id,
      parentId,
      text,
      timestampMs: Math.floor(nowMs / 1000) * 1000,
      likeCount: 0,
      hidden: false,
      username: this.igUser.username,
      fromId: this.igUser.id,
      business: true,
      deleted: false,
    };
    this.commentsByMedia.get(media.id)!.push(comment);
    this.commentById.set(comment.id, comment);
    this.liveComments.delete(media.id);
    this.changed();
    return comment;
  }

  /** Deleting a comment deletes its replies with it. */
  deleteComment(comment: CommentRecord): void {
    comment.deleted = true;
    this.liveComments.delete(comment.mediaId);
    this.changed();
    const media = this.mediaById.get(comment.mediaId);
    if (!media) return;
    for (const c of this.allCommentsOf(media)) if (c.parentId === comment.id) c.deleted = true;
  }

  private allCommentsOf(media: MediaRecord): CommentRecord[] {
    let list = this.commentsByMedia.get(media.id);
    if (!list) {
      list = this.generator.comments(media, this.mediaIndex.get(media.id) ?? 0, this.generatedUntilMs);
      this.commentsByMedia.set(media.id, list);
      for (const c of list) this.commentById.set(c.id, c);
    }
    return list;
  }
}
