// Public entry point of the Twitter Ads emulator (used by the connector's
// Emulator=true mode, the CLI and tests).
export { startTwitterAdsEmulator } from './server.js';
export type { RunningEmulator, TwitterAdsCredentials, TwitterAdsEmulatorOptions } from './server.js';
