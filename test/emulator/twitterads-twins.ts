/**
 * Two Twitter Ads emulators with the same seed and data clock, for holding cached answers to fresh
 * ones: `warm` answers before and after each change (its caches warm), `cold` gets the same changes
 * and answers only after them. Call at a test file's top level: it registers the before/after hooks.
 */
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { type RunningEmulator, startTwitterAdsEmulator } from '../../src/emulator/twitterads/index.js';
import { admin, authorizationHeader } from './twitterads-client.js';

export interface Twins {
  readonly warm: RunningEmulator;
  readonly cold: RunningEmulator;
  /**
   * Applies `change` to both, then asserts the warm twin answers `paths` as the cold one does; the
   * cold twin's answers. Cursors are sealed per server, so `next_cursor` is blanked.
   */
  changedAlike(paths: readonly string[], change: (emu: RunningEmulator) => Promise<unknown>): Promise<string[]>;
  answers(emu: RunningEmulator, paths: readonly string[]): Promise<string[]>;
}

export function useTwins(seed: number, now: string): Twins {
  let pair: [RunningEmulator, RunningEmulator] | undefined;
  before(async () => {
    pair = [await startTwitterAdsEmulator({ seed }), await startTwitterAdsEmulator({ seed })];
    for (const emu of pair) await admin(emu, 'POST', '/__emulator/clock', { now });
  });
  after(async () => {
    for (const emu of pair ?? []) await emu.close();
  });
  const both = (): [RunningEmulator, RunningEmulator] => {
    if (pair === undefined) throw new Error('useTwins: read before its before() hook ran');
    return pair;
  };
  const answers = (emu: RunningEmulator, paths: readonly string[]) => Promise.all(paths.map((p) => bodyText(emu, p)));
  return {
    get warm() {
      return both()[0];
    },
    get cold() {
      return both()[1];
    },
    answers,
    async changedAlike(paths, change) {
      const [warm, cold] = both();
      await change(warm);
      await change(cold);
      const fresh = await answers(cold, paths);
      assert.deepEqual(await answers(warm, paths), fresh);
      return fresh;
    },
  };
}

async function bodyText(emu: RunningEmulator, path: string): Promise<string> {
  const url = emu.url + path;
  const res = await fetch(url, { headers: { authorization: authorizationHeader(emu, 'GET', url) } });
  const text = await res.text();
  assert.equal(res.status, 200, text);
  return text.replace(/"next_cursor":"[^"]*"/, '"next_cursor":"C"');
}
