/** Bench results: one markdown table per group, or everything as JSON (--json). */

import type { NaiveResult } from './naive.js';

export interface NetworkResult {
  readonly group: string;
  readonly scenario: string;
  readonly rows: number;
  readonly calls: number;
  /** Fewest requests the API allows for the query. */
  readonly minimumCalls: number;
  readonly wallMs: number;
  /** Σ over dependent levels of ceil(calls / MaxConcurrency) × latency. */
  readonly boundMs: number;
  readonly firstRowMs: number | null;
  readonly peakRssMb: number;
  readonly received429: number;
  readonly emulatorBusyMs: number;
  /** CPU time of the bench process (the connector) during the run: on a loaded machine, wall time ≈ waiting for this and the emulator's CPU. */
  readonly clientCpuMs: number;
  /** The naive loop (sequential pages, one call per entity, no batching): its calls, each a latency in a row. */
  readonly naiveCalls: number;
  readonly naiveBoundMs: number;
  /** The naive loop as measured, when it ran. */
  readonly naive?: NaiveResult;
  /** The same query run a second time (code compiled in both processes), when it was. */
  readonly warmWallMs?: number;
  readonly warmEmulatorBusyMs?: number;
  readonly warmClientCpuMs?: number;
  readonly note?: string;
}

export interface LocalResult {
  readonly scenario: string;
  readonly rows: number;
  readonly socialsqlMs: number;
  readonly handLoopMs: number;
  readonly alasqlMs: number | null;
  readonly sqliteMs: number;
  readonly duckdbMs: number;
  readonly sameResults: boolean;
}

export interface StreamResult {
  readonly scenario: string;
  readonly rows: number;
  readonly wallMs: number;
  readonly firstRowMs: number;
  readonly peakRssMb: number;
}

export interface BenchReport {
  readonly latencyMs: number;
  readonly maxConcurrency: number;
  readonly network: NetworkResult[];
  readonly local: LocalResult[];
  readonly streaming: StreamResult[];
}

const ratio = (a: number, b: number | null) => (b === null || b === 0 ? 'n/a' : (a / b).toFixed(2));
const ms = (v: number | null) => (v === null ? 'n/a' : v.toFixed(0));

export function printReport(report: BenchReport): void {
  const groups = [...new Set(report.network.map((r) => r.group))];
  for (const group of groups) {
    console.log(`\n## ${group} (emulator latency ${report.latencyMs} ms, MaxConcurrency ${report.maxConcurrency})\n`);
    console.log(
      'Each scenario runs in a process of its own that loads only this connector (peak RSS and client CPU are that process\'s); the emulator runs in another process, ' +
        'and its routes were warmed by a separate client (each scenario run twice) before measuring (the real API is always warm).\n',
    );
    console.log('| scenario | rows | calls | min | calls/min | wall ms | bound ms | wall/bound | warm wall ms | warm/bound | first row ms | peak RSS MB | 429s | client CPU ms (warm) | emulator busy ms (warm) | naive calls (done/needed) | naive wall ms | naive 429s | naive ÷ wall |');
    console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
    for (const r of report.network.filter((n) => n.group === group)) {
      const n = r.naive;
      const naive = n
        ? `${n.calls}/${r.naiveCalls}${n.stopped ? ` (stopped: ${n.stopped})` : ''} | ${ms(n.wallMs)} | ${n.received429} | ${n.stopped ? '≥ ' : ''}${ratio(n.wallMs, r.wallMs)}`
        : `${r.naiveCalls} (not run) | ≥ ${ms(r.naiveBoundMs)} | n/a | n/a`;
      console.log(
        `| ${r.scenario}${r.note ? ` (${r.note})` : ''} | ${r.rows} | ${r.calls} | ${r.minimumCalls} | ${ratio(r.calls, r.minimumCalls)} | ${ms(r.wallMs)} | ${ms(r.boundMs)} | ${ratio(r.wallMs, r.boundMs)} | ${ms(r.warmWallMs ?? null)} | ${r.warmWallMs === undefined ? 'n/a' : ratio(r.warmWallMs, r.boundMs)} | ${ms(r.firstRowMs)} | ${r.peakRssMb.toFixed(0)} | ${r.received429} | ${r.clientCpuMs.toFixed(0)}${r.warmClientCpuMs === undefined ? '' : ` (${r.warmClientCpuMs.toFixed(0)})`} | ${r.emulatorBusyMs.toFixed(1)}${r.warmEmulatorBusyMs === undefined ? '' : ` (${r.warmEmulatorBusyMs.toFixed(1)})`} | ${naive} |`,
      );
    }
  }
  if (report.streaming.length > 0) {
    console.log('\n## Streaming\n');
    console.log('| scenario | rows | wall ms | first row ms | peak RSS MB |');
    console.log('|---|---|---|---|---|');
    for (const r of report.streaming) console.log(`| ${r.scenario} | ${r.rows} | ${ms(r.wallMs)} | ${r.firstRowMs.toFixed(1)} | ${r.peakRssMb.toFixed(0)} |`);
  }
  if (report.local.length > 0) {
    const rows = report.local[0]!.rows;
    console.log(`\n## Local evaluation, ${rows.toLocaleString('en')} in-memory rows (median of 5 after a warm-up run)\n`);
    console.log('| query | socialsql ms | hand loop ms | AlaSQL ms | SQLite ms | DuckDB ms | ÷ loop | ÷ AlaSQL | ÷ SQLite | ÷ DuckDB | same results |');
    console.log('|---|---|---|---|---|---|---|---|---|---|---|');
    for (const r of report.local) {
      console.log(
        `| ${r.scenario} | ${r.socialsqlMs.toFixed(1)} | ${r.handLoopMs.toFixed(1)} | ${r.alasqlMs === null ? 'n/a' : r.alasqlMs.toFixed(1)} | ${r.sqliteMs.toFixed(1)} | ${r.duckdbMs.toFixed(1)} | ${ratio(r.socialsqlMs, r.handLoopMs)} | ${ratio(r.socialsqlMs, r.alasqlMs)} | ${ratio(r.socialsqlMs, r.sqliteMs)} | ${ratio(r.socialsqlMs, r.duckdbMs)} | ${r.sameResults ? 'yes' : 'NO'} |`,
      );
    }
  }
}
