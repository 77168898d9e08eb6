// The Graph API versions the emulator serves. Meta keeps a version for about two years after its
// successor ships; v24.0 (October 2025) is the newest its documentation describes.

/** Calls to other versions are refused: older ones with code 2635, unknown ones as unknown paths. */
export const SERVED_VERSIONS = ['v19.0', 'v20.0', 'v21.0', 'v22.0', 'v23.0', 'v24.0'] as const;
export const LATEST_VERSION = 'v24.0';
/** What an unversioned call means: the app's default version, which for apps created today is the latest. */
export const UNVERSIONED_MEANS = LATEST_VERSION;

export function versionNumber(version: string): number {
  return Number(version.replace(/^v/, ''));
}

