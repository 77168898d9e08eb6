/**
 * Downloads an async analytics job's result from its `url`, which lives on another host
 * (ton.twimg.com in production). Only allowed download hosts are contacted; the request is a plain
 * GET with no Authorization (the OAuth signer is not in this stack), with the transport's timeout and
 * body bound; the gzip is inflated within the same bound and the JSON checked with zod.
 */
import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import { ApiError } from '../../errors.js';
import { systemClock } from '../../http/clock.js';
import { limitConcurrency } from '../../http/concurrency.js';
import { defaultRetryPolicy, retry, type RetryPolicy } from '../../http/retry.js';
import { compose, type Clock, type Send } from '../../http/types.js';
import type { CallOptions } from '../api-client.js';
import { checkStatsEnvelope, type StatsEntity } from './stats-envelope.js';

const inflate = promisify(gunzip);

/** The documented download host of async results. */
export const PRODUCTION_DOWNLOAD_HOST = 'https://ton.twimg.com';

/**
 * Which origins a result may be downloaded from. An entry is an origin (`http://127.0.0.1:4000`),
 * or a bare host name (`ton.twimg.com`: https on its default port), or `http://host:*` (any port).
 */
export class DownloadHosts {
  private readonly entries: readonly { protocol: string; hostname: string; port: string | '*' }[];

  constructor(readonly listed: readonly string[]) {
    this.entries = listed.map(parseEntry);
  }

  allows(url: URL): boolean {
    return this.entries.some((e) => e.protocol === url.protocol && e.hostname === url.hostname.toLowerCase() && (e.port === '*' || e.port === url.port));
  }

  describe(): string {
    return this.listed.join(', ');
  }
}

function parseEntry(entry: string): { protocol: string; hostname: string; port: string | '*' } {
  const text = entry.trim();
  if (!/^[a-z]+:\/\//i.test(text)) return { protocol: 'https:', hostname: text.toLowerCase(), port: '' };
  const anyPort = /:\*\/?$/.exec(text);
  const url = new URL(anyPort ? text.replace(/:\*\/?$/, '') : text);
  return { protocol: url.protocol, hostname: url.hostname.toLowerCase(), port: anyPort ? '*' : url.port };
}

/**
 * The allow-list: AsyncDownloadHosts when given; else the in-process emulator's download origin
 * (Emulator=true); else, under BaseURL, the BaseURL's host on any port (an emulator serves results
 * from a second port of the same host); else ton.twimg.com.
 */
export function downloadHostsFor(settings: { readonly configured?: string | undefined; readonly emulatorDownloadUrl?: string | undefined; readonly baseUrl?: string | undefined }): DownloadHosts {
  if (settings.configured) return new DownloadHosts(settings.configured.split(',').filter((e) => e.trim() !== ''));
  if (settings.emulatorDownloadUrl) return new DownloadHosts([new URL(settings.emulatorDownloadUrl).origin]);
  if (settings.baseUrl) {
    const base = new URL(settings.baseUrl);
    return new DownloadHosts([`${base.protocol}//${base.hostname}:*`]);
  }
  return new DownloadHosts([PRODUCTION_DOWNLOAD_HOST]);
}

export interface AsyncDownloaderOptions {
  /** The transport's send: timeout and MaxResponseSize apply; no auth layer. */
  readonly send: Send;
  readonly hosts: DownloadHosts;
  /** Most bytes of the inflated JSON (MaxResponseSize; 0 = no bound). */
  readonly maxBytes: number;
  readonly maxConcurrency: number;
  readonly retryPolicy?: RetryPolicy;
  readonly clock?: Clock;
}

/** Outcome of one download: the result's entities, or `early` when the host said 426 (the file is not there yet). */
export type DownloadOutcome = { readonly kind: 'result'; readonly timeSeriesLength: number; readonly data: readonly StatsEntity[] } | { readonly kind: 'early' };

export class AsyncDownloader {
  private readonly send: Send;
  readonly clock: Clock;

  constructor(private readonly options: AsyncDownloaderOptions) {
    this.clock = options.clock ?? systemClock;
    this.send = compose(retry(options.retryPolicy ?? defaultRetryPolicy, undefined, this.clock), limitConcurrency(options.maxConcurrency))(options.send);
  }

  /** Refuses a host that is not allowed before anything is sent. */
  checkHost(url: string): URL {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new ApiError('Twitter Ads gave an async result url that is not a URL', 200, 'DOWNLOAD_URL_INVALID');
    }
    if (!this.options.hosts.allows(parsed)) {
      throw new ApiError(
        `Twitter Ads gave an async result url on ${parsed.protocol}//${parsed.host}, which is not an allowed download host (${this.options.hosts.describe()}; see AsyncDownloadHosts); nothing was sent to it`,
        200,
        'DOWNLOAD_HOST_NOT_ALLOWED',
      );
    }
    return parsed;
  }

  async download(url: string, options: CallOptions): Promise<DownloadOutcome> {
    const target = this.checkHost(url);
    const where = `GET ${target.protocol}//${target.host}${target.pathname.replace(/[^/]{12,}(\.json\.gz)?$/, '…$1')}`;
    const response = await this.send({ method: 'GET', url: target.toString(), headers: { accept: 'application/gzip, application/json' }, signal: options.signal, onSent: options.onCall, binary: true });
    if (response.status === 426) return { kind: 'early' };
    if (response.status !== 200) throw new ApiError(`Async analytics download ${where} answered HTTP ${response.status}`, response.status, 'DOWNLOAD_FAILED');
    const raw = response.bytes ?? Buffer.alloc(0);
    let text: string;
    try {
      const gzipped = raw.length >= 2 && raw[0] === 0x1f && raw[1] === 0x8b;
      text = (gzipped ? await inflate(raw, this.options.maxBytes > 0 ? { maxOutputLength: this.options.maxBytes } : {}) : raw).toString('utf8');
    } catch (error) {
      if (error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
        throw new ApiError(`${where}: the inflated result exceeds MaxResponseSize=${this.options.maxBytes} bytes`, 200, 'RESPONSE_TOO_LARGE');
      }
      throw new ApiError(`${where}: the result is not valid gzip`, 200, 'MALFORMED_RESPONSE');
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new ApiError(`${where}: the result is not JSON (${text.length} bytes)`, 200, 'MALFORMED_RESPONSE');
    }
    const checked = checkStatsEnvelope(json);
    if (!checked.ok) throw new ApiError(`${where}: the result is not an analytics response (${checked.detail})`, 200, 'MALFORMED_RESPONSE');
    return { kind: 'result', timeSeriesLength: checked.value.time_series_length, data: checked.value.data };
  }
}
