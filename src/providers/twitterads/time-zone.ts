/**
 * Wall-clock arithmetic in an IANA time zone, with Intl only. DAY analytics buckets start at
 * midnight in the account's zone, and a day there can be 23 or 25 hours long.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(zone, f);
  }
  return f;
}

/** The zone's offset from UTC at `instant`, in milliseconds. */
function offsetAt(instant: Date, zone: string): number {
  const parts = Object.fromEntries(formatter(zone).formatToParts(instant).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The calendar date (`YYYY-MM-DD`) of `instant` in `zone`. */
export function localDate(instant: Date, zone: string): string {
  return new Date(instant.getTime() + offsetAt(instant, zone)).toISOString().slice(0, 10);
}

/** The instant of midnight starting `date` (`YYYY-MM-DD`) in `zone`. */
export function zonedMidnight(date: string, zone: string): Date {
  const wallAsUtc = Date.parse(`${date}T00:00:00Z`);
  // Two passes settle the offset even when midnight is near a DST change.
  let guess = wallAsUtc - offsetAt(new Date(wallAsUtc), zone);
  guess = wallAsUtc - offsetAt(new Date(guess), zone);
  return new Date(guess);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** True when `instant` is exactly midnight in `zone`. */
export function isZonedMidnight(instant: Date, zone: string): boolean {
  return zonedMidnight(localDate(instant, zone), zone).getTime() === instant.getTime();
}

export function isValidZone(zone: string): boolean {
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}
