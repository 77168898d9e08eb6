/**
 * Local evaluation: the same queries over the same in-memory rows through socialsql's engine,
 * AlaSQL and SQLite (better-sqlite3). Loading is not timed; each query runs 5 times and the
 * median counts. Results are compared so a fast wrong answer cannot pass.
 */
import alasql from 'alasql';
import Database from 'better-sqlite3';
import { MemoryTable } from '../src/catalog/memory-table.js';
import { SourceCatalog } from '../src/catalog/source-catalog.js';
import type { Row, TableInfo } from '../src/catalog/types.js';
import { parseStatements, planQuery, type SelectStatement } from '../src/engine.js';

const ROWS = 200_000;

const campaignsInfo: TableInfo = {
  name: 'Campaigns',
  aliases: [],
  columns: [
    { name: 'Id', type: 'String' },
    { name: 'AccountId', type: 'String' },
    { name: 'Name', type: 'String' },
    { name: 'EntityStatus', type: 'String' },
    { name: 'DailyBudget', type: 'Long' },
  ],
};
const accountsInfo: TableInfo = { name: 'Accounts', aliases: [], columns: [{ name: 'Id', type: 'String' }, { name: 'Name', type: 'String' }] };

function data(): { campaigns: Row[]; accounts: Row[] } {
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const words = ['Summer', 'Winter', 'Launch', 'Retarget', 'Brand', 'Promo'];
  const statuses = ['ACTIVE', 'PAUSED', 'DRAFT'];
  const accounts = Array.from({ length: 20 }, (_, i) => ({ Id: `a${i}`, Name: `Account ${i % 7}` }));
  const campaigns = Array.from({ length: ROWS }, (_, i) => ({
    Id: `c${i}`,
    AccountId: `a${Math.floor(random() * 20)}`,
    Name: `${words[Math.floor(random() * words.length)]} ${i}`,
    EntityStatus: statuses[Math.floor(random() * 3)]!,
    DailyBudget: random() < 0.1 ? null : Math.floor(random() * 1_000_000),
  }));
  return { campaigns, accounts };
}

const queries = [
  'SELECT EntityStatus, COUNT(*) AS n, SUM(DailyBudget) AS budget FROM Campaigns WHERE DailyBudget > 500000 GROUP BY EntityStatus ORDER BY EntityStatus',
  "SELECT Id, DailyBudget FROM Campaigns WHERE Name LIKE 'summer%' AND EntityStatus <> 'DRAFT' AND DailyBudget IS NOT NULL ORDER BY DailyBudget DESC, Id LIMIT 20",
  'SELECT COUNT(DISTINCT AccountId) AS n_accounts, COUNT(DailyBudget) AS n_budgets FROM Campaigns',
  'SELECT a.Name, COUNT(*) AS n FROM Campaigns c JOIN Accounts a ON c.AccountId = a.Id GROUP BY a.Name ORDER BY a.Name',
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function time<T>(run: () => Promise<T> | T): Promise<{ ms: number; result: T }> {
  let result: T | undefined;
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    result = await run();
    times.push(performance.now() - started);
  }
  return { ms: median(times), result: result! };
}

/** Rows as comparable text: values only, in order, numbers rounded. */
const canonical = (rows: readonly Record<string, unknown>[]) => JSON.stringify(rows.map((r) => Object.values(r).map((v) => (typeof v === 'number' ? Math.round(v) : v))));

export async function benchLocalEvaluation(): Promise<void> {
  const { campaigns, accounts } = data();
  const catalog = new SourceCatalog([new MemoryTable(campaignsInfo, campaigns), new MemoryTable(accountsInfo, accounts)]);

  const sqlite = new Database(':memory:');
  sqlite.exec('CREATE TABLE Campaigns (Id TEXT, AccountId TEXT, Name TEXT, EntityStatus TEXT, DailyBudget INTEGER); CREATE TABLE Accounts (Id TEXT, Name TEXT);');
  const insert = sqlite.prepare('INSERT INTO Campaigns VALUES (@Id, @AccountId, @Name, @EntityStatus, @DailyBudget)');
  sqlite.transaction(() => campaigns.forEach((c) => insert.run(c)))();
  const insertAccount = sqlite.prepare('INSERT INTO Accounts VALUES (@Id, @Name)');
  accounts.forEach((a) => insertAccount.run(a));

  const db = new alasql.Database();
  db.exec('CREATE TABLE Campaigns; CREATE TABLE Accounts');
  (db.tables as Record<string, { data: Row[] }>).Campaigns!.data = campaigns;
  (db.tables as Record<string, { data: Row[] }>).Accounts!.data = accounts;

  console.log(`\n## Local evaluation, ${ROWS.toLocaleString('en')} rows (median of 5)\n`);
  console.log('| query | socialsql ms | AlaSQL ms | SQLite ms | socialsql/AlaSQL | socialsql/SQLite | same rows |');
  console.log('|---|---|---|---|---|---|---|');
  for (const sql of queries) {
    const ours = await time(async () => {
      const plan = planQuery(parseStatements(sql)[0] as SelectStatement, catalog);
      const rows: Row[] = [];
      for await (const row of plan.run(new AbortController().signal)) rows.push(row);
      return rows;
    });
    const theirs = await time(() => db.exec(sql) as Record<string, unknown>[]);
    const lite = await time(() => sqlite.prepare(sql).all() as Record<string, unknown>[]);
    // AlaSQL's LIKE is case-sensitive, unlike SQLite's and ours: compare it where that does not matter.
    const same = canonical(ours.result) === canonical(lite.result) && (sql.includes('LIKE') || canonical(ours.result) === canonical(theirs.result));
    const name = sql.length > 70 ? `${sql.slice(0, 67)}...` : sql;
    console.log(`| \`${name}\` | ${ours.ms.toFixed(1)} | ${theirs.ms.toFixed(1)} | ${lite.ms.toFixed(1)} | ${(ours.ms / theirs.ms).toFixed(2)} | ${(ours.ms / lite.ms).toFixed(2)} | ${same ? 'yes' : 'NO'} |`);
  }
  sqlite.close();
}
