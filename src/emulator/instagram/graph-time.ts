// Time formats of the Graph API ("2023-06-12T19:20:02+0000") and the parsing of
// since/until, which accept unix seconds or strtotime-style values.
import { invalidParam } from './graph-error.js';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** Formatted times by instant: the same media and comment timestamps are answered again and again. */
const formatted = new Map<number, string>();

export function formatGraphTime(ms: number): string {
  let text = formatted.get(ms);
  if (text === undefined) {
    text = new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+0000');
    if (formatted.size >= 100_000) formatted.clear();
    formatted.set(ms, text);
  }
  return text;
}

export function startOfUtcDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

const RELATIVE = /^([+-]?\d+)\s*(second|sec|minute|min|hour|day|week|month|year)s?(\s+ago)?$/i;
const UNIT_MS: Record<string, number> = {
  second: 1000, sec: 1000, minute: 60_000, min: 60_000, hour: HOUR_MS, day: DAY_MS, week: 7 * DAY_MS, month: 30 * DAY_MS, year: 365 * DAY_MS,
};

/**
 * Parses a since/until value into epoch milliseconds: unix seconds ("1717200000"),
 * ISO dates ("2024-06-01", "2024-06-01T10:00:00+0000") or the strtotime words
 * "now", "today", "yesterday", "tomorrow" and "-3 days" / "2 weeks ago".
 * A bare date is midnight UTC (Graph interprets dates in UTC for these params).
 */
export function parseTimeParam(name: string, raw: string, nowMs: number): number {
  const value = raw.trim();
  if (/^-?\d+$/.test(value)) return Number(value) * 1000;
  const lower = value.toLowerCase();
  if (lower === 'now') return nowMs;
  if (lower === 'today') return startOfUtcDay(nowMs);
  if (lower === 'yesterday') return startOfUtcDay(nowMs) - DAY_MS;
  if (lower === 'tomorrow') return startOfUtcDay(nowMs) + DAY_MS;
  const relative = RELATIVE.exec(lower);
  if (relative) {
    const amount = Number(relative[1]) * (relative[3] ? -1 : 1);
    return nowMs + amount * (UNIT_MS[relative[2]!] ?? 0);
  }
  // "+0000" offsets are not ISO 8601 for Date.parse; "2024-06-01T10:00:00+0000" → "+00:00".
  const normalised = value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2').replace(' ', 'T');
  const withZone = /^\d{4}-\d{2}-\d{2}$/.test(normalised) || /[zZ]|[+-]\d{2}:\d{2}$/.test(normalised) ? normalised : `${normalised}Z`;
  const parsed = Date.parse(withZone);
  if (Number.isNaN(parsed)) throw invalidParam(`The parameter ${name} is not a valid unix timestamp or strtotime value: ${raw}`);
  return parsed;
}

/** "Tuesday, 04-Jun-24 10:00:00 PDT": the format of Graph's "Session has expired on ..." messages. */
export function formatPacificTime(ms: number): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: 'America/Los_Angeles',
      hourCycle: 'h23',
      weekday: 'long',
      year: '2-digit',
      month: 'short',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      timeZoneName: 'short',
    })
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.weekday}, ${parts.day}-${parts.month}-${parts.year} ${parts.hour}:${parts.minute}:${parts.second} ${parts.timeZoneName}`;
}
