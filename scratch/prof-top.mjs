// Self time by function from a .cpuprofile: node scratch/prof-top.mjs file [n]
import { readFileSync } from 'node:fs';
const p = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const self = new Map(); const byId = new Map(p.nodes.map((n) => [n.id, n]));
const dt = p.timeDeltas; const counts = new Map();
for (let i = 0; i < p.samples.length; i++) counts.set(p.samples[i], (counts.get(p.samples[i]) ?? 0) + (dt[i] ?? 0));
let total = 0;
for (const [id, us] of counts) { const n = byId.get(id); const f = n.callFrame; const k = `${f.functionName || "(anon)"} ${f.url.split("/").slice(-2).join("/")}:${f.lineNumber + 1}:${f.columnNumber + 1}`; self.set(k, (self.get(k) ?? 0) + us); total += us; }
const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(process.argv[3] ?? 25));
for (const [k, us] of top) console.log((us / 1000).toFixed(1).padStart(8), 'ms', k);
console.log('total', (total / 1000).toFixed(0));
