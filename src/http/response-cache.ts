/**
 * CacheTTL: identical GETs within the TTL are answered from memory, per connection. Only 200
 * responses are kept; the key is the full URL (path and query), which is what the API answers to.
 */
import { LRUCache } from 'lru-cache';
import type { HttpResponse, Layer } from './types.js';

export function cacheResponses(ttlSeconds: number, maxEntries = 500): Layer {
  if (ttlSeconds <= 0) return (next) => next;
  const cache = new LRUCache<string, HttpResponse>({ max: maxEntries, ttl: ttlSeconds * 1000 });
  return (next) => async (request) => {
    if (request.method !== 'GET') return next(request);
    const hit = cache.get(request.url);
    if (hit) return hit;
    const response = await next(request);
    if (response.status === 200) cache.set(request.url, response);
    return response;
  };
}
