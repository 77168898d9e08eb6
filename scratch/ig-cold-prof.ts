// CPU profile of the first (cold) Comments or MediaInsights run in a fresh process, after a Media listing as the bench does: /tmp/cold.cpuprofile.
import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';
import { igSession } from './ig-session.js';
const { conn, sql, params, close } = await igSession({ latency: '0', query: 'c' });
const s = new Session(); s.connect();
await s.post('Profiler.enable'); await s.post('Profiler.setSamplingInterval', { interval: 100 }); await s.post('Profiler.start');
const t0 = performance.now();
for await (const row of conn.stream(sql, params)) void row;
console.log('cold wall', (performance.now() - t0).toFixed(0));
const { profile } = await s.post('Profiler.stop');
writeFileSync('/tmp/cold.cpuprofile', JSON.stringify(profile));
await close();
