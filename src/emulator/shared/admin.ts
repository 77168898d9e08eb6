// The admin endpoints both emulators serve (DESIGN §3): request counters and busy time, the
// request log, their reset, and the fault settings. They are not part of the emulated APIs and are never counted.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type DataClock, parseClockPatch } from './clock.js';
import { type FaultInjector, parseFaultPatch } from './faults.js';
import { readBody, sendJson } from './json-response.js';
import type { RequestLog } from './request-log.js';
import type { RequestStats } from './request-stats.js';

export interface AdminState {
  readonly stats: RequestStats;
  readonly log: RequestLog;
  readonly faults: FaultInjector;
  readonly clock: DataClock;
  /** Clears what the emulator counts besides requests (rate-limit windows, batch counters). */
  reset(): void;
  /** Fields added to the stats answer. */
  extraStats?(): Record<string, number>;
}

export async function handleAdmin(method: string, path: string, req: IncomingMessage, res: ServerResponse, state: AdminState): Promise<void> {
  const body = await readBody(req);
  if (method === 'GET' && path === '/__emulator/stats') return sendJson(res, 200, {}, { ...state.stats.snapshot(), ...state.extraStats?.() });
  if (method === 'GET' && path === '/__emulator/requests') return sendJson(res, 200, {}, state.log.entries());
  if (method === 'POST' && path === '/__emulator/reset') {
    state.stats.reset();
    state.log.clear();
    state.reset();
    return sendJson(res, 200, {}, { ok: true });
  }
  if (path === '/__emulator/clock' && (method === 'POST' || method === 'GET')) {
    if (method === 'POST') {
      try {
        state.clock.pin(parseClockPatch(JSON.parse(body)));
      } catch (error) {
        return sendJson(res, 400, {}, { error: error instanceof Error ? error.message : String(error) });
      }
    }
    return sendJson(res, 200, {}, state.clock.describe());
  }
  if (path === '/__emulator/faults' && (method === 'POST' || method === 'GET')) {
    if (method === 'POST') {
      try {
        const patch = parseFaultPatch(body.trim() === '' ? {} : JSON.parse(body));
        state.faults.settings = { ...state.faults.settings, ...patch };
      } catch (error) {
        return sendJson(res, 400, {}, { error: error instanceof Error ? error.message : String(error) });
      }
    }
    const s = state.faults.settings;
    return sendJson(res, 200, {}, {
      latency: s.latencyMs,
      failRate: s.failRate,
      resetRate: s.resetRate,
      truncateRate: s.truncateRate,
      rateLimit: s.rateLimit,
      rateWindowMs: s.rateWindowMs,
      tokenTtl: s.tokenTtlSeconds,
    });
  }
  return sendJson(res, 404, {}, { error: `unknown admin endpoint ${method} ${path}` });
}
