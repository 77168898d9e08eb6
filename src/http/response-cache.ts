/**
 * CacheTTL: identical reads within the TTL are answered from memory, per connection. Only 200
 * responses that parsed and validated (the validate layer sits below) are kept; the key is the
 * method, the full URL and, for batches, the body: what the API answers to.
 */
import { LRUCache } from 'lru-cache';
import { isRead, type HttpRequest, type HttpResponse, type Layer } from './types.js';

export function cacheResponses(ttlSeconds: number, maxEntries = 500): Layer {
  if (ttlSeconds <= 0) return (next) => next;
  const cache = new LRUCache<string, HttpResponse>({ max: maxEntries, ttl: ttlSeconds * 1000 });
  return (next) => async (request) => {
    if (!isRead(request) || request.uncached) return next(request);
    const key = keyOf(request);
    const hit = cache.get(key);
    if (hit) return hit;
    const response = await next(request);
    if (response.status === 200 && (!request.parse || response.parsed !== undefined)) cache.set(key, response);
    return response;
  };
}

function keyOf(request: HttpRequest): string {
  return `${request.method} ${request.url}${request.body !== undefined ? `\n${request.body}` : ''}`;
}
