// CPU of building vs serialising the HOUR × 5 groups stats body; candidate writers checked byte-identical.
import { syncStats } from '../src/emulator/twitterads/analytics.js';
import { ObjectData } from '../src/emulator/twitterads/object-data.js';
import { AdsStore } from '../src/emulator/twitterads/store.js';
const store = new AdsStore(11, 21);
const objects = new ObjectData(store, 11);
const account = [...store.accountList].filter((a) => !a.deleted).sort((a, b) => (a.created_at < b.created_at ? 1 : -1))[0]!;
const ids = store.campaigns(account.id).map((c) => c.id);
const now = Date.parse('2026-12-02T05:00:00Z');
const req = (i: number) => [['entity', 'CAMPAIGN'], ['entity_ids', ids.slice(i * 20, i * 20 + 20).join(',')], ['start_time', '2026-11-20T00:00:00Z'], ['end_time', '2026-11-27T00:00:00Z'], ['granularity', 'HOUR'], ['metric_groups', 'ENGAGEMENT,BILLING,VIDEO,MEDIA,WEB_CONVERSION'], ['placement', 'ALL_ON_TWITTER']] as Array<[string, string]>;
const cpu = (f: () => void) => { const t = process.cpuUsage(); f(); const d = process.cpuUsage(t); return (d.user + d.system) / 1000; };
const bodies = Array.from({ length: 20 }, (_, i) => syncStats(store, account, req(i), 11, now, objects));
const series = (m: Record<string, number[] | null>) => { let s = '{'; let first = true; for (const k in m) { const v = m[k]; s += (first ? '"' : ',"') + k + '":' + (v === null ? 'null' : '[' + v.join(',') + ']'); first = false; } return s + '}'; };
const replacer = (body: any) => JSON.stringify(body, function (k, v) { return v; });
const hand = (body: any) => {
  const data = body.data.map((d: any) => '{"id":' + JSON.stringify(d.id) + ',"id_data":[' + d.id_data.map((x: any) => '{"segment":' + JSON.stringify(x.segment) + ',"metrics":' + series(x.metrics) + '}').join(',') + ']}').join(',');
  return '{"data_type":' + JSON.stringify(body.data_type) + ',"time_series_length":' + body.time_series_length + ',"data":[' + data + '],"request":' + JSON.stringify(body.request) + '}';
};
for (const b of bodies) if (hand(b) !== JSON.stringify(b)) throw new Error('hand writer differs');
const med = (f: () => void) => { const xs = Array.from({ length: 9 }, () => cpu(f)).sort((a, b) => a - b); return xs[4]! / 20; };
for (let r = 0; r < 2; r++) {
  console.log('build', med(() => { for (let i = 0; i < 20; i++) syncStats(store, account, req(i), 11, now, objects); }).toFixed(3),
    'stringify', med(() => { for (const b of bodies) JSON.stringify(b); }).toFixed(3),
    'hand', med(() => { for (const b of bodies) hand(b); }).toFixed(3), 'bytes', JSON.stringify(bodies[0]).length);
}
void replacer;
import { jsonBytes } from '../src/emulator/shared/json-bytes.js';
for (const b of bodies) if (!jsonBytes(b).equals(Buffer.from(JSON.stringify(b)))) throw new Error('jsonBytes differs');
for (let r = 0; r < 2; r++) console.log('jsonBytes', med(() => { for (const b of bodies) jsonBytes(b); }).toFixed(3), 'stringify+Buffer.from', med(() => { for (const b of bodies) Buffer.from(JSON.stringify(b)); }).toFixed(3), 'stringify+byteLength', med(() => { for (const b of bodies) Buffer.byteLength(JSON.stringify(b)); }).toFixed(3));
