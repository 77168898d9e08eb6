import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkStatsEnvelope, valueAt } from '../../src/providers/twitterads/stats-envelope.js';

const good = {
  data_type: 'stats',
  time_series_length: 2,
  data: [
    { id: 'c1', id_data: [{ segment: null, metrics: { impressions: [10, null], clicks: null, mobile_conversion_installs: { metric: [1, 2], assisted: [0, 0] } } }] },
    { id: 'c2', id_data: [{ segment: { segment_name: 'US', segment_value: '96683cc9126741d1' }, metrics: { impressions: [3, 4] } }] },
  ],
};

test('a well-formed stats body passes as the same objects, unchanged', () => {
  const checked = checkStatsEnvelope(good);
  assert.equal(checked.ok, true);
  if (!checked.ok) return;
  assert.ok(checked.value === (good as unknown), "the same object, not a copy");
  assert.equal(checked.value.data[0]!.id_data[0]!.metrics.impressions, good.data[0]!.id_data[0]!.metrics.impressions);
  assert.equal(valueAt(checked.value.data[0]!.id_data[0]!.metrics.impressions, 1), null);
  assert.equal(valueAt(checked.value.data[0]!.id_data[0]!.metrics.mobile_conversion_installs, 1), 2);
  assert.equal(valueAt(checked.value.data[0]!.id_data[0]!.metrics.clicks, 0), null);
});

test('each departure from the shape is refused, naming where', () => {
  const cases: Array<[unknown, string]> = [
    [null, 'at the top'],
    [[], 'at the top'],
    [{ ...good, time_series_length: -1 }, 'at time_series_length'],
    [{ ...good, time_series_length: 1.5 }, 'at time_series_length'],
    [{ ...good, data: {} }, 'at data:'],
    [{ ...good, data: [{ id: 7, id_data: [] }] }, 'at data.0.id:'],
    [{ ...good, data: [{ id: 'x' }] }, 'at data.0.id_data:'],
    [{ ...good, data: [{ id: 'x', id_data: [{ metrics: [] }] }] }, 'at data.0.id_data.0.metrics:'],
    [{ ...good, data: [{ id: 'x', id_data: [{ metrics: { impressions: [1, '2'] } }] }] }, 'at data.0.id_data.0.metrics.impressions:'],
    [{ ...good, data: [{ id: 'x', id_data: [{ metrics: { impressions: 5 } }] }] }, 'at data.0.id_data.0.metrics.impressions:'],
    [{ ...good, data: [{ id: 'x', id_data: [{ metrics: { installs: { metric: [true] } } }] }] }, 'at data.0.id_data.0.metrics.installs:'],
    [{ ...good, data: [{ id: 'x', id_data: [{ segment: 'US', metrics: {} }] }] }, 'at data.0.id_data.0.segment:'],
    [{ ...good, data: [{ id: 'x', id_data: [{ segment: { segment_name: 3 }, metrics: {} }] }] }, 'at data.0.id_data.0.segment.segment_name:'],
    // JSON.parse turns an out-of-range number into Infinity, which is no metric value.
    [JSON.parse('{"time_series_length":1,"data":[{"id":"y","id_data":[{"metrics":{"impressions":[1e999]}}]}]}'), 'at data.0.id_data.0.metrics.impressions:'],
  ];
  for (const [body, where] of cases) {
    const checked = checkStatsEnvelope(body);
    assert.equal(checked.ok, false, JSON.stringify(body));
    if (!checked.ok) assert.ok(checked.detail.includes(where), `${checked.detail} should name ${where}`);
  }
});
