/** The Instagram emulator and connections to it. */
import { startInstagramEmulator, type InstagramEmulatorOptions, type RunningInstagramEmulator } from '../../src/emulator/instagram/index.js';
import { connect } from '../../src/providers/instagram/index.js';
import { openHarness, type Harness as EmulatorHarness } from '../support/harness.js';

export type Harness = EmulatorHarness<RunningInstagramEmulator>;

export async function startHarness(options: InstagramEmulatorOptions = {}, extra = ''): Promise<Harness> {
  const emulator = await startInstagramEmulator({ port: 0, seed: 5, ...options });
  const c = emulator.credentials;
  return openHarness(emulator, connect, `OAuthClientId=${c.clientId};OAuthClientSecret=${c.clientSecret};OAuthAccessToken=${c.accessToken}`, extra);
}
