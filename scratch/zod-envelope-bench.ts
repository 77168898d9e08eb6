/** ignet: CPU of validating one 50-item insights batch answer: zod objects per item (old) against z.custom loops (new). */
import { z } from 'zod';
const item = JSON.stringify({ data: ['reach','likes','comments','saved','shares','total_interactions','views'].map((name) => ({ name, period: 'lifetime', values: [{ value: 123 }], title: 'Reach', description: 'The number of unique accounts that viewed your post.', id: `1790/insights/${name}/lifetime` })) });
const batch = JSON.stringify(Array.from({ length: 50 }, () => ({ code: 200, body: item })));
const oldBatch = z.array(z.object({ code: z.number(), body: z.string().nullable().optional() }).nullable());
const oldInsights = z.object({ data: z.array(z.object({ name: z.string(), values: z.array(z.object({ value: z.unknown() })).optional() })) });
const isBatch = (v: unknown) => Array.isArray(v) && v.every((a) => a === null || (typeof a === 'object' && typeof a.code === 'number' && (a.body === undefined || a.body === null || typeof a.body === 'string')));
const newBatch = z.custom<unknown[]>(isBatch);
const isEntries = (v: unknown) => Array.isArray(v) && v.every((e) => typeof e === 'object' && e !== null && typeof e.name === 'string' && (e.values === undefined || (Array.isArray(e.values) && e.values.every((x: unknown) => typeof x === 'object' && x !== null))));
const newInsights = z.object({ data: z.custom<unknown[]>(isEntries) });
function run(b: z.ZodType, ins: z.ZodType, n: number) {
  const c = process.cpuUsage();
  for (let i = 0; i < n; i++) {
    const answers = b.parse(JSON.parse(batch)) as { body: string }[];
    for (const a of answers) ins.parse(JSON.parse(a.body));
  }
  const u = process.cpuUsage(c);
  return (u.user + u.system) / 1000 / n;
}
// `old` or `new` (each in its own process, so each first batch is cold): zod objects per item, or z.custom loops.
const which = process.argv[2] === 'old' ? (['old', oldBatch, oldInsights] as const) : (['new', newBatch, newInsights] as const);
for (const [name, b, ins] of [which]) {
  const cold = run(b, ins, 1);
  console.log(name, 'first batch', cold.toFixed(2), 'ms; warm per 50-item batch (JSON.parse included)', run(b, ins, 400).toFixed(3), 'ms');
}
const parseOnly = (() => { const c = process.cpuUsage(); for (let i = 0; i < 400; i++) for (const a of JSON.parse(batch) as { body: string }[]) JSON.parse(a.body); const u = process.cpuUsage(c); return (u.user + u.system) / 1000 / 400; })();
console.log('JSON.parse alone per batch', parseOnly.toFixed(3), 'ms');
