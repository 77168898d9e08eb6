// socialsql vs the hand loop on one bench query, same process, CPU ms, run by run: node --import tsx scratch/lp3-ratio.ts QUERY RUNS
import { MemoryTable } from '../src/catalog/memory-table.js';
import { SourceCatalog } from '../src/catalog/source-catalog.js';
import type { Row } from '../src/catalog/types.js';
import { parseStatements, planQuery, type SelectStatement } from '../src/engine.js';
import { accountsInfo, campaignsInfo, data, queries } from '../bench/local-eval.js';
const q = queries[Number(process.argv[2] ?? 1)]!;
const runs = Number(process.argv[3] ?? 15);
const { campaigns, accounts } = data(1_000_000);
const catalog = new SourceCatalog([new MemoryTable(campaignsInfo, campaigns as unknown as Row[]), new MemoryTable(accountsInfo, accounts as unknown as Row[])]);
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const ours: number[] = [], loop: number[] = [], ratio: number[] = [];
for (let k = 0; k < runs + 1; k++) {
  let s = cpu();
  const plan = planQuery(parseStatements(q.sql)[0] as SelectStatement, catalog); const out: Row[] = []; for await (const r of plan.run(new AbortController().signal)) out.push(r);
  const a = cpu() - s;
  s = cpu(); const expect = q.loop(campaigns, accounts); const b = cpu() - s;
  if (JSON.stringify(out.map((r) => Object.values(r))) !== JSON.stringify(expect.map((r) => Object.values(r as object)))) throw new Error('different results');
  if (k === 0) continue;
  ours.push(a); loop.push(b); ratio.push(a / b);
}
const med = (v: number[]) => [...v].sort((x, y) => x - y)[Math.floor(v.length / 2)]!;
console.log(q.name, 'socialsql', med(ours).toFixed(1), 'loop', med(loop).toFixed(1), 'median ratio', med(ratio).toFixed(2));
