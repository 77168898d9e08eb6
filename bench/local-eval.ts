/**
 * Local evaluation: the same queries over the same in-memory rows through socialsql's engine, a
 * hand-written JS loop, AlaSQL, SQLite (better-sqlite3, in memory) and DuckDB (@duckdb/node-api).
 * Loading is not timed; each query runs once untimed (JIT warm-up, for every engine alike), then
 * RUNS times, and the median counts. Results are compared
 * (values in order, numbers rounded) so a fast wrong answer cannot pass.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import alasql from 'alasql';
import Database from 'better-sqlite3';
import { MemoryTable } from '../src/catalog/memory-table.js';
import { SourceCatalog } from '../src/catalog/source-catalog.js';
import type { Row, TableInfo } from '../src/catalog/types.js';
import { parseStatements, planQuery, type SelectStatement } from '../src/engine.js';
import type { LocalResult } from './report.js';

export const RUNS = 5;
const ACCOUNTS = 10_000;

export const campaignsInfo: TableInfo = {
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
export const accountsInfo: TableInfo = { name: 'Accounts', aliases: [], columns: [{ name: 'Id', type: 'String' }, { name: 'Name', type: 'String' }] };

export interface Campaign {
  Id: string;
  AccountId: string;
  Name: string;
  EntityStatus: string;
  DailyBudget: number | null;
}
export interface Account {
  Id: string;
  Name: string;
}

export function data(rows: number): { campaigns: Campaign[]; accounts: Account[] } {
  let seed = 7;
  // The LCG in exact 32-bit arithmetic: in doubles, seed * 1103515245 passes 2^53 and loses its low
  // bits, and the sequence collapsed (2,335 of 10,000 accounts, 2,663 distinct budgets, 87% ties).
  const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff) / 2147483648;
  const words = ['Summer', 'Winter', 'Launch', 'Retarget', 'Brand', 'Promo'];
  const statuses = ['ACTIVE', 'PAUSED', 'DRAFT'];
  const accounts = Array.from({ length: ACCOUNTS }, (_, i) => ({ Id: `a${i}`, Name: `Account ${i % 97}` }));
  const campaigns = Array.from({ length: rows }, (_, i) => ({
    Id: `c${i}`,
    AccountId: `a${Math.floor(random() * ACCOUNTS)}`,
    Name: `${words[Math.floor(random() * words.length)]} ${i}`,
    EntityStatus: statuses[Math.floor(random() * 3)]!,
    DailyBudget: random() < 0.1 ? null : Math.floor(random() * 1_000_000),
  }));
  return { campaigns, accounts };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The k first items under `before`: a binary max-heap of the kept items, its root the worst kept. */
class TopK<T> {
  private readonly heap: T[] = [];
  constructor(
    private readonly k: number,
    private readonly before: (a: T, b: T) => number,
  ) {}
  offer(item: T): void {
    const h = this.heap;
    if (h.length < this.k) {
      h.push(item);
      for (let i = h.length - 1; i > 0; ) {
        const parent = (i - 1) >> 1;
        if (this.before(h[parent]!, h[i]!) >= 0) break;
        [h[parent], h[i]] = [h[i]!, h[parent]!];
        i = parent;
      }
      return;
    }
    if (this.before(item, h[0]!) >= 0) return;
    h[0] = item;
    for (let i = 0; ; ) {
      const l = 2 * i + 1;
      const r = l + 1;
      let worst = i;
      if (l < h.length && this.before(h[l]!, h[worst]!) > 0) worst = l;
      if (r < h.length && this.before(h[r]!, h[worst]!) > 0) worst = r;
      if (worst === i) break;
      [h[worst], h[i]] = [h[i]!, h[worst]!];
      i = worst;
    }
  }
  sorted(): T[] {
    return [...this.heap].sort(this.before);
  }
}

export interface Query {
  readonly name: string;
  readonly sql: string;
  /** AlaSQL cannot run it (window functions). */
  readonly noAlasql?: boolean;
  readonly loop: (campaigns: readonly Campaign[], accounts: readonly Account[]) => unknown[];
}

