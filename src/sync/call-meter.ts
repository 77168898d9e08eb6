/**
 * Counts the API requests a sync makes, per job, without reaching into the HTTP stack: undici
 * announces every request on `diagnostics_channel`, and an AsyncLocalStorage scope says which job
 * it belongs to. Admin paths of the emulator (`/__emulator/…`) are not API calls.
 * A rate-limit wait is counted when a response is a 429 or spends a window (`…-remaining: 0`).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import diagnostics from 'node:diagnostics_channel';

export interface CallTally {
  calls: number;
  rateLimitWaits: number;
}

/** A rate-limit window as one response reported it (x-rate-limit-* / x-account-rate-limit-*). */
export interface BudgetReading {
  /** `x-account-rate-limit GET /12/accounts/abc/campaigns`: the header family and the path. */
  readonly bucket: string;
  readonly remaining: number;
  readonly resetAt: Date;
}

interface UndiciRequest {
  readonly path?: string;
  readonly method?: string;
}
interface UndiciHeadersMessage {
  readonly request: UndiciRequest;
  readonly response: { readonly statusCode: number; readonly headers: readonly (Buffer | string)[] };
}

export class CallMeter {
  private readonly scope = new AsyncLocalStorage<CallTally>();
  /** Called with every rate-limit reading, in the async context of the job that made the request. */
  onReading: ((reading: BudgetReading) => void) | undefined;
  readonly total: CallTally = { calls: 0, rateLimitWaits: 0 };
  private readonly onCreate = (message: unknown) => {
    const request = (message as { request: UndiciRequest }).request;
    if (isAdmin(request)) return;
    this.total.calls++;
    const tally = this.scope.getStore();
    if (tally) tally.calls++;
  };
  private readonly onHeaders = (message: unknown) => {
    const { request, response } = message as UndiciHeadersMessage;
    if (isAdmin(request)) return;
    if (this.onReading) for (const reading of readingsOf(request, response.headers)) this.onReading(reading);
    if (!spendsWindow(response.statusCode, response.headers)) return;
    this.total.rateLimitWaits++;
    const tally = this.scope.getStore();
    if (tally) tally.rateLimitWaits++;
  };

  constructor() {
    diagnostics.subscribe('undici:request:create', this.onCreate);
    diagnostics.subscribe('undici:request:headers', this.onHeaders);
  }

  /** Runs `work`, counting the requests it makes into a fresh tally. */
  async measure<T>(work: () => Promise<T>): Promise<{ result: T; tally: CallTally }> {
    const tally: CallTally = { calls: 0, rateLimitWaits: 0 };
    const result = await this.scope.run(tally, work);
    return { result, tally };
  }

  close(): void {
    diagnostics.unsubscribe('undici:request:create', this.onCreate);
    diagnostics.unsubscribe('undici:request:headers', this.onHeaders);
  }
}

function isAdmin(request: UndiciRequest): boolean {
  return (request.path ?? '').startsWith('/__emulator/');
}

function spendsWindow(status: number, headers: readonly (Buffer | string)[]): boolean {
  if (status === 429) return true;
  for (let i = 0; i + 1 < headers.length; i += 2) {
    const name = headers[i]!.toString().toLowerCase();
    if ((name === 'x-rate-limit-remaining' || name === 'x-account-rate-limit-remaining') && headers[i + 1]!.toString().trim() === '0') return true;
  }
  return false;
}

function readingsOf(request: UndiciRequest, headers: readonly (Buffer | string)[]): BudgetReading[] {
  const values = new Map<string, string>();
  for (let i = 0; i + 1 < headers.length; i += 2) values.set(headers[i]!.toString().toLowerCase(), headers[i + 1]!.toString());
  const path = `${request.method ?? 'GET'} ${(request.path ?? '').split('?')[0]}`;
  const readings: BudgetReading[] = [];
  for (const family of ['x-rate-limit', 'x-account-rate-limit']) {
    const remaining = Number(values.get(`${family}-remaining`));
    const reset = Number(values.get(`${family}-reset`));
    if (Number.isFinite(remaining) && Number.isFinite(reset) && values.has(`${family}-remaining`)) readings.push({ bucket: `${family} ${path}`, remaining, resetAt: new Date(reset * 1000) });
  }
  return readings;
}
