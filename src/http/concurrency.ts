/** Caps the requests in flight for one connection (MaxConcurrency). */
import pLimit from 'p-limit';
import type { Layer } from './types.js';

export function limitConcurrency(maxInFlight: number): Layer {
  const limit = pLimit(maxInFlight);
  return (next) => (request) => limit(() => next(request));
}
