/**
 * The network groups: each group's emulator runs in its own process; its routes are warmed (each scenario twice) by a
 * separate client process; then each scenario is measured in a fresh process of its own.
 */
import { fork } from 'node:child_process';
import { startEmulatorProcess } from './emulator-process.js';
import { loadGroup, type BenchSettings, type EmulatorInfo, type GroupName } from './network-group.js';
import type { NetworkResult } from './report.js';
import type { ScenarioReply, ScenarioRequest } from './scenario-process.js';

const CHILD = new URL('./scenario-process.ts', import.meta.url);

export interface NetworkOptions {
  /** Network scenarios whose name matches; all without. */
  readonly onlyScenario?: RegExp;
  /** Write a V8 CPU profile of each scenario process here (node --cpu-prof). */
  readonly cpuProfileDir?: string;
}

export async function benchNetwork(groups: readonly GroupName[], settings: BenchSettings, options: NetworkOptions = {}): Promise<NetworkResult[]> {
  const { onlyScenario, cpuProfileDir } = options;
  const execArgv = ['--import', 'tsx', ...(cpuProfileDir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`])];
  const results: NetworkResult[] = [];
  for (const name of groups) {
    const group = await loadGroup(name);
    const emulator = await startEmulatorProcess(name, group.emulatorFlags(settings));
    try {
      const info: EmulatorInfo = emulator.info;
      const warmed = await inChild({ mode: 'warm', group: name, info, settings }, ['--import', 'tsx']);
      if (!('names' in warmed)) throw new Error(`warming ${group.name} failed: ${'error' in warmed ? warmed.error : ''}`);
      for (const [index, scenario] of warmed.names.entries()) {
        if (onlyScenario !== undefined && !onlyScenario.test(scenario)) continue;
        const reply = await inChild({ mode: 'measure', group: name, info, settings, index }, execArgv);
        if (!('result' in reply)) throw new Error(`${group.name} / ${scenario} failed: ${'error' in reply ? reply.error : ''}`);
        results.push(reply.result);
      }
    } finally {
      await emulator.stop();
    }
  }
  return results;
}

function inChild(request: ScenarioRequest, execArgv: readonly string[]): Promise<ScenarioReply> {
  return new Promise((resolve, reject) => {
    const child = fork(CHILD, [], { execArgv: [...execArgv], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let reply: ScenarioReply | undefined;
    child.once('message', (message: ScenarioReply) => (reply = message));
    child.once('error', reject);
    child.once('exit', (code) => (reply !== undefined ? resolve(reply) : reject(new Error(`scenario process exited with ${code} and no answer`))));
    child.send(request);
  });
}
