/**
 * Stats HOUR 7 days × 5 groups × 20 campaigns, in-process: build + serialise as the server sends it
 * (ROOT=old tree: JSON.stringify + byteLength; this tree: jsonBytes), min of 15 rounds of 20 requests.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
const root = resolve(process.env.ROOT ?? '.');
const { syncStats } = await import(`${root}/src/emulator/twitterads/analytics.js`);
const { ObjectData } = await import(`${root}/src/emulator/twitterads/object-data.js`);
const { AdsStore } = await import(`${root}/src/emulator/twitterads/store.js`);
const hasBytes = existsSync(`${root}/src/emulator/shared/json-bytes.ts`);
const serialise: (v: unknown) => number = hasBytes ? ((m) => (v: unknown) => m.jsonBytes(v).length)(await import(`${root}/src/emulator/shared/json-bytes.js`)) : (v) => Buffer.byteLength(JSON.stringify(v));
const store = new AdsStore(11, 21);
const objects = new ObjectData(store, 11);
const account = [...store.accountList].filter((a: any) => !a.deleted).sort((a: any, b: any) => (a.created_at < b.created_at ? 1 : -1))[0];
const ids = store.campaigns(account.id).map((c: any) => c.id);
const now = Date.parse('2026-12-02T05:00:00Z');
const req = (i: number) => [['entity', 'CAMPAIGN'], ['entity_ids', ids.slice(i * 20, i * 20 + 20).join(',')], ['start_time', '2026-11-20T00:00:00Z'], ['end_time', '2026-11-27T00:00:00Z'], ['granularity', 'HOUR'], ['metric_groups', 'ENGAGEMENT,BILLING,VIDEO,MEDIA,WEB_CONVERSION'], ['placement', 'ALL_ON_TWITTER']];
const cpu = (f: () => void) => { const t = process.cpuUsage(); f(); const d = process.cpuUsage(t); return (d.user + d.system) / 1000; };
const min = (f: () => void) => Math.min(...Array.from({ length: 15 }, () => cpu(f))) / 20;
const bodies = Array.from({ length: 20 }, (_, i) => syncStats(store, account, req(i), 11, now, objects));
const build = min(() => { for (let i = 0; i < 20; i++) syncStats(store, account, req(i), 11, now, objects); });
const ser = min(() => { for (const b of bodies) serialise(b); });
console.log(`${hasBytes ? 'jsonBytes' : 'JSON.stringify'}: build ${build.toFixed(3)} ms + serialise ${ser.toFixed(3)} ms = ${(build + ser).toFixed(3)} ms per request`);
