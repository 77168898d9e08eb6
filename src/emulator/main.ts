// `socialsql emulator <provider> [flags]`: serves an emulator on 127.0.0.1, prints one
// JSON line ({"url", ...credentials}) on stdout, and serves until SIGINT/SIGTERM.
import { type InstagramEmulatorOptions, startInstagramEmulator } from './instagram/index.js';
import { type TwitterAdsEmulatorOptions, startTwitterAdsEmulator } from './twitterads/index.js';

/** Usage errors: already written to stderr; the caller should exit non-zero (exitCode 2). */
export class EmulatorCommandError extends Error {
  readonly code = 'EMULATOR_USAGE';
  readonly exitCode = 2;
}

const USAGE = `usage: socialsql emulator <twitterads|instagram> [--port N] [--seed N] [--scale N] [--latency MS]
       [--fail-rate P] [--reset-rate P] [--truncate-rate P] [--rate-limit N] [--rate-window-ms MS] [--token-ttl S] [--now ISO]
       instagram only: [--short-lived-tokens] [--require-appsecret-proof] [--enforce-refresh-age]`;

type Provider = 'twitterads' | 'instagram';

interface FlagSpec {
  option: keyof TwitterAdsEmulatorOptions;
  kind: 'integer' | 'number' | 'probability';
}

/** Switches without a value, for the Instagram emulator. */
const INSTAGRAM_SWITCHES: Record<string, keyof InstagramEmulatorOptions> = {
  'short-lived-tokens': 'shortLivedTokens',
  'require-appsecret-proof': 'requireAppsecretProof',
  'enforce-refresh-age': 'enforceRefreshAge',
};

const FLAGS: Record<string, FlagSpec> = {
  port: { option: 'port', kind: 'integer' },
  seed: { option: 'seed', kind: 'integer' },
  scale: { option: 'scale', kind: 'number' },
  latency: { option: 'latencyMs', kind: 'number' },
  'fail-rate': { option: 'failRate', kind: 'probability' },
  'reset-rate': { option: 'resetRate', kind: 'probability' },
  'truncate-rate': { option: 'truncateRate', kind: 'probability' },
  'rate-limit': { option: 'rateLimit', kind: 'integer' },
  'rate-window-ms': { option: 'rateWindowMs', kind: 'integer' },
  'token-ttl': { option: 'tokenTtlSeconds', kind: 'number' },
};

function usageError(message: string): EmulatorCommandError {
  process.stderr.write(`${message}\n${USAGE}\n`);
  return new EmulatorCommandError(message);
}

export function parseEmulatorFlags(args: string[]): TwitterAdsEmulatorOptions;
export function parseEmulatorFlags(args: string[], provider: 'instagram'): InstagramEmulatorOptions;
export function parseEmulatorFlags(args: string[], provider: Provider = 'twitterads'): TwitterAdsEmulatorOptions | InstagramEmulatorOptions {
  const options: Record<string, number | boolean | string> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match) throw usageError(`unexpected argument "${arg}"`);
    const name = match[1]!;
    const switchOption = provider === 'instagram' ? INSTAGRAM_SWITCHES[name] : undefined;
    if (switchOption) {
      const raw = match[2];
      if (raw !== undefined && raw !== 'true' && raw !== 'false') throw usageError(`--${name} takes no value (or =true/=false), got "${raw}"`);
      options[switchOption] = raw !== 'false';
      continue;
    }
    if (name === 'now') {
      const raw = match[2] ?? args[++i];
      if (raw === undefined || !Number.isFinite(Date.parse(raw))) throw usageError(`--now must be an ISO 8601 time, got "${raw ?? ''}"`);
      options.dataNow = raw;
      continue;
    }
    const spec = FLAGS[name];
    if (!spec) throw usageError(`unknown flag --${name}`);
    const raw = match[2] ?? args[++i];
    if (raw === undefined) throw usageError(`--${name} needs a value`);
    const value = Number(raw);
    const valid =
      raw.trim() !== '' &&
      Number.isFinite(value) &&
      value >= 0 &&
      (spec.kind !== 'integer' || Number.isInteger(value)) &&
      (spec.kind !== 'probability' || value <= 1);
    if (!valid) {
      const expected = spec.kind === 'probability' ? 'a probability between 0 and 1' : `a non-negative ${spec.kind}`;
      throw usageError(`--${name} must be ${expected}, got "${raw}"`);
    }
    options[spec.option] = value;
  }
  return options;
}

export async function runEmulatorCommand(argv: string[]): Promise<void> {
  const [provider, ...rest] = argv;
  if (provider === undefined || provider === '--help' || provider === '-h') {
    if (provider === undefined) throw usageError('missing provider');
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (provider !== 'twitterads' && provider !== 'instagram') {
    throw usageError(`unknown provider "${provider}"; expected twitterads or instagram`);
  }

  const emulator =
    provider === 'instagram'
      ? await startInstagramEmulator(parseEmulatorFlags(rest, 'instagram'))
      : await startTwitterAdsEmulator(parseEmulatorFlags(rest));
  const downloadUrl = 'downloadUrl' in emulator ? emulator.downloadUrl : undefined;
  process.stdout.write(`${JSON.stringify({ url: emulator.url, ...(downloadUrl ? { downloadUrl } : {}), ...emulator.credentials })}\n`);

  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      emulator.close().then(resolve, resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
