/**
 * A child of bench/run.ts that measures one network scenario, so its peak RSS and CPU are that
 * query's (plus the connector), not the local engines' or the other scenarios'. It loads only its
 * group's connector. Asked to warm, it runs every scenario of the group once, unmeasured, as a
 * separate client would before the real runs (the real API is always warm; the emulator's JIT is not
 * the connector's cost). Talks to the parent over the IPC channel: the emulator's credentials never
 * appear in argv.
 */
import { runScenario } from './measure.js';
import { loadGroup, type BenchSettings, type EmulatorInfo, type GroupName } from './network-group.js';
import type { NetworkResult } from './report.js';

/** Runs of each scenario that warm the emulator before the measured ones. */
const WARM_ROUNDS = 2;

export type ScenarioRequest =
  | { readonly mode: 'warm'; readonly group: GroupName; readonly info: EmulatorInfo; readonly settings: BenchSettings }
  | { readonly mode: 'measure'; readonly group: GroupName; readonly info: EmulatorInfo; readonly settings: BenchSettings; readonly index: number };

export type ScenarioReply = { readonly names: readonly string[] } | { readonly result: NetworkResult } | { readonly error: string };

async function serve(request: ScenarioRequest): Promise<ScenarioReply> {
  const group = await loadGroup(request.group);
  // A fresh emulator state before the session connects: opening it queries (the campaigns, each
  // connection's time zone), and the previous scenario's naive loop may have spent the whole rate budget.
  await fetch(`${request.info.url}/__emulator/reset`, { method: 'POST' });
  const session = await group.open(request.info, request.settings);
  try {
    if (request.mode === 'warm') {
      for (const planned of session.scenarios) {
        const { conn } = await planned.target();
        const { sql, params } = planned.scenario;
        // Twice, each on a fresh emulator state (two stats scenarios in a row would spend the analytics
        // budget): after one run the emulator's handlers for the route are still being compiled, and
        // its busy time on the measured cold run was 3-7 ms against 1 ms warm (Twitter point lookup).
        for (let round = 0; round < WARM_ROUNDS; round++) {
          await fetch(`${request.info.url}/__emulator/reset`, { method: 'POST' });
          for await (const row of conn.stream(sql, params ? [...params] : undefined)) void row;
        }
      }
      await fetch(`${request.info.url}/__emulator/reset`, { method: 'POST' });
      return { names: session.scenarios.map((s) => s.scenario.name) };
    }
    const planned = session.scenarios[request.index];
    if (planned === undefined) return { error: `no scenario ${request.index} in ${group.name}` };
    return { result: await runScenario(await planned.target(), planned.scenario) };
  } finally {
    await session.close();
  }
}

process.once('message', (request: ScenarioRequest) => {
  serve(request).then(
    (reply) => process.send!(reply, () => process.exit(0)),
    (error: unknown) => process.send!({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }, () => process.exit(1)),
  );
});
