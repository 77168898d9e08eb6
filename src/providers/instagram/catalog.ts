/** The Instagram tables declared in schemas/. */
import type { ApiTableSchema } from '../../catalog/api-table-schema.js';
import accounts from '../../../schemas/instagram/accounts.js';
import children from '../../../schemas/instagram/children.js';
import comments from '../../../schemas/instagram/comments.js';
import media from '../../../schemas/instagram/media.js';
import pages from '../../../schemas/instagram/pages.js';
import replies from '../../../schemas/instagram/replies.js';
import stories from '../../../schemas/instagram/stories.js';
import tags from '../../../schemas/instagram/tags.js';
import permissions from '../../../schemas/instagram/permissions.js';
import recentlySearchedHashtags from '../../../schemas/instagram/recently-searched-hashtags.js';

export const instagramSchemas: readonly ApiTableSchema[] = [accounts, pages, media, children, comments, replies, stories, tags, permissions, recentlySearchedHashtags];
