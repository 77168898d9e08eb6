/**
 * Parses and validates each 2xx body the request asked to check, below the cache and the retry:
 * a malformed or truncated body becomes a MALFORMED_RESPONSE ApiError that the retry layer
 * retries (the bad body is dropped, never held or cached).
 */
import { ApiError } from '../errors.js';
import type { Layer } from './types.js';
import { pathOf } from './url-parts.js';

export function validateBodies(apiName: string): Layer {
  return (next) => async (request) => {
    const response = await next(request);
    if (!request.parse || response.status < 200 || response.status >= 300) return response;
    const outcome = request.parse(response.body);
    if (!outcome.ok) {
      throw new ApiError(`Malformed response from ${apiName} for ${request.method} ${pathOf(request.url)}: ${outcome.detail}`, response.status, 'MALFORMED_RESPONSE');
    }
    return { ...response, parsed: outcome.value };
  };
}
