// Fault injection settings and per-request decisions. The decisions come from a
// seeded stream so a failing run can be replayed with the same --seed.
import { mulberry32 } from './prng.js';

export interface FaultSettings {
  latencyMs: number;
  /** Probability of a 5xx instead of the real answer. */
  failRate: number;
  /** Probability of the socket being destroyed after the headers and part of the body. */
  resetRate: number;
  /** Probability of a 200 whose JSON body is cut short (Content-Length matches the cut body). */
  truncateRate: number;
  /** When set, overrides every rate-limit budget: requests per window. */
  rateLimit: number | null;
  /** When set, every rate-limit window lasts this many ms instead of the API's (15 min / 1 min / 1 h), so pacing across resets can be shown in seconds. */
  rateWindowMs: number | null;
  /** When set, access tokens expire this many seconds after they were issued. */
  tokenTtlSeconds: number | null;
}

export const NO_FAULTS: FaultSettings = {
  latencyMs: 0,
  failRate: 0,
  resetRate: 0,
  truncateRate: 0,
  rateLimit: null,
  rateWindowMs: null,
  tokenTtlSeconds: null,
};

export interface FaultDecision {
  failure: 'none' | 'service_unavailable' | 'internal_error';
  resetMidBody: boolean;
  truncateBody: boolean;
}

export class FaultInjector {
  private readonly random: () => number;

  constructor(
    public settings: FaultSettings,
    seed: number,
  ) {
    this.random = mulberry32(seed ^ 0x5eed_fa17);
  }

  decide(): FaultDecision {
    const s = this.settings;
    // Always draw three numbers so one setting does not shift the others' sequence.
    const failRoll = this.random();
    const resetRoll = this.random();
    const truncateRoll = this.random();
    let failure: FaultDecision['failure'] = 'none';
    if (failRoll < s.failRate) {
      // Two thirds 503 (over capacity is the common transient), one third 500.
      failure = failRoll < (s.failRate * 2) / 3 ? 'service_unavailable' : 'internal_error';
    }
    return { failure, resetMidBody: resetRoll < s.resetRate, truncateBody: truncateRoll < s.truncateRate };
  }
}

/** Names accepted by POST /__emulator/faults: the CLI flags in camelCase and in kebab case. */
const FIELD_ALIASES: Record<string, keyof FaultSettings> = {
  latency: 'latencyMs',
  latencyMs: 'latencyMs',
  failRate: 'failRate',
  'fail-rate': 'failRate',
  resetRate: 'resetRate',
  'reset-rate': 'resetRate',
  truncateRate: 'truncateRate',
  'truncate-rate': 'truncateRate',
  rateLimit: 'rateLimit',
  'rate-limit': 'rateLimit',
  rateWindowMs: 'rateWindowMs',
  'rate-window-ms': 'rateWindowMs',
  tokenTtl: 'tokenTtlSeconds',
  'token-ttl': 'tokenTtlSeconds',
  tokenTtlSeconds: 'tokenTtlSeconds',
};

const PROBABILITIES = new Set<keyof FaultSettings>(['failRate', 'resetRate', 'truncateRate']);
const NULLABLE = new Set<keyof FaultSettings>(['rateLimit', 'rateWindowMs', 'tokenTtlSeconds']);

/** Validates a faults patch. Throws Error with a readable message on bad input. */
export function parseFaultPatch(input: unknown): Partial<FaultSettings> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new Error('faults body must be a JSON object');
  }
  const patch: Partial<FaultSettings> = {};
  for (const [name, raw] of Object.entries(input as Record<string, unknown>)) {
    const field = FIELD_ALIASES[name];
    if (!field) throw new Error(`unknown fault "${name}"; known: ${Object.keys(FIELD_ALIASES).join(', ')}`);
    if (raw === null && NULLABLE.has(field)) {
      (patch as Record<string, unknown>)[field] = null;
      continue;
    }
    const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new Error(`fault "${name}" must be a non-negative number`);
    }
    if (field === 'rateWindowMs' && value < 1) throw new Error(`fault "${name}" must be at least 1 ms`);
    if (PROBABILITIES.has(field) && value > 1) throw new Error(`fault "${name}" is a probability between 0 and 1`);
    (patch as Record<string, unknown>)[field] = value;
  }
  return patch;
}
