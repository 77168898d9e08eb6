/**
 * The bottom of the stack: one HTTP exchange over undici with a keep-alive pool, a per-request
 * timeout and a bound on the body (MaxResponseSize), enforced while the body streams in: a body past
 * the bound is abandoned at the bound, never buffered whole. Redirects are not followed, so
 * credentials never reach another host.
 */
import type { Readable } from 'node:stream';
import { Agent, errors, request } from 'undici';
import { ApiError, CancelledError } from '../errors.js';
import type { HttpRequest, HttpResponse, Send } from './types.js';
import { originOf, pathOf } from './url-parts.js';
import type { ProgressMeter } from './progress.js';

export { pathOf } from './url-parts.js';

export interface Transport {
  readonly send: Send;
  close(): Promise<void>;
  /** Hears of the requests the API stacks on this transport make (QueryOptions.onProgress). */
  readonly progress?: ProgressMeter;
}

export interface TransportOptions {
  readonly timeoutSeconds: number;
  /** Most bytes of one response body (MaxResponseSize); 0 means no bound. */
  readonly maxResponseBytes?: number;
  /** Most bytes of one response's headers. */
  readonly maxHeaderBytes?: number;
}

export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
export const DEFAULT_MAX_HEADER_BYTES = 64 * 1024;

export function createTransport(options: TransportOptions): Transport {
  const timeoutMs = options.timeoutSeconds * 1000;
  const maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const maxHeaderSize = options.maxHeaderBytes ?? DEFAULT_MAX_HEADER_BYTES;
  const agent = new Agent({ keepAliveTimeout: 10_000, connections: 64, headersTimeout: timeoutMs, bodyTimeout: timeoutMs, maxHeaderSize });
  const send = async (req: HttpRequest): Promise<HttpResponse> => {
    if (req.signal.aborted) throw new CancelledError();
    // One controller per exchange, aborted by the caller's signal or the timeout, both undone when the
    // exchange ends: AbortSignal.timeout would leave a live timer per request for the whole timeout,
    // and AbortSignal.any costs more per request than the exchange's own bookkeeping.
    const controller = new AbortController();
    let timedOut = false;
    const timer = timeoutMs > 0 ? setTimeout(() => ((timedOut = true), controller.abort()), timeoutMs) : undefined;
    const onCancel = () => controller.abort();
    req.signal.addEventListener('abort', onCancel, { once: true });
    const signal = controller.signal;
    const where = `${req.method} ${pathOf(req.url)}`;
    try {
      req.onSent?.();
      const response = await request(req.url, { method: req.method, headers: req.headers, body: req.body, signal, dispatcher: agent });
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(response.headers)) {
        if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
      }
      if (response.statusCode >= 300 && response.statusCode < 400) {
        discard(response.body);
        const target = headers.location ? originOf(new URL(headers.location, req.url).toString()) : undefined;
        throw new ApiError(
          `${where} answered HTTP ${response.statusCode}${target ? ` redirecting to ${target}` : ''}; redirects are not followed, so credentials stay on the configured host`,
          response.statusCode,
          'REDIRECT',
        );
      }
      const bytes = await readBounded(response.body, maxBytes, headers['content-length'], where, response.statusCode);
      return req.binary ? { status: response.statusCode, headers, body: '', bytes } : { status: response.statusCode, headers, body: bytes.toString('utf8') };
    } catch (error) {
      if (error instanceof ApiError) throw error;
      if (req.signal.aborted) throw new CancelledError();
      if (timedOut) throw new ApiError(`${where} timed out after ${options.timeoutSeconds} s`, 0, 'TIMEOUT');
      if (error instanceof errors.HeadersOverflowError) {
        throw new ApiError(`${where}: the response headers exceed ${maxHeaderSize} bytes`, 0, 'HEADERS_TOO_LARGE');
      }
      const reason = error instanceof Error ? error.message : String(error);
      throw new ApiError(`${where} failed: ${reason}`, 0, 'NETWORK', { cause: error });
    } finally {
      clearTimeout(timer);
      req.signal.removeEventListener('abort', onCancel);
    }
  };
  return { send, close: () => agent.close() };
}

/** The body's bytes, or RESPONSE_TOO_LARGE as soon as it passes `maxBytes` (the rest is never read). */
async function readBounded(
  body: Readable,
  maxBytes: number,
  contentLength: string | undefined,
  where: string,
  status: number,
): Promise<Buffer> {
  const tooLarge = () => new ApiError(`${where}: the response body exceeds MaxResponseSize=${maxBytes} bytes`, status, 'RESPONSE_TOO_LARGE');
  if (maxBytes > 0 && contentLength !== undefined && Number(contentLength) > maxBytes) {
    discard(body);
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (maxBytes > 0 && size > maxBytes) {
      discard(body);
      throw tooLarge();
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

/** Stops reading a body and closes its connection; the abort it reports is expected, not an error. */
function discard(body: Readable): void {
  body.on('error', () => {});
  body.destroy();
}