export const queries: Query[] = [
  {
    name: 'GROUP BY 2 keys, COUNT + SUM, ORDER BY … LIMIT',
    sql: 'SELECT AccountId, EntityStatus, COUNT(*) AS n, SUM(DailyBudget) AS budget FROM Campaigns GROUP BY AccountId, EntityStatus ORDER BY budget DESC, AccountId, EntityStatus LIMIT 10',
    loop: (campaigns) => {
      const groups = new Map<string, { AccountId: string; EntityStatus: string; n: number; budget: number | null }>();
      for (const c of campaigns) {
        const key = `${c.AccountId}\u0000${c.EntityStatus}`;
        let g = groups.get(key);
        if (g === undefined) groups.set(key, (g = { AccountId: c.AccountId, EntityStatus: c.EntityStatus, n: 0, budget: null }));
        g.n++;
        if (c.DailyBudget !== null) g.budget = (g.budget ?? 0) + c.DailyBudget;
      }
      return [...groups.values()].sort((a, b) => (b.budget ?? -Infinity) - (a.budget ?? -Infinity) || cmp(a.AccountId, b.AccountId) || cmp(a.EntityStatus, b.EntityStatus)).slice(0, 10);
    },
  },
  {
    name: 'filter + 2-key sort + LIMIT',
    sql: "SELECT Id, DailyBudget FROM Campaigns WHERE EntityStatus <> 'DRAFT' AND DailyBudget IS NOT NULL ORDER BY DailyBudget DESC, Id LIMIT 20",
    // A top-k heap, not a full sort: what a competent hand-written loop does under LIMIT.
    loop: (campaigns) => {
      const before = (a: Campaign, b: Campaign) => b.DailyBudget! - a.DailyBudget! || cmp(a.Id, b.Id);
      const heap = new TopK<Campaign>(20, before);
      for (const c of campaigns) if (c.EntityStatus !== 'DRAFT' && c.DailyBudget !== null) heap.offer(c);
      return heap.sorted().map((c) => ({ Id: c.Id, DailyBudget: c.DailyBudget }));
    },
  },
  {
    name: 'COUNT(DISTINCT)',
    sql: 'SELECT COUNT(DISTINCT AccountId) AS n_accounts, COUNT(DailyBudget) AS n_budgets FROM Campaigns',
    loop: (campaigns) => {
      const seen = new Set<string>();
      let budgets = 0;
      for (const c of campaigns) {
        seen.add(c.AccountId);
        if (c.DailyBudget !== null) budgets++;
      }
      return [{ n_accounts: seen.size, n_budgets: budgets }];
    },
  },
  {
    name: 'hash join 1M × 10k + GROUP BY',
    sql: 'SELECT a.Name, COUNT(*) AS n FROM Campaigns c JOIN Accounts a ON c.AccountId = a.Id GROUP BY a.Name ORDER BY a.Name',
    loop: (campaigns, accounts) => {
      const byId = new Map<string, Account>();
      for (const a of accounts) byId.set(a.Id, a);
      const counts = new Map<string, number>();
      for (const c of campaigns) {
        const a = byId.get(c.AccountId);
        if (a !== undefined) counts.set(a.Name, (counts.get(a.Name) ?? 0) + 1);
      }
      return [...counts].sort((x, y) => cmp(x[0], y[0])).map(([Name, n]) => ({ Name, n }));
    },
  },
  {
    name: 'window: ROW_NUMBER per account, top 1',
    sql: 'SELECT t.AccountId, t.Id, t.DailyBudget FROM (SELECT AccountId, Id, DailyBudget, ROW_NUMBER() OVER (PARTITION BY AccountId ORDER BY DailyBudget DESC, Id) AS rn FROM Campaigns WHERE DailyBudget IS NOT NULL) t WHERE t.rn = 1 ORDER BY t.DailyBudget DESC, t.AccountId LIMIT 20',
    noAlasql: true,
    loop: (campaigns) => {
      const best = new Map<string, Campaign>();
      for (const c of campaigns) {
        if (c.DailyBudget === null) continue;
        const b = best.get(c.AccountId);
        if (b === undefined || c.DailyBudget > b.DailyBudget! || (c.DailyBudget === b.DailyBudget && c.Id < b.Id)) best.set(c.AccountId, c);
      }
      return [...best.values()]
        .sort((a, b) => b.DailyBudget! - a.DailyBudget! || cmp(a.AccountId, b.AccountId))
        .slice(0, 20)
        .map((c) => ({ AccountId: c.AccountId, Id: c.Id, DailyBudget: c.DailyBudget }));
    },
  },
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function time<T>(run: () => Promise<T> | T): Promise<{ ms: number; result: T }> {
  let result: T | undefined;
  const times: number[] = [];
  await run();
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    result = await run();
    times.push(performance.now() - started);
  }
  return { ms: median(times), result: result! };
}

