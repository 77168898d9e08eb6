/** The bottom of the stack: one HTTP exchange over undici with a keep-alive pool and a per-request timeout. */
import { Agent, request } from 'undici';
import { ApiError, CancelledError } from '../errors.js';
import type { HttpRequest, HttpResponse, Send } from './types.js';

export interface Transport {
  readonly send: Send;
  close(): Promise<void>;
}

export function createTransport(options: { timeoutSeconds: number }): Transport {
  const timeoutMs = options.timeoutSeconds * 1000;
  const agent = new Agent({ keepAliveTimeout: 10_000, connections: 64, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
  const send = async (req: HttpRequest): Promise<HttpResponse> => {
    if (req.signal.aborted) throw new CancelledError();
    const timeout = timeoutMs > 0 ? AbortSignal.timeout(timeoutMs) : undefined;
    const signal = timeout ? AbortSignal.any([req.signal, timeout]) : req.signal;
    try {
      req.onSent?.();
      const response = await request(req.url, {
        method: req.method,
        headers: req.headers,
        body: req.body,
        signal,
        dispatcher: agent,
      });
      const body = await response.body.text();
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(response.headers)) {
        if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
      }
      return { status: response.statusCode, headers, body };
    } catch (error) {
      if (req.signal.aborted) throw new CancelledError();
      if (timeout?.aborted) throw new ApiError(`${req.method} ${pathOf(req.url)} timed out after ${options.timeoutSeconds} s`, 0, 'TIMEOUT');
      const reason = error instanceof Error ? error.message : String(error);
      throw new ApiError(`${req.method} ${pathOf(req.url)} failed: ${reason}`, 0, 'NETWORK', { cause: error });
    }
  };
  return { send, close: () => agent.close() };
}

/** Path only: query strings may carry tokens, so they never go into messages. */
export function pathOf(url: string): string {
  return new URL(url).pathname;
}
