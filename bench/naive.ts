/**
 * The naive baseline (issue 9 item 6), really run: what a hand-written loop does against the same
 * emulator. One request at a time, the next page only after the previous one, one call per entity,
 * no batching, no `?ids=`. On a 429 it sleeps until the reset the headers give, as a careful script
 * would. Each loop stops at a wall-time cap (`--naive-seconds`), or when the reset it would have to
 * wait for lies beyond the cap; the table then shows the calls done of the calls needed.
 */
import { servedMediaMetrics } from '../schemas/instagram/media-metrics.js';
import { authorizationHeader, qs } from '../test/emulator/twitterads-client.js';
import type { RunningEmulator } from '../src/emulator/twitterads/index.js';

export interface NaiveResult {
  /** Calls sent (429s included). */
  readonly calls: number;
  readonly rows: number;
  readonly wallMs: number;
  readonly received429: number;
  /** Why it stopped before the end, when it did. */
  readonly stopped?: string;
}

/** Thrown inside a loop when it has to stop. */
class Stop extends Error {}

export class NaiveHttp {
  calls = 0;
  received429 = 0;
  private readonly deadline: number;

  constructor(
    private readonly sign: (url: string) => Record<string, string>,
    capSeconds: number,
  ) {
    this.deadline = performance.now() + capSeconds * 1000;
  }

  /** GET, sequentially; a 429 waits for its reset (x-rate-limit-reset, or Graph's regain minutes) and tries again. */
  async get(url: string): Promise<any> {
    for (;;) {
      if (performance.now() > this.deadline) throw new Stop('wall-time cap reached');
      this.calls++;
      const response = await fetch(url, { headers: this.sign(url) });
      const text = await response.text();
      const body = JSON.parse(text) as any;
      const graphThrottle = response.status === 400 && [4, 17, 32, 613].includes(body?.error?.code);
      if (response.status !== 429 && !graphThrottle) {
        if (response.status !== 200) throw new Error(`naive loop: HTTP ${response.status} for ${url}: ${text.slice(0, 200)}`);
        return body;
      }
      this.received429++;
      const resetAt = resetOf(response.headers);
      const waitMs = resetAt - Date.now() + 250;
      if (performance.now() + waitMs > this.deadline) throw new Stop(`throttled; the reset is ${Math.round(waitMs / 1000)} s away, past the cap`);
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  }
}

function resetOf(headers: Headers): number {
  const reset = Number(headers.get('x-rate-limit-reset') ?? headers.get('x-account-rate-limit-reset'));
  if (Number.isFinite(reset) && reset > 0) return reset * 1000;
  const buc = headers.get('x-business-use-case-usage');
  if (buc) {
    const entries = Object.values(JSON.parse(buc) as Record<string, Array<{ estimated_time_to_regain_access?: number }>>).flat();
    const minutes = Math.max(0, ...entries.map((e) => e.estimated_time_to_regain_access ?? 0));
    return Date.now() + minutes * 60_000;
  }
  return Date.now() + 3_600_000;
}

export type NaiveLoop = (http: NaiveHttp) => Promise<number>;

export async function runNaive(loop: NaiveLoop, sign: (url: string) => Record<string, string>, capSeconds: number): Promise<NaiveResult> {
  const http = new NaiveHttp(sign, capSeconds);
  const started = performance.now();
  let rows = 0;
  let stopped: string | undefined;
  try {
    rows = await loop(http);
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    stopped = error.message;
  }
  return { calls: http.calls, rows, wallMs: performance.now() - started, received429: http.received429, ...(stopped ? { stopped } : {}) };
}

/** OAuth 1.0a headers for the Twitter Ads emulator. */
export const twitterSigner = (emu: Pick<RunningEmulator, 'url' | 'credentials'>) => (url: string) => ({ authorization: authorizationHeader(emu as RunningEmulator, 'GET', url) });
export const noHeaders = () => ({});

// ---- The hand-written loops ----

/** Every page of a Twitter Ads listing, one after another; stops once `limit` rows are in. */
export const twitterPages =
  (base: string, path: string, query: Record<string, string | number | boolean>, limit = Infinity): NaiveLoop =>
  async (http) => {
    let rows = 0;
    let cursor: string | null = null;
    do {
      const page: { data: unknown[]; next_cursor: string | null } = await http.get(`${base}${path}${qs(cursor ? { ...query, cursor } : query)}`);
      rows += page.data.length;
      cursor = page.next_cursor;
    } while (cursor && rows < limit);
    return Math.min(rows, limit);
  };

/** Stats one campaign and one 7-day window at a time. */
export const twitterStatsPerEntity =
  (base: string, account: string, ids: readonly string[], windows: ReadonlyArray<readonly [string, string]>, groups: string): NaiveLoop =>
  async (http) => {
    let rows = 0;
    for (const id of ids) {
      for (const [start, end] of windows) {
        const query = { entity: 'CAMPAIGN', entity_ids: id, start_time: start, end_time: end, granularity: 'DAY', metric_groups: groups, placement: 'ALL_ON_TWITTER' };
        const body: { time_series_length: number; data: unknown[] } = await http.get(`${base}/12/stats/accounts/${account}${qs(query)}`);
        rows += body.data.length * body.time_series_length;
      }
    }
    return rows;
  };

/** Per media: its type, then its insights with the metrics that type serves. */
export const instagramInsightsPerMedia =
  (base: string, token: string, ids: readonly string[]): NaiveLoop =>
  async (http) => {
    for (const id of ids) {
      const media: { media_type?: string; media_product_type?: string; timestamp?: string } = await http.get(
        `${base}/v24.0/${id}?fields=id,media_type,media_product_type,timestamp&access_token=${token}`,
      );
      const metrics = servedMediaMetrics({ mediaType: media.media_type, productType: media.media_product_type, createdMs: media.timestamp ? Date.parse(media.timestamp.replace(/([+-]\d\d)(\d\d)$/, '$1:$2')) : undefined }, 'v24.0', Date.now());
      if (metrics.length > 0) await http.get(`${base}/v24.0/${id}/insights?metric=${metrics.join(',')}&access_token=${token}`);
    }
    return ids.length;
  };

/** Per media: one page of its comments. */
export const instagramCommentsPerMedia =
  (base: string, token: string, ids: readonly string[]): NaiveLoop =>
  async (http) => {
    let rows = 0;
    for (const id of ids) rows += ((await http.get(`${base}/v24.0/${id}/comments?fields=id,text,timestamp&access_token=${token}`)) as { data: unknown[] }).data.length;
    return rows;
  };

/** One GET, e.g. a point lookup. */
export const single =
  (url: string): NaiveLoop =>
  async (http) => {
    const body = (await http.get(url)) as { data?: unknown };
    return Array.isArray(body.data) ? body.data.length : 1;
  };
