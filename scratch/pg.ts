import { startPostgres } from '/work/wt/sync/test/sync/postgres-server.ts';
import pg from 'pg';
const s = await startPostgres();
console.log(s?.url);
const c = new pg.Client(s!.url); await c.connect(); console.log((await c.query('select version()')).rows[0]); await c.end();
await s!.stop();
