// Runs the bench's local queries through socialsql and the hand loop; CPU ms (process.cpuUsage), median of N.
import { MemoryTable } from '../src/catalog/memory-table.js';
import { SourceCatalog } from '../src/catalog/source-catalog.js';
import type { Row } from '../src/catalog/types.js';
import { parseStatements, planQuery, type SelectStatement } from '../src/engine.js';
import { accountsInfo, campaignsInfo, data, queries } from '../bench/local-eval.js';
const rows = Number(process.argv[2] ?? 1_000_000);
const only = process.argv[3];
const runs = Number(process.argv[4] ?? 5);
const { campaigns, accounts } = data(rows);
const catalog = new SourceCatalog([new MemoryTable(campaignsInfo, campaigns as unknown as Row[]), new MemoryTable(accountsInfo, accounts as unknown as Row[])]);
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const canonical = (rs: readonly unknown[]) => JSON.stringify(rs.map((r) => Object.values(r as Record<string, unknown>).map((v) => (typeof v === 'number' ? Math.round(v) : v))));
for (const [i, q] of queries.entries()) {
  if (only !== undefined && only !== 'all' && !only.split(',').includes(String(i))) continue;
  const ours = async () => { const plan = planQuery(parseStatements(q.sql)[0] as SelectStatement, catalog); const out: Row[] = []; for await (const r of plan.run(new AbortController().signal)) out.push(r); return out; };
  const t1: number[] = []; const t2: number[] = [];
  let a: unknown[] = [], b: unknown[] = [];
  a = await ours(); b = q.loop(campaigns, accounts);
  for (let k = 0; k < runs; k++) {
    let s = cpu(); a = await ours(); t1.push(cpu() - s);
    s = cpu(); b = q.loop(campaigns, accounts); t2.push(cpu() - s);
  }
  const same = canonical(a) === canonical(b);
  console.log(`${i} ${q.name.padEnd(48)} ours ${med(t1).toFixed(0).padStart(5)}  loop ${med(t2).toFixed(0).padStart(5)}  ratio ${(med(t1) / med(t2)).toFixed(2)}  same=${same}`);
}
