/**
 * A full scan of N generated rows through the engine to ndjson (written to /dev/null), in a process
 * of its own so that its peak RSS is the scan's. The rows come from a generator page by page, as an
 * API's pages would: nothing holds the whole result. Prints one JSON line of figures.
 *   npx tsx bench/stream-scan.ts [rows]
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { MemoryTable } from '../src/catalog/memory-table.js';
import { SourceCatalog } from '../src/catalog/source-catalog.js';
import type { Row, TableInfo } from '../src/catalog/types.js';
import { parseStatements, planQuery, type SelectStatement } from '../src/engine.js';

const rows = Number(process.argv[2] ?? 1_000_000);
const info: TableInfo = {
  name: 'Tweets',
  aliases: [],
  columns: [
    { name: 'Id', type: 'String' },
    { name: 'Text', type: 'String' },
    { name: 'Likes', type: 'Long' },
    { name: 'CreatedAt', type: 'Datetime' },
  ],
};
function* generate(): Generator<Row> {
  for (let i = 0; i < rows; i++) yield { Id: `t${i}`, Text: `tweet number ${i} with some text to make the row realistic`, Likes: (i * 7919) % 1000, CreatedAt: new Date(1_700_000_000_000 + i * 1000) };
}
const catalog = new SourceCatalog([new MemoryTable(info, generate)]);
const out = openSync('/dev/null', 'w');
let count = 0;
let firstRowMs = 0;
const started = performance.now();
const plan = planQuery(parseStatements('SELECT * FROM Tweets')[0] as SelectStatement, catalog);
for await (const row of plan.run(new AbortController().signal)) {
  if (count++ === 0) firstRowMs = performance.now() - started;
  writeSync(out, `${JSON.stringify(row)}\n`);
}
closeSync(out);
const wallMs = performance.now() - started;
console.log(JSON.stringify({ rows: count, wallMs, firstRowMs, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
