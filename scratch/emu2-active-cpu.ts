/**
 * active_entities CPU in-process (build + JSON), min of 15 rounds, for the same window repeated (warm days)
 * and 5 different windows of 10-17 days (what a scan over several ranges costs). ROOT picks the tree.
 */
import { resolve } from 'node:path';
const root = resolve(process.env.ROOT ?? '.');
const { activeEntities } = await import(`${root}/src/emulator/twitterads/active-entities.js`);
const { ObjectData } = await import(`${root}/src/emulator/twitterads/object-data.js`);
const { AdsStore } = await import(`${root}/src/emulator/twitterads/store.js`);
const store = new AdsStore(11, 21);
const objects = new ObjectData(store, 11);
const account = [...store.accountList].filter((a: any) => !a.deleted).sort((a: any, b: any) => (a.created_at < b.created_at ? 1 : -1))[0];
const now = Date.parse('2026-12-02T05:00:00Z');
const cpu = (f: () => void) => { const t = process.cpuUsage(); f(); const d = process.cpuUsage(t); return (d.user + d.system) / 1000; };
const min = (f: () => void, n: number) => Math.min(...Array.from({ length: 15 }, () => cpu(f))) / n;
const run = (entity: string, windows: string[][]) => () => { for (const [s, e] of windows) JSON.stringify(activeEntities(store, objects, account, [['entity', entity], ['start_time', s], ['end_time', e]], 11, now)); };
const same = [['2026-11-20T00:00:00Z', '2026-11-27T00:00:00Z']];
const five = Array.from({ length: 5 }, (_, i) => [`2026-11-${10 + i}T00:00:00Z`, '2026-11-27T00:00:00Z']);
const out: string[] = [];
for (const entity of ['CAMPAIGN', 'LINE_ITEM']) out.push(`${entity} same window ${min(run(entity, same), 1).toFixed(2)} ms, 5 windows ${min(run(entity, five), 5).toFixed(2)} ms`);
console.log(`${process.env.ROOT ?? 'work tree'}: ${out.join('; ')}`);
