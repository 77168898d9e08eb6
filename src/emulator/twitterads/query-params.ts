// Strict parsing of Ads API query parameters: unknown names, repeated scalars,
// malformed booleans/integers and oversized id lists are 400 INVALID_PARAMETER,
// as the real API answers them.
import { invalidParameter, missingParameter } from './api-error.js';
import type { ParamList } from './oauth-verifier.js';

/** Parameters echoed back as arrays in `request.params`; everything else is echoed as sent. */
function isListParam(name: string): boolean {
  return name.endsWith('_ids') || name === 'metric_groups';
}

export class QueryParams {
  private readonly values = new Map<string, string>();

  constructor(pairs: ParamList, allowed: readonly string[]) {
    const allowedSet = new Set(allowed);
    for (const [name, value] of pairs) {
      if (!allowedSet.has(name)) throw invalidParameter(name, `${name} is not a valid parameter for this endpoint`);
      const previous = this.values.get(name);
      if (previous !== undefined) {
        // Repeated list parameters are joined; a repeated scalar is ambiguous.
        if (!isListParam(name)) throw invalidParameter(name, `${name} may be given only once`);
        this.values.set(name, `${previous},${value}`);
      } else {
        this.values.set(name, value);
      }
    }
  }

  has(name: string): boolean {
    return this.values.has(name);
  }

  string(name: string): string | undefined {
    return this.values.get(name);
  }

  requiredString(name: string): string {
    const value = this.values.get(name);
    if (value === undefined || value === '') throw missingParameter(name);
    return value;
  }

  bool(name: string): boolean {
    const value = this.values.get(name);
    if (value === undefined) return false;
    if (value === 'true') return true;
    if (value === 'false') return false;
    throw invalidParameter(name, `Expected Boolean, got "${value}" for ${name}`);
  }

  int(name: string, min: number, max: number, fallback: number): number {
    const value = this.values.get(name);
    if (value === undefined) return fallback;
    if (!/^-?\d+$/.test(value)) throw invalidParameter(name, `Expected Integer, got "${value}" for ${name}`);
    const n = Number(value);
    if (n < min || n > max) throw invalidParameter(name, `${name} must be between ${min} and ${max}, got ${n}`);
    return n;
  }

  /** Comma-separated list; undefined when absent. */
  list(name: string, maxItems: number, minItems = 1): string[] | undefined {
    const value = this.values.get(name);
    if (value === undefined) return undefined;
    const items = value.split(',').map((s) => s.trim());
    if (items.some((s) => s === '')) throw invalidParameter(name, `Expected a comma-separated list of values for ${name}`);
    if (items.length < minItems) throw invalidParameter(name, `A minimum of ${minItems} items must be provided for ${name}`);
    if (items.length > maxItems) throw invalidParameter(name, `A maximum of ${maxItems} items must be provided for ${name}`);
    return items;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[]): T | undefined {
    const value = this.values.get(name);
    if (value === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(value)) {
      throw invalidParameter(name, `Expected one of ${allowed.join(', ')}, got "${value}" for ${name}`);
    }
    return value as T;
  }

  /** The `request.params` echo: lists as arrays, other values as sent. */
  echo(): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    for (const [name, value] of this.values) result[name] = isListParam(name) ? value.split(',') : value;
    return result;
  }

  /** Everything but the paging controls, in a canonical order: what a cursor is bound to. */
  signature(exclude: readonly string[]): string {
    return [...this.values]
      .filter(([name]) => !exclude.includes(name))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${k}=${v}`)
      .join('&');
  }
}
