// Probe: the window's per-row Map lookup, hand loop vs ValueMap.plain, over the bench rows.
import { data } from '../bench/local-eval.js';
import { ValueMap } from '../src/exec/value-map.js';
const { campaigns } = data(1_000_000);
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const rows = campaigns as unknown as Record<string, unknown>[];
function plainMap(): number { const m = new Map<unknown, number[]>(); let n = 0; for (let r = 0; r < rows.length; r++) { const v = rows[r]!['AccountId'] ?? null; let p = m.get(v); if (p === undefined) m.set(v, (p = [])); n += p.length; } return n; }
function valueMap(): number { const m = new ValueMap<number[]>(); let n = 0; for (let r = 0; r < rows.length; r++) { const v = rows[r]!['AccountId'] ?? null; let p = typeof v === 'object' && v !== null ? m.get(v as Date) : m.plain.get(v as string); if (p === undefined) m.set(v as string, (p = [])); n += p.length; } return n; }
function pages(): number { const m = new Map<unknown, number[]>(); let n = 0; for (let s = 0; s < rows.length; s += 1024) { const page = rows.slice(s, s + 1024); for (let r = 0; r < page.length; r++) { const v = page[r]!['AccountId'] ?? null; let p = m.get(v); if (p === undefined) m.set(v, (p = [])); n += p.length; } } return n; }
for (let round = 0; round < 3; round++) for (const [name, f] of [['plainMap', plainMap], ['valueMap', valueMap], ['pages', pages]] as const) { const s = cpu(); for (let i = 0; i < 5; i++) f(); console.log(name, ((cpu() - s) / 5).toFixed(1)); }
