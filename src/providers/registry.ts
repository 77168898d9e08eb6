/**
 * The one list of providers. The CLI's provider names, `socialsql emulator` and the root entry's
 * connect() all read it; each entry loads its provider's code only when asked.
 */
import type { PropertyDefinition } from '../connection/properties.js';
import type { Connection } from '../connection/types.js';
import type { ConnectionInput, ResolveContext } from '../config/resolve-properties.js';

export const PROVIDER_NAMES = ['twitterads', 'instagram'] as const;
export type ProviderName = (typeof PROVIDER_NAMES)[number];

/** A provider as the rest of socialsql sees it (built by defineProvider from a ProviderSpec). */
export interface Provider {
  readonly name: ProviderName;
  readonly catalogName: string;
  readonly properties: readonly PropertyDefinition[];
  open(input: ConnectionInput, context: ResolveContext): Promise<Connection>;
  serveEmulator(args: string[]): Promise<void>;
}

interface RegistryEntry {
  /** What the provider is, for help texts. */
  readonly title: string;
  load(): Promise<Provider>;
}

/** A Record over PROVIDER_NAMES: the compiler makes every name have exactly one entry. */
const REGISTRY: Readonly<Record<ProviderName, RegistryEntry>> = {
  twitterads: { title: 'Twitter (X) Ads API', load: async () => (await import('./twitterads/provider.js')).twitterAds },
  instagram: { title: 'Instagram Graph API', load: async () => (await import('./instagram/provider.js')).instagram },
};

export function isProviderName(value: string): value is ProviderName {
  return (PROVIDER_NAMES as readonly string[]).includes(value);
}

export function providerTitle(name: ProviderName): string {
  return REGISTRY[name].title;
}

export function loadProvider(name: ProviderName): Promise<Provider> {
  return REGISTRY[name].load();
}

/**
 * `socialsql emulator <provider> [flags]`: a provider of this list serves its emulator; anything
 * else (no name, --help, an unknown name) gets the emulator command's own usage.
 */
export async function runEmulatorCommand(argv: string[]): Promise<void> {
  const [name, ...args] = argv;
  if (name !== undefined && isProviderName(name)) return (await loadProvider(name)).serveEmulator(args);
  return (await import('../emulator/main.js')).runEmulatorCommand(argv);
}
