/**
 * Performance figures (issue 9), as ratios measured within one run: API calls against the fewest the
 * API allows, wall time against the latency bound, streaming memory, and local evaluation against a
 * hand-written loop, AlaSQL, SQLite and DuckDB.
 *   npm run bench [-- --latency 50] [--concurrency 8] [--rows 1000000] [--json] [--only network|local|streaming|sync|startup]
 *                 [--naive-seconds 60]  (wall-time cap of each naive loop; 0 skips them)
 *                 [--scenario REGEX]    (network scenarios whose name matches; implies --only network,
 *                                        and with --only set to another group it is an error)
 *                 [--cpu-prof-dir DIR]  (a V8 CPU profile of each network scenario's process)
 * Each network scenario runs in a process of its own (bench/network.ts); the local engines are
 * imported only when their group runs. Sync and start-up figures print their own tables (not in --json).
 */
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { benchNetwork } from './network.js';
import { printReport, type BenchReport, type StreamResult } from './report.js';

const { values: flags } = parseArgs({
  options: {
    latency: { type: 'string', default: '50' },
    concurrency: { type: 'string', default: '8' },
    rows: { type: 'string', default: '1000000' },
    json: { type: 'boolean', default: false },
    only: { type: 'string' },
    'naive-seconds': { type: 'string', default: '60' },
    scenario: { type: 'string' },
    'cpu-prof-dir': { type: 'string' },
  },
});
const latencyMs = Number(flags.latency);
const maxConcurrency = Number(flags.concurrency);
const rows = Number(flags.rows);
const naiveSeconds = Number(flags['naive-seconds']);
// A scenario filter names network scenarios, so it runs the network group alone (not the local
// engines, sync and start-up figures too); it makes no sense with another group.
if (flags.scenario !== undefined && flags.only !== undefined && flags.only !== 'network') throw new Error(`--scenario filters network scenarios; it cannot be combined with --only ${flags.only}`);
const only = flags.only ?? (flags.scenario === undefined ? undefined : 'network');
const wanted = (group: string) => only === undefined || only === group;

function streamScan(count: number): StreamResult {
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'bench/stream-scan.ts', String(count)], { encoding: 'utf8' });
  const figures = JSON.parse(out.trim().split('\n').pop()!) as Omit<StreamResult, 'scenario'>;
  return { scenario: `full scan of ${count.toLocaleString('en')} rows to ndjson (own process)`, ...figures };
}

const report: BenchReport = {
  latencyMs,
  maxConcurrency,
  network: wanted('network') ? await benchNetwork(['twitterads', 'instagram'], { latencyMs, maxConcurrency, naiveSeconds }, {
        ...(flags.scenario === undefined ? {} : { onlyScenario: new RegExp(flags.scenario, 'i') }),
        ...(flags['cpu-prof-dir'] === undefined ? {} : { cpuProfileDir: flags['cpu-prof-dir'] }),
      }) : [],
  streaming: wanted('streaming') ? [streamScan(rows)] : [],
  local: wanted('local') ? await (await import('./local-eval.js')).benchLocalEvaluation(rows) : [],
};
if (flags.json) console.log(JSON.stringify(report, null, 2));
else printReport(report);
if (!flags.json && wanted('sync')) await (await import('./sync.js')).benchSync();
if (!flags.json && wanted('startup')) {
  for (const result of await (await import('./startup.js')).startupBench()) console.log(`start-up to the prompt, ${result.name}: median ${result.medianMs.toFixed(0)} ms of ${result.runsMs.length}`);
}
