import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCompleter } from '../../src/cli/completion.js';
import { FakeConnection } from './fake-connection.js';

test('tab completion: dot-commands at line start, then tables, columns and keywords', () => {
  const complete = createCompleter(new FakeConnection());
  assert.deepEqual(complete('.sc'), [['.schema'], '.sc']);
  assert.deepEqual(complete('SELECT * FROM adc'), [['AdCampaigns'], 'adc']);
  assert.deepEqual(complete('SELECT * FROM Campaigns WHERE Include'), [['IncludeDeleted'], 'Include']);
  assert.deepEqual(complete('sel'), [['SELECT'], 'sel']);
});
