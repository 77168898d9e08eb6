/** The Twitter Ads tables declared in schemas/. */
import type { ApiTableSchema } from '../../catalog/api-table-schema.js';
import accounts from '../../../schemas/twitterads/accounts.js';
import campaigns from '../../../schemas/twitterads/campaigns.js';
import fundingInstruments from '../../../schemas/twitterads/funding-instruments.js';
import lineItems from '../../../schemas/twitterads/line-items.js';
import media from '../../../schemas/twitterads/media.js';
import promotedTweets from '../../../schemas/twitterads/promoted-tweets.js';

export const twitterAdsSchemas: readonly ApiTableSchema[] = [accounts, campaigns, lineItems, promotedTweets, fundingInstruments, media];
