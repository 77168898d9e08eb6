/** Logs each exchange at Verbosity 2 (line), 3 (headers) and 4 (bodies). Request headers, which carry credentials, are never logged. */
import type { Logger } from '../log/logger.js';
import type { HttpRequest, Layer } from './types.js';

export function logExchanges(logger: Logger): Layer {
  return (next) => async (request: HttpRequest) => {
    if (!logger.enabled(2)) return next(request);
    const started = performance.now();
    const url = new URL(request.url);
    const response = await next(request);
    logger.log(2, `${request.method} ${url.pathname}${url.search} → ${response.status} (${Math.round(performance.now() - started)} ms, ${response.body.length} bytes)`);
    if (logger.enabled(3)) {
      const headers = Object.entries(response.headers).map(([k, v]) => `${k}: ${v}`).join('; ');
      logger.log(3, `response headers: ${headers}`);
    }
    if (logger.enabled(4)) logger.log(4, `response body: ${response.body.slice(0, 4000)}`);
    return response;
  };
}
