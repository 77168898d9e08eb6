/** sys_keycolumns rows come from the same key columns the binder uses, special tables included. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { instagramSchemas } from '../../src/providers/instagram/catalog.js';
import { MediaInsightsTable } from '../../src/providers/instagram/media-insights.js';
import type { InstagramClient } from '../../src/providers/instagram/client.js';
import { keyColumnsOf } from '../../src/providers/key-columns.js';
import { twitterAdsSchemas } from '../../src/providers/twitterads/catalog.js';
import { tableOf } from './fake-client.js';

test('sys_keycolumns: primary keys, operators, and required only when there is no default', () => {
  const rows = keyColumnsOf([tableOf(twitterAdsSchemas, 'Media'), tableOf(instagramSchemas, 'Replies'), new MediaInsightsTable({} as InstagramClient)]);
  assert.deepEqual(rows, [
    { table: 'Media', column: 'MediaKey', operators: '=, IN', required: false, primaryKey: true },
    { table: 'Media', column: 'AccountId', operators: '=, IN', required: false, primaryKey: false },
    { table: 'Media', column: 'Name', operators: "LIKE 'prefix%'", required: false, primaryKey: false },
    { table: 'Media', column: 'MediaType', operators: '=', required: false, primaryKey: false },
    { table: 'Replies', column: 'Id', operators: '', required: false, primaryKey: true },
    { table: 'Replies', column: 'CommentId', operators: '=, IN', required: true, primaryKey: false },
    { table: 'MediaInsights', column: 'MediaId', operators: '=, IN', required: false, primaryKey: false },
    { table: 'MediaInsights', column: 'MediaType', operators: '=, IN', required: false, primaryKey: false },
    { table: 'MediaInsights', column: 'MediaProductType', operators: '=, IN', required: false, primaryKey: false },
  ]);
});
