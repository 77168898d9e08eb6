import { activeEntities } from '/work/wt/emu2/src/emulator/twitterads/active-entities.js';
import { ObjectData } from '/work/wt/emu2/src/emulator/twitterads/object-data.js';
import { AdsStore } from '/work/wt/emu2/src/emulator/twitterads/store.js';
const store = new AdsStore(11, 21);
const objects = new ObjectData(store, 11);
const account = [...store.accountList].filter((a) => !a.deleted).sort((a, b) => (a.created_at < b.created_at ? 1 : -1))[0]!;
const now = Date.parse('2026-12-02T05:00:00Z');
console.log('campaigns', store.campaigns(account.id).length, 'lis', store.lineItems(account.id).length);
for (let i = 0; i < 300; i++) for (const e of ['CAMPAIGN','LINE_ITEM']) JSON.stringify(activeEntities(store, objects, account, [['entity', e], ['start_time', '2026-11-20T00:00:00Z'], ['end_time', '2026-11-27T00:00:00Z']], 11, now));
