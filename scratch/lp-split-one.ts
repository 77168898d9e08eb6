// Splits the window query's CPU: planning, the window alone, the whole query.
import { MemoryTable } from '../src/catalog/memory-table.js';
import { SourceCatalog } from '../src/catalog/source-catalog.js';
import type { Row } from '../src/catalog/types.js';
import { parseStatements, planQuery, type SelectStatement } from '../src/engine.js';
import { accountsInfo, campaignsInfo, data, queries } from '../bench/local-eval.js';
const { campaigns, accounts } = data(1_000_000);
const catalog = new SourceCatalog([new MemoryTable(campaignsInfo, campaigns as unknown as Row[]), new MemoryTable(accountsInfo, accounts as unknown as Row[])]);
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const sqls = {
  plan: queries[4]!.sql,
  whole: queries[4]!.sql,
  windowOnly: 'SELECT t.AccountId, t.Id, t.DailyBudget FROM (SELECT AccountId, Id, DailyBudget, ROW_NUMBER() OVER (PARTITION BY AccountId ORDER BY DailyBudget DESC, Id) AS rn FROM Campaigns WHERE DailyBudget IS NOT NULL) t WHERE t.rn = 1',
  scanCount: 'SELECT COUNT(*) FROM Campaigns WHERE DailyBudget IS NOT NULL',
};
for (let round = 0; round < 1; round++) for (const [name, sql] of Object.entries(sqls).filter(([n]) => n === (process.argv[2] ?? 'scanCount'))) {
  const t: number[] = [];
  for (let i = 0; i < 20; i++) {
    const s = cpu();
    const plan = planQuery(parseStatements(sql)[0] as SelectStatement, catalog);
    if (name !== 'plan') { const out: Row[] = []; for await (const r of plan.run(new AbortController().signal)) out.push(r); }
    t.push(cpu() - s);
  }
  console.log(name, [...t].sort((a, b) => a - b)[3]!.toFixed(1));
}
