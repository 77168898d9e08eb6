import { MemoryTable } from '../src/catalog/memory-table.js';
import { SourceCatalog } from '../src/catalog/source-catalog.js';
import type { Row } from '../src/catalog/types.js';
import { parseStatements, planQuery, type ExplainStatement } from '../src/engine.js';
import { accountsInfo, campaignsInfo, data, queries } from '../bench/local-eval.js';
const { campaigns, accounts } = data(1_000_000);
const catalog = new SourceCatalog([new MemoryTable(campaignsInfo, campaigns as unknown as Row[]), new MemoryTable(accountsInfo, accounts as unknown as Row[])]);
for (const q of [queries[1]!]) {
  const plan = planQuery(parseStatements('EXPLAIN ANALYZE ' + q.sql)[0] as ExplainStatement, catalog);
  console.log('==', q.name);
  for await (const r of plan.run(new AbortController().signal)) console.log(JSON.stringify(r));
}
