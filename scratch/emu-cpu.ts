/**
 * The Twitter Ads emulator's handlers in-process, without HTTP: CPU ms per stats and active_entities
 * request of the bench's Insights scenario (scale 21, seed 11), median of rounds after a warm-up.
 *   node --import tsx scratch/emu-cpu.ts
 */
import { syncStats } from '../src/emulator/twitterads/analytics.js';
import { activeEntities } from '../src/emulator/twitterads/active-entities.js';
import { ObjectData } from '../src/emulator/twitterads/object-data.js';
import { AdsStore } from '../src/emulator/twitterads/store.js';

const store = new AdsStore(11, 21);
const objects = new ObjectData(store, 11);
const account = [...store.accountList].filter((a) => !a.deleted).sort((a, b) => (a.created_at < b.created_at ? 1 : -1))[0]!;
const ids = store.campaigns(account.id).map((c) => c.id).slice(0, 1000);
const now = Date.parse('2026-12-02T05:00:00Z');
const days = [['2026-10-01', '2026-10-08'], ['2026-10-08', '2026-10-15'], ['2026-10-15', '2026-10-22'], ['2026-10-22', '2026-10-29']];
const pairs = (chunk: string[], start: string, end: string, granularity = 'DAY', groups = 'ENGAGEMENT'): Array<[string, string]> => [
  ['entity', 'CAMPAIGN'], ['entity_ids', chunk.join(',')], ['start_time', start], ['end_time', end], ['granularity', granularity], ['metric_groups', groups], ['placement', 'ALL_ON_TWITTER'],
];
const cpu = (f: () => void) => { const t = process.cpuUsage(); f(); const d = process.cpuUsage(t); return (d.user + d.system) / 1000; };
const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const scenario = () => { for (let c = 0; c < 50; c++) for (const [s, e] of days) JSON.stringify(syncStats(store, account, pairs(ids.slice(c * 20, c * 20 + 20), s!, e!), 11, now, objects)); };
const hour5 = () => { for (let i = 0; i < 20; i++) JSON.stringify(syncStats(store, account, pairs(ids.slice(i * 20, i * 20 + 20), '2026-11-20T00:00:00Z', '2026-11-27T00:00:00Z', 'HOUR', 'ENGAGEMENT,BILLING,VIDEO,MEDIA,WEB_CONVERSION'), 11, now, objects)); };
const active = (entity: string) => () => { for (let i = 0; i < 5; i++) JSON.stringify(activeEntities(store, objects, account, [['entity', entity], ['start_time', '2026-11-20T00:00:00Z'], ['end_time', '2026-11-27T00:00:00Z']], 11, now)); };
console.log(`cold: scenario (200 stats) ${cpu(scenario).toFixed(1)} ms`);
const rounds = (f: () => void, n: number) => median(Array.from({ length: 5 }, () => cpu(f))) / n;
console.log(`warm per request: DAY 7d ENGAGEMENT ${rounds(scenario, 200).toFixed(3)} ms; HOUR 7d 5 groups ${rounds(hour5, 20).toFixed(3)} ms; active_entities CAMPAIGN ${rounds(active('CAMPAIGN'), 5).toFixed(2)} ms; LINE_ITEM ${rounds(active('LINE_ITEM'), 5).toFixed(2)} ms`);