/** Rows as comparable text: values only, in order, numbers (and DuckDB's bigints) rounded. */
const canonical = (rows: readonly unknown[]) =>
  JSON.stringify(rows.map((r) => Object.values(r as Record<string, unknown>).map((v) => (typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? Math.round(v) : v))));

export async function benchLocalEvaluation(rows: number): Promise<LocalResult[]> {
  const { campaigns, accounts } = data(rows);
  const catalog = new SourceCatalog([new MemoryTable(campaignsInfo, campaigns as unknown as Row[]), new MemoryTable(accountsInfo, accounts as unknown as Row[])]);

  const sqlite = new Database(':memory:');
  sqlite.exec('CREATE TABLE Campaigns (Id TEXT, AccountId TEXT, Name TEXT, EntityStatus TEXT, DailyBudget INTEGER); CREATE TABLE Accounts (Id TEXT, Name TEXT);');
  const insert = sqlite.prepare('INSERT INTO Campaigns VALUES (@Id, @AccountId, @Name, @EntityStatus, @DailyBudget)');
  sqlite.transaction(() => campaigns.forEach((c) => insert.run(c)))();
  const insertAccount = sqlite.prepare('INSERT INTO Accounts VALUES (@Id, @Name)');
  sqlite.transaction(() => accounts.forEach((a) => insertAccount.run(a)))();

  const duck = await (await DuckDBInstance.create(':memory:')).connect();
  await duck.run('CREATE TABLE Campaigns (Id VARCHAR, AccountId VARCHAR, Name VARCHAR, EntityStatus VARCHAR, DailyBudget INTEGER); CREATE TABLE Accounts (Id VARCHAR, Name VARCHAR);');
  const appender = await duck.createAppender('Campaigns');
  for (const c of campaigns) {
    appender.appendVarchar(c.Id);
    appender.appendVarchar(c.AccountId);
    appender.appendVarchar(c.Name);
    appender.appendVarchar(c.EntityStatus);
    if (c.DailyBudget === null) appender.appendNull();
    else appender.appendInteger(c.DailyBudget);
    appender.endRow();
  }
  appender.closeSync();
  const accountAppender = await duck.createAppender('Accounts');
  for (const a of accounts) {
    accountAppender.appendVarchar(a.Id);
    accountAppender.appendVarchar(a.Name);
    accountAppender.endRow();
  }
  accountAppender.closeSync();

  const db = new alasql.Database();
  db.exec('CREATE TABLE Campaigns; CREATE TABLE Accounts');
  (db.tables as Record<string, { data: unknown[] }>).Campaigns!.data = campaigns;
  (db.tables as Record<string, { data: unknown[] }>).Accounts!.data = accounts;

  const results: LocalResult[] = [];
  for (const query of queries) {
    const ours = await time(async () => {
      const plan = planQuery(parseStatements(query.sql)[0] as SelectStatement, catalog);
      const out: Row[] = [];
      for await (const row of plan.run(new AbortController().signal)) out.push(row);
      return out;
    });
    const loop = await time(() => query.loop(campaigns, accounts));
    const theirs = query.noAlasql ? undefined : await time(() => db.exec(query.sql) as unknown[]);
    const lite = await time(() => sqlite.prepare(query.sql).all());
    const duckdb = await time(async () => (await duck.runAndReadAll(query.sql)).getRowObjects());
    const expected = canonical(loop.result);
    const same = [ours.result, lite.result, duckdb.result, ...(theirs ? [theirs.result] : [])].every((r) => canonical(r) === expected);
    results.push({ scenario: query.name, rows, socialsqlMs: ours.ms, handLoopMs: loop.ms, alasqlMs: theirs?.ms ?? null, sqliteMs: lite.ms, duckdbMs: duckdb.ms, sameResults: same });
  }
  sqlite.close();
  duck.closeSync();
  return results;
}
