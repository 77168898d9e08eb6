/** The Twitter Ads tables declared in schemas/. */
import type { ApiTableSchema } from '../../catalog/api-table-schema.js';
import accountMedia from '../../../schemas/twitterads/account-media.js';
import accounts from '../../../schemas/twitterads/accounts.js';
import campaigns from '../../../schemas/twitterads/campaigns.js';
import cards from '../../../schemas/twitterads/cards.js';
import { contentCategories, iabCategories } from '../../../schemas/twitterads/categories.js';
import customAudiencePermissions from '../../../schemas/twitterads/custom-audience-permissions.js';
import customAudiences from '../../../schemas/twitterads/custom-audiences.js';
import fundingInstruments from '../../../schemas/twitterads/funding-instruments.js';
import lineItems from '../../../schemas/twitterads/line-items.js';
import mediaCreatives from '../../../schemas/twitterads/media-creatives.js';
import media from '../../../schemas/twitterads/media.js';
import promotedAccounts from '../../../schemas/twitterads/promoted-accounts.js';
import promotedTweets from '../../../schemas/twitterads/promoted-tweets.js';
import scheduledPromotedTweets from '../../../schemas/twitterads/scheduled-promoted-tweets.js';
import targetingCriteria from '../../../schemas/twitterads/targeting-criteria.js';
import { targetingOptionLists } from '../../../schemas/twitterads/targeting-options.js';
import tweets from '../../../schemas/twitterads/tweets.js';

export const twitterAdsSchemas: readonly ApiTableSchema[] = [
  accounts,
  campaigns,
  lineItems,
  promotedTweets,
  fundingInstruments,
  media,
  tweets,
  cards,
  targetingCriteria,
  customAudiences,
  customAudiencePermissions,
  promotedAccounts,
  mediaCreatives,
  accountMedia,
  scheduledPromotedTweets,
  ...targetingOptionLists,
  iabCategories,
  contentCategories,
];
