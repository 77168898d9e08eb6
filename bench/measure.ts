/**
 * Runs one network scenario against an emulator: calls and 429s from the emulator's own log, wall
 * time and time to first row from the client, peak RSS sampled while the query runs.
 */
import { openSync, writeSync, closeSync } from 'node:fs';
import type { Connection } from '../src/connection/types.js';
import { runNaive, type NaiveLoop } from './naive.js';
import type { NetworkResult } from './report.js';

export interface Scenario {
  readonly name: string;
  readonly sql: string;
  readonly params?: readonly string[];
  /** The fewest calls the API allows, per level of dependent calls (a level needs the previous one's answers). */
  readonly minimumLevels: readonly number[];
  /** Calls of the naive loop: sequential pages, one call per entity, no batching. */
  readonly naiveCalls: number;
  /** The naive loop itself, run against the same emulator after the measured run. */
  readonly naive?: NaiveLoop;
  /** Time the bound must add that no concurrency can save: waits for rate-limit windows to turn. */
  readonly waitBoundMs?: number;
  /** Write every row as one JSON line (to /dev/null). */
  readonly ndjson?: boolean;
  /** Run the query once before the measured run, without resetting the emulator in between (CacheTTL). */
  readonly repeat?: boolean;
  /** Skip the second (warm) run, e.g. when it would only wait for rate-limit windows again. */
  readonly noWarmRun?: boolean;
  readonly note?: string;
  /** Emulator fault settings for this run (POST /__emulator/faults), undone afterwards. */
  readonly faults?: Readonly<Record<string, number | null>>;
}

export interface Target {
  readonly group: string;
  readonly conn: Connection;
  readonly emulatorUrl: string;
  readonly latencyMs: number;
  readonly maxConcurrency: number;
  /** Request headers for the naive loop's GETs (OAuth 1.0a for Twitter Ads). */
  readonly naiveSign: (url: string) => Record<string, string>;
  /** Wall-time cap of each naive loop; 0 skips them. */
  readonly naiveSeconds: number;
}

interface EmulatorStats {
  requests: number;
  busyMs: number;
}

export async function runScenario(target: Target, scenario: Scenario): Promise<NetworkResult> {
  const { conn, emulatorUrl, latencyMs, maxConcurrency } = target;
  const stats = async () => (await (await fetch(`${emulatorUrl}/__emulator/stats`)).json()) as EmulatorStats;
  const statuses = async () => ((await (await fetch(`${emulatorUrl}/__emulator/requests`)).json()) as { status?: number }[]).map((r) => r.status);
  const setFaults = (faults: Readonly<Record<string, number | null>>) =>
    fetch(`${emulatorUrl}/__emulator/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(faults) });
  await fetch(`${emulatorUrl}/__emulator/reset`, { method: 'POST' });
  if (scenario.faults) await setFaults(scenario.faults);
  if (scenario.repeat) await conn.query(scenario.sql, scenario.params ? [...scenario.params] : undefined);
  const before = await stats();
  const beforeStatuses = (await statuses()).length;

  let peakRss = process.memoryUsage.rss();
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 5);
  const out = scenario.ndjson ? openSync('/dev/null', 'w') : undefined;
  let rows = 0;
  let firstRowMs: number | null = null;
  let failure: string | undefined;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  try {
    for await (const row of conn.stream(scenario.sql, scenario.params ? [...scenario.params] : undefined)) {
      if (rows++ === 0) firstRowMs = performance.now() - started;
      if (out !== undefined) writeSync(out, `${JSON.stringify(row)}\n`);
    }
  } catch (error) {
    // Reported, not thrown: e.g. a RateLimitError whose reset is beyond MaxRateLimitDelay.
    const coded = error as { name?: string; code?: string; message?: string };
    failure = `${coded.name ?? 'Error'} ${coded.code ?? ''}: ${coded.message ?? String(error)}`;
  } finally {
    clearInterval(sampler);
    if (out !== undefined) closeSync(out);
    if (scenario.faults) await setFaults(Object.fromEntries(Object.keys(scenario.faults).map((k) => [k, null])));
  }
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
  const after = await stats();
  const measured = (await statuses()).slice(beforeStatuses);
  const minimumCalls = scenario.minimumLevels.reduce((a, b) => a + b, 0);
  // The same query again on a fresh emulator state: both processes' code is now compiled (JIT), as a
  // long-running client and a real API server are; the first run above is the cold one.
  let warm: { wallMs: number; emulatorBusyMs: number; clientCpuMs: number } | undefined;
  if (!scenario.repeat && !scenario.noWarmRun && failure === undefined) {
    await fetch(`${emulatorUrl}/__emulator/reset`, { method: 'POST' });
    if (scenario.faults) await setFaults(scenario.faults);
    const busyBefore = (await stats()).busyMs;
    const again = performance.now();
    const cpuAgain = process.cpuUsage();
    const sink = scenario.ndjson ? openSync('/dev/null', 'w') : undefined;
    for await (const row of conn.stream(scenario.sql, scenario.params ? [...scenario.params] : undefined)) if (sink !== undefined) writeSync(sink, `${JSON.stringify(row)}\n`);
    if (sink !== undefined) closeSync(sink);
    const wallAgain = performance.now() - again;
    const cpuWarm = process.cpuUsage(cpuAgain);
    warm = { wallMs: wallAgain, emulatorBusyMs: (await stats()).busyMs - busyBefore, clientCpuMs: (cpuWarm.user + cpuWarm.system) / 1000 };
    if (scenario.faults) await setFaults(Object.fromEntries(Object.keys(scenario.faults).map((k) => [k, null])));
  }
  let naive: Awaited<ReturnType<typeof runNaive>> | undefined;
  if (scenario.naive && target.naiveSeconds > 0) {
    await fetch(`${emulatorUrl}/__emulator/reset`, { method: 'POST' });
    if (scenario.faults) await setFaults(scenario.faults);
    try {
      naive = await runNaive(scenario.naive, target.naiveSign, target.naiveSeconds);
    } finally {
      if (scenario.faults) await setFaults(Object.fromEntries(Object.keys(scenario.faults).map((k) => [k, null])));
    }
  }
  return {
    group: target.group,
    scenario: scenario.name,
    rows,
    calls: after.requests - before.requests,
    minimumCalls,
    wallMs,
    boundMs: (scenario.waitBoundMs ?? 0) + scenario.minimumLevels.reduce((sum, calls) => sum + Math.ceil(calls / maxConcurrency) * latencyMs, 0),
    firstRowMs,
    peakRssMb: peakRss / 2 ** 20,
    received429: measured.filter((s) => s === 429).length,
    emulatorBusyMs: after.busyMs - before.busyMs,
    clientCpuMs: (cpu.user + cpu.system) / 1000,
    naiveCalls: scenario.naiveCalls,
    naiveBoundMs: scenario.naiveCalls * latencyMs,
    ...(naive ? { naive } : {}),
    ...(warm ? { warmWallMs: warm.wallMs, warmEmulatorBusyMs: warm.emulatorBusyMs, warmClientCpuMs: warm.clientCpuMs } : {}),
    ...(scenario.note || failure ? { note: [scenario.note, failure].filter(Boolean).join('; ') } : {}),
  };
}

export const placeholders = (values: readonly unknown[]) => values.map(() => '?').join(',');
