// Public entry point of the Instagram Graph API emulator (used by the connector's
// Emulator=true mode, the CLI and tests).
export { startInstagramEmulator } from './server.js';
export type { InstagramCredentials, InstagramEmulatorOptions, RunningInstagramEmulator } from './server.js';
