/**
 * What a network group (one provider against its emulator) tells the bench: how to start its
 * emulator, and how a process opens the group's connections and lists its scenarios. Each scenario is
 * then measured in a process of its own (bench/scenario-process.ts), which loads only its connector.
 */
import type { Scenario, Target } from './measure.js';

export interface BenchSettings {
  readonly latencyMs: number;
  readonly maxConcurrency: number;
  /** Wall-time cap of each naive loop; 0 skips them. */
  readonly naiveSeconds: number;
}

/** What the emulator process prints on start: its URL and its (made-up) credentials. */
export type EmulatorInfo = Record<string, unknown> & { url: string };

export interface PlannedScenario {
  readonly scenario: Scenario;
  /** The connection it runs on (connections are opened on first use). */
  target(): Promise<Target>;
}

export interface GroupSession {
  readonly scenarios: readonly PlannedScenario[];
  close(): Promise<void>;
}

export type GroupName = 'twitterads' | 'instagram';

export interface NetworkGroup {
  readonly name: string;
  emulatorFlags(settings: BenchSettings): string[];
  open(info: EmulatorInfo, settings: BenchSettings): Promise<GroupSession>;
}

/** The group modules, imported only by the process that needs one (each pulls in its connector). */
export async function loadGroup(name: GroupName): Promise<NetworkGroup> {
  return name === 'twitterads' ? (await import('./twitterads.js')).twitterAdsGroup : (await import('./instagram.js')).instagramGroup;
}

/** Connections opened on first use, and all closed together. */
export function lazyConnections<K extends string, C extends { close(): Promise<void> }>(open: (kind: K) => Promise<C>): { get(kind: K): Promise<C>; closeAll(): Promise<void> } {
  const opened = new Map<K, Promise<C>>();
  return {
    get(kind) {
      let connection = opened.get(kind);
      if (connection === undefined) opened.set(kind, (connection = open(kind)));
      return connection;
    },
    async closeAll() {
      for (const connection of opened.values()) await (await connection).close();
    },
  };
}
