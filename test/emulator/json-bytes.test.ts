// jsonBytes: the hand-built writer of the stats bodies must give exactly JSON.stringify's bytes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jsonBytes } from '../../src/emulator/shared/json-bytes.js';
import { activeEntities } from '../../src/emulator/twitterads/active-entities.js';
import { syncStats } from '../../src/emulator/twitterads/analytics.js';
import { ObjectData } from '../../src/emulator/twitterads/object-data.js';
import { AdsStore } from '../../src/emulator/twitterads/store.js';

const same = (value: unknown) => assert.equal(jsonBytes(value).toString('utf8'), JSON.stringify(value), JSON.stringify(value)?.slice(0, 200));

test('jsonBytes matches JSON.stringify on numbers, strings and shapes at the edges', () => {
  const numbers = [0, -0, 1, 9, 10, 99, 100, 2147483647, 2147483648, -2147483648, -1, 1e15, 123456789012345, Number.MAX_SAFE_INTEGER, 2 ** 53, 1e21, 1.5, -0.25, 1e-7, NaN, Infinity, -Infinity, 0.1 + 0.2];
  for (const n of numbers) same(n);
  same(numbers);
  same({ numbers, nested: { a: [numbers, []], b: {} } });
  same(['', 'plain', 'quote " and \\ backslash', 'line\nbreak\ttab\u0001\u001f', 'é ü 中文 😀', '\ud800 lone surrogate', '</script>']);
  same({ 'key "quoted"': 1, 'ключ': 'значение', '': null });
  same({ skipped: undefined, fn: () => 1, kept: false, t: true, arr: [undefined, () => 1, null, 3] });
  same({ when: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)), list: [new Date(0)] });
  same([[[]], [{}], { x: [{ y: [1, [2, [3]]] }] }]);
  same(null);
  same('only a string');
  same(true);
  // Bigger than the first buffer, so the writer grows mid-number and mid-string.
  same({ big: Array.from({ length: 40_000 }, (_, i) => (i * 7919) % 1_000_003), text: 'x'.repeat(70_000) + 'é'.repeat(30_000) });
  assert.throws(() => jsonBytes(undefined), TypeError);
});

test('jsonBytes matches JSON.stringify on real stats and active_entities bodies', () => {
  const store = new AdsStore(7, 3);
  const objects = new ObjectData(store, 7);
  const now = Date.parse('2026-12-02T05:00:00Z');
  let checked = 0;
  for (const account of store.accountList.slice(0, 2)) {
    const ids = store.campaigns(account.id).slice(0, 20).map((c) => c.id);
    for (const [granularity, groups] of [['HOUR', 'ENGAGEMENT,BILLING,VIDEO,MEDIA,WEB_CONVERSION'], ['DAY', 'ENGAGEMENT'], ['TOTAL', 'BILLING']]) {
      const body = syncStats(store, account, [['entity', 'CAMPAIGN'], ['entity_ids', ids.join(',')], ['start_time', '2026-11-20'], ['end_time', '2026-11-27'], ['granularity', granularity!], ['metric_groups', groups!], ['placement', 'ALL_ON_TWITTER']], 7, now, objects);
      assert.ok(body.data.length > 0);
      same(body);
      checked++;
    }
    for (const entity of ['CAMPAIGN', 'LINE_ITEM', 'PROMOTED_TWEET']) {
      same(activeEntities(store, objects, account, [['entity', entity], ['start_time', '2026-11-01T00:00:00Z'], ['end_time', '2026-11-27T00:00:00Z']], 7, now));
      checked++;
    }
  }
  assert.equal(checked, 12);
});
