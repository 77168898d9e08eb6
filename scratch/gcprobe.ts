import { MemoryTable } from '../src/catalog/memory-table.js';
import { SourceCatalog } from '../src/catalog/source-catalog.js';
import type { Row } from '../src/catalog/types.js';
import { parseStatements, planQuery, type SelectStatement } from '../src/engine.js';
import { accountsInfo, campaignsInfo, data, queries } from '../bench/local-eval.js';
import { PerformanceObserver } from 'node:perf_hooks';
const { campaigns, accounts } = data(1_000_000);
const catalog = new SourceCatalog([new MemoryTable(campaignsInfo, campaigns as unknown as Row[]), new MemoryTable(accountsInfo, accounts as unknown as Row[])]);
let gcms = 0, gcn = 0;
new PerformanceObserver((l) => { for (const e of l.getEntries()) { gcms += e.duration; gcn++; if (process.env.GCK) console.log("gc kind", (e as unknown as { detail: { kind: number } }).detail.kind, e.duration.toFixed(1)); } }).observe({ entryTypes: ['gc'] });
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
for (const qi of process.argv.slice(2).map(Number)) {
  const q = queries[qi]!;
  const ours = async () => { const plan = planQuery(parseStatements(q.sql)[0] as SelectStatement, catalog); const out: Row[] = []; for await (const r of plan.run(new AbortController().signal)) out.push(r); return out; };
  for (let i = 0; i < 3; i++) { await ours(); q.loop(campaigns, accounts); }
  await new Promise((r) => setTimeout(r, 50));
  for (const [name, f] of [['ours', ours], ['loop', async () => q.loop(campaigns, accounts)]] as const) {
    gcms = 0; gcn = 0; const s = cpu();
    for (let i = 0; i < 10; i++) await f();
    const c = cpu() - s;
    await new Promise((r) => setTimeout(r, 50));
    console.log(qi, name, 'cpu/run', (c / 10).toFixed(1), 'gc ms/run', (gcms / 10).toFixed(1), 'gcs', gcn);
  }
}
