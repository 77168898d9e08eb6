import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TableInfo } from '../../src/catalog/types.js';
import type { ProcedureInfo } from '../../src/connection/types.js';
import { complete, createCompleter } from '../../src/cli/completion.js';
import { FakeConnection } from './fake-connection.js';

const tables: TableInfo[] = [
  { name: 'Campaigns', aliases: ['AdCampaigns'], columns: [{ name: 'Id', type: 'String' }, { name: 'Name', type: 'String' }, { name: 'EntityStatus', type: 'String' }] },
  { name: 'Insights', aliases: ['AdStats'], columns: [{ name: 'EntityId', type: 'String' }, { name: 'EntityType', type: 'String' }, { name: 'Impressions', type: 'Long' }] },
];
const procedures: ProcedureInfo[] = [
  {
    name: 'GetOAuthAccessToken',
    description: '',
    parameters: [
      { name: 'AuthMode', type: 'String', required: false, description: '' },
      { name: 'Verifier', type: 'String', required: false, description: '' },
    ],
    results: [],
  },
  { name: 'GetOAuthAuthorizationURL', description: '', parameters: [{ name: 'CallbackURL', type: 'String', required: false, description: '' }], results: [] },
];
const catalog = { tables: () => tables, procedures: () => procedures };
const at = (before: string, after = '') => complete({ before, after }, catalog);

test('completion: columns of the tables the statement names only, qualified by alias or bare', () => {
  // Campaigns has EntityStatus, Insights has EntityId/EntityType: only the named table's columns come back.
  assert.deepEqual(at('SELECT * FROM Campaigns WHERE Ent'), [['EntityStatus'], 'Ent']);
  assert.deepEqual(at('SELECT c.Ent', ' FROM Campaigns c JOIN Insights i ON i.EntityId = c.Id'), [['c.EntityStatus'], 'c.Ent']);
  assert.deepEqual(at('SELECT i.Ent', ' FROM Campaigns c JOIN Insights AS i ON i.EntityId = c.Id'), [['i.EntityId', 'i.EntityType'], 'i.Ent']);
  assert.deepEqual(at('SELECT c.', ' FROM AdCampaigns c'), [['c.Id', 'c.Name', 'c.EntityStatus'], 'c.']);
  // Bare words: columns, aliases, functions and keywords.
  assert.deepEqual(at('SELECT co', ' FROM Campaigns c'), [['COUNT', 'CONCAT', 'COALESCE'], 'co']);
  assert.deepEqual(at('SELECT Name FROM Campaigns c WHERE c'), [['c', 'COUNT', 'CONCAT', 'CEILING', 'CEIL', 'COALESCE', 'CAST', 'CURRENT_TIMESTAMP', 'CURRENT_DATE', 'CASE'], 'c']);
  // Multi-line: the FROM on an earlier line counts (createCompleter joins the pending lines).
  const completer = createCompleter(catalog, () => 'SELECT *\nFROM Insights i', () => 'WHERE i.Imp');
  assert.deepEqual(completer('WHERE i.Imp'), [['i.Impressions'], 'i.Imp']);
});

test('completion: tables and aliases after FROM and JOIN; procedures after EXEC, then their @parameters', () => {
  assert.deepEqual(at('SELECT * FROM '), [['Campaigns', 'AdCampaigns', 'Insights', 'AdStats'], '']);
  assert.deepEqual(at('SELECT * FROM Campaigns c JOIN ad'), [['AdCampaigns', 'AdStats'], 'ad']);
  assert.deepEqual(at('SELECT * FROM Campaigns, ins'), [['Insights'], 'ins']);
  assert.deepEqual(at('EXEC GetOAuthA'), [['GetOAuthAccessToken', 'GetOAuthAuthorizationURL'], 'GetOAuthA']);
  assert.deepEqual(at('EXEC GetOAuthAccessToken @'), [['@AuthMode', '@Verifier'], '@']);
  assert.deepEqual(at("EXEC GetOAuthAccessToken @AuthMode = 'x', @V"), [['@Verifier'], '@V']);
  assert.deepEqual(at('sel'), [['SELECT'], 'sel']);
});

test('completion: dot-commands, file names after .read/.output/.once/.chart, tables after .schema, modes after .mode', () => {
  const dir = mkdtempSync(join(tmpdir(), 'socialsql-complete-'));
  writeFileSync(join(dir, 'report.sql'), '');
  writeFileSync(join(dir, 'rates.csv'), '');
  mkdirSync(join(dir, 'reports'));
  writeFileSync(join(dir, 'reports', 'weekly.sql'), '');
  const inDir = (before: string) => complete({ before, cwd: dir }, catalog);
  assert.deepEqual(inDir('.sc'), [['.schema'], '.sc']);
  assert.deepEqual(inDir('.read rep'), [['report.sql', 'reports/'], 'rep']);
  assert.deepEqual(inDir('.read reports/'), [['reports/weekly.sql'], 'reports/']);
  assert.deepEqual(inDir('.output ra'), [['rates.csv'], 'ra']);
  assert.deepEqual(inDir(`.once ${dir}/rat`), [[`${dir}/rates.csv`], `${dir}/rat`]);
  assert.deepEqual(inDir('.schema adc'), [['AdCampaigns'], 'adc']);
  assert.deepEqual(inDir('.mode ma'), [['markdown'], 'ma']);
  assert.deepEqual(inDir('.headers o'), [['on', 'off'], 'o']);
});

test('createCompleter over a connection keeps the readline shape', () => {
  const completer = createCompleter(new FakeConnection());
  assert.deepEqual(completer('.sc'), [['.schema'], '.sc']);
  assert.deepEqual(completer('SELECT * FROM adc'), [['AdCampaigns'], 'adc']);
  assert.deepEqual(completer('SELECT * FROM Campaigns WHERE Include'), [['IncludeDeleted'], 'Include']);
});
