// Profiling driver: runs one bench query through socialsql only, N times.
import { MemoryTable } from '../src/catalog/memory-table.js';
import { SourceCatalog } from '../src/catalog/source-catalog.js';
import type { Row } from '../src/catalog/types.js';
import { parseStatements, planQuery, type SelectStatement } from '../src/engine.js';
import { accountsInfo, campaignsInfo, data, queries } from '../bench/local-eval.js';
const q = queries[Number(process.argv[2] ?? 0)]!;
const runs = Number(process.argv[3] ?? 20);
const { campaigns, accounts } = data(1_000_000);
const catalog = new SourceCatalog([new MemoryTable(campaignsInfo, campaigns as unknown as Row[]), new MemoryTable(accountsInfo, accounts as unknown as Row[])]);
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const t: number[] = [];
for (let k = 0; k < runs; k++) {
  const s = cpu();
  const plan = planQuery(parseStatements(q.sql)[0] as SelectStatement, catalog); const out: Row[] = []; for await (const r of plan.run(new AbortController().signal)) out.push(r);
  t.push(cpu() - s);
}
console.log(q.name, 'cpu ms median', [...t].sort((a, b) => a - b)[Math.floor(t.length / 2)]!.toFixed(1));
