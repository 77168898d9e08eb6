/**
 * Byte-identity check for emulator speed work: prints one sha1 per response of a fixed set of
 * active_entities and stats requests (scale 21, seed 11). Run before and after, then diff.
 *   node --import tsx scratch/emu2-golden.ts > /tmp/after.txt
 */
import { createHash } from 'node:crypto';
import { syncStats } from '../src/emulator/twitterads/analytics.js';
import { activeEntities, ACTIVE_ENTITY_TYPES } from '../src/emulator/twitterads/active-entities.js';
import { ObjectData } from '../src/emulator/twitterads/object-data.js';
import { AdsStore } from '../src/emulator/twitterads/store.js';

const store = new AdsStore(11, 21);
const objects = new ObjectData(store, 11);
const now = Date.parse('2026-12-02T05:00:00Z');
const sha = (s: string) => createHash('sha1').update(s).digest('hex').slice(0, 16);
const windows = [['2026-11-20T00:00:00Z', '2026-11-27T00:00:00Z'], ['2026-09-01T05:00:00Z', '2026-11-29T13:00:00Z'], ['2026-12-01T00:00:00Z', '2026-12-02T05:00:00Z'], ['2026-10-03', '2026-10-09']];
let n = 0;
for (const account of store.accountList.slice(0, 4)) {
  const campaigns = store.campaigns(account.id);
  for (const entity of ACTIVE_ENTITY_TYPES) for (const [s, e] of windows) {
    const out = (pairs: Array<[string, string]>) => { let body: string; try { body = JSON.stringify(activeEntities(store, objects, account, pairs, 11, now)); } catch (err) { body = `error ${JSON.stringify(err)}`; } console.log(account.id, entity, s, sha(body), body.length); n++; };
    out([['entity', entity], ['start_time', s!], ['end_time', e!]]);
    out([['entity', entity], ['start_time', s!], ['end_time', e!], ['campaign_ids', campaigns.slice(0, 5).map((c) => c.id).join(',')]]);
  }
  const ids = campaigns.map((c) => c.id);
  for (const [g, groups] of [['DAY', 'ENGAGEMENT'], ['HOUR', 'ENGAGEMENT,BILLING,VIDEO,MEDIA,WEB_CONVERSION'], ['TOTAL', 'ENGAGEMENT,BILLING']]) for (const [s, e] of [windows[0], windows[3]]) for (let c = 0; c < 3; c++) {
    const chunk = ids.slice(c * 20, c * 20 + 20);
    if (chunk.length === 0) continue;
    let body: string;
    try { body = JSON.stringify(syncStats(store, account, [['entity', 'CAMPAIGN'], ['entity_ids', chunk.join(',')], ['start_time', s!], ['end_time', e!], ['granularity', g!], ['metric_groups', groups!], ['placement', 'ALL_ON_TWITTER']], 11, now, objects)); } catch (err) { body = `error ${JSON.stringify(err)}`; }
    console.log(account.id, 'stats', g, s, c, sha(body), body.length); n++;
  }
}
console.error(`${n} responses`);
