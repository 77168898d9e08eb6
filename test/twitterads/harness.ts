/** The Twitter Ads emulator and connections to it. */
import { startTwitterAdsEmulator, type RunningEmulator, type TwitterAdsEmulatorOptions } from '../../src/emulator/twitterads/index.js';
import { connect } from '../../src/providers/twitterads/index.js';
import { openHarness, type Harness as EmulatorHarness } from '../support/harness.js';

export type Harness = EmulatorHarness<RunningEmulator>;

export async function startHarness(options: TwitterAdsEmulatorOptions = {}, extra = ''): Promise<Harness> {
  const emulator = await startTwitterAdsEmulator({ port: 0, seed: 7, ...options });
  const c = emulator.credentials;
  return openHarness(emulator, connect, `OAuthClientId=${c.clientId};OAuthClientSecret=${c.clientSecret};OAuthAccessToken=${c.accessToken};OAuthAccessTokenSecret=${c.accessTokenSecret}`, extra);
}
