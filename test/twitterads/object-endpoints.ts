/**
 * The creative, targeting and audience tables (issue 13 item 6) and whether the emulator under test
 * serves their endpoints yet (they land with the emulator's object routes; until then they are skipped,
 * never passed).
 */
import { ApiError } from '../../src/errors.js';
import type { Harness } from './harness.js';

export const objectTables: ReadonlySet<string> = new Set([
  'Tweets',
  'Cards',
  'TargetingCriteria',
  'CustomAudiences',
  'CustomAudiencePermissions',
  'PromotedAccounts',
  'MediaCreatives',
  'AccountMedia',
  'ScheduledPromotedTweets',
  'TargetingLocations',
  'TargetingInterests',
  'TargetingDevices',
  'TargetingPlatforms',
  'TargetingPlatformVersions',
  'TargetingLanguages',
  'TargetingNetworkOperators',
  'TargetingConversations',
  'TargetingEvents',
  'TargetingTvShows',
  'TargetingAppStoreCategories',
  'IabCategories',
  'ContentCategories',
]);

/** A global list answers 404 ROUTE_NOT_FOUND when the emulator has no object routes. */
export async function emulatorServesObjectTables(h: Harness): Promise<boolean> {
  try {
    await h.conn.query('SELECT Id FROM IabCategories LIMIT 1');
    return true;
  } catch (e) {
    if (e instanceof ApiError && /ROUTE_NOT_FOUND/.test(e.message)) return false;
    throw e;
  } finally {
    await h.reset();
  }
}
