import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toInstant, windowsFor } from '../../src/providers/twitterads/insights-range.js';

const iso = (d: Date) => d.toISOString();
const now = new Date('2026-11-22T15:30:00Z');

test('a bare date is midnight in the account time zone', () => {
  assert.equal(iso(toInstant('2026-11-01', 'America/Los_Angeles', 'StartTime')), '2026-11-01T07:00:00.000Z');
  assert.equal(iso(toInstant('11/02/2026', 'America/Los_Angeles', 'StartTime')), '2026-11-02T08:00:00.000Z');
  assert.equal(iso(toInstant('2026-11-01T10:00:00Z', 'Asia/Tokyo', 'StartTime')), '2026-11-01T10:00:00.000Z');
  assert.throws(() => toInstant('next tuesday', 'UTC', 'StartTime'), /not a date/);
});

test('DAY buckets follow local midnights across a DST change and split into 7-day windows', () => {
  const windows = windowsFor({ lower: { op: '>=', value: '2026-10-28' }, upper: { op: '<=', value: '2026-11-08' } }, 'DAY', 'America/Los_Angeles', now);
  assert.equal(windows.length, 2);
  assert.equal(iso(windows[0]!.start), '2026-10-28T07:00:00.000Z');
  assert.equal(windows[0]!.boundaries.length, 8, '7 daily buckets');
  assert.equal(iso(windows[1]!.start), '2026-11-04T08:00:00.000Z', 'after the switch back to PST');
  assert.equal(iso(windows[1]!.end), '2026-11-08T08:00:00.000Z');
});

test('unaligned bounds round inward, so every returned bucket satisfies the predicate', () => {
  const [w] = windowsFor({ lower: { op: '>=', value: new Date('2026-11-01T10:30:00Z') }, upper: { op: '<', value: new Date('2026-11-01T14:00:00Z') } }, 'HOUR', 'UTC', now);
  assert.equal(iso(w!.start), '2026-11-01T11:00:00.000Z');
  assert.equal(iso(w!.end), '2026-11-01T13:00:00.000Z');
  assert.equal(w!.boundaries.length, 3);
});

test('= on an unaligned time matches no bucket, and = alone selects one bucket', () => {
  assert.deepEqual(windowsFor({ lower: { op: '=', value: '2026-11-01T10:30:00Z' } }, 'HOUR', 'UTC', now), []);
  const [w] = windowsFor({ lower: { op: '=', value: '2026-11-01' } }, 'DAY', 'Europe/London', now);
  assert.equal(w!.boundaries.length, 2);
});

test('no bounds means the last 7 days, ending at the next local midnight', () => {
  const windows = windowsFor({}, 'DAY', 'UTC', now);
  assert.equal(windows.length, 1);
  assert.equal(iso(windows[0]!.start), '2026-11-16T00:00:00.000Z');
  assert.equal(iso(windows[0]!.end), '2026-11-23T00:00:00.000Z');
});

test('an empty range makes no window', () => {
  assert.deepEqual(windowsFor({ lower: { op: '>=', value: '2026-11-05' }, upper: { op: '<=', value: '2026-11-05' } }, 'DAY', 'UTC', now), []);
});
