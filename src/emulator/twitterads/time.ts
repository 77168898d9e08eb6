// Time formats of the Ads API ("2016-04-24T20:46:50Z", no millis) and the
// account-timezone arithmetic that DAY granularity needs.

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** Whole-hour timestamps already formatted: responses repeat the same few hours (windows, activity spans). */
const hourTexts = new Map<number, string>();
const MAX_HOUR_TEXTS = 100_000;

export function formatTimestamp(ms: number): string {
  if (ms % HOUR_MS !== 0) return isoSeconds(ms);
  let text = hourTexts.get(ms);
  if (text === undefined) {
    text = isoSeconds(ms);
    if (hourTexts.size >= MAX_HOUR_TEXTS) hourTexts.clear();
    hourTexts.set(ms, text);
  }
  return text;
}

/** toISOString always ends in `.sssZ`: the milliseconds dropped. */
function isoSeconds(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, -5)}Z`;
}

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function partsFromIntl(ms: number, timeZone: string): LocalParts {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(ms))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** UTC offsets per zone and UTC hour: offsets change only on hour boundaries, and Intl is slow. */
const offsets = new Map<string, Map<number, number>>();
let cachedOffsets = 0;
const MAX_CACHED_OFFSETS = 200_000;

function utcOffsetMs(ms: number, timeZone: string): number {
  const hourStart = Math.floor(ms / HOUR_MS) * HOUR_MS;
  let zone = offsets.get(timeZone);
  if (!zone) offsets.set(timeZone, (zone = new Map()));
  let offset = zone.get(hourStart);
  if (offset === undefined) {
    const p = partsFromIntl(hourStart, timeZone);
    offset = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - hourStart;
    if (cachedOffsets >= MAX_CACHED_OFFSETS) {
      for (const hours of offsets.values()) hours.clear();
      cachedOffsets = 0;
    }
    zone.set(hourStart, offset);
    cachedOffsets++;
  }
  return offset;
}

export function localParts(ms: number, timeZone: string): LocalParts {
  const local = new Date(ms + utcOffsetMs(ms, timeZone));
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
  };
}

export function isLocalMidnight(ms: number, timeZone: string): boolean {
  const p = localParts(ms, timeZone);
  return p.hour === 0 && p.minute === 0 && p.second === 0;
}

/** The first local midnight strictly after `ms` (our zones have whole-hour offsets, so hour steps find it). */
export function nextLocalMidnight(ms: number, timeZone: string): number {
  let t = Math.floor(ms / HOUR_MS) * HOUR_MS + HOUR_MS;
  for (let i = 0; i < 30; i++, t += HOUR_MS) {
    if (isLocalMidnight(t, timeZone)) return t;
  }
  throw new Error(`no local midnight found after ${formatTimestamp(ms)} in ${timeZone}`);
}

/** Local midnight of a calendar date (YYYY-MM-DD) in the zone, as epoch ms. */
export function localMidnightOfDate(year: number, month: number, day: number, timeZone: string): number | null {
  const utcMidnight = Date.UTC(year, month - 1, day);
  for (let offsetHours = -15; offsetHours <= 15; offsetHours++) {
    const t = utcMidnight + offsetHours * HOUR_MS;
    const p = localParts(t, timeZone);
    if (p.year === year && p.month === month && p.day === day && p.hour === 0 && p.minute === 0) return t;
  }
  return null;
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * Parses an ISO 8601 time parameter. A bare date means midnight in the account's
 * timezone (the Python SDK sends bare dates for DAY granularity). Returns null if unparseable.
 */
export function parseApiTime(raw: string, accountTimeZone: string): number | null {
  const dateOnly = DATE_ONLY.exec(raw);
  if (dateOnly) {
    return localMidnightOfDate(Number(dateOnly[1]), Number(dateOnly[2]), Number(dateOnly[3]), accountTimeZone);
  }
  if (!DATE_TIME.test(raw)) return null;
  const ms = Date.parse(raw);
  return Number.isNaN(ms) ? null : ms;
}
