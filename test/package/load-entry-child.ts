// Child process for emulator-optional.test.ts: imports one library entry, runs a query, and
// leaves in argv[3] the URL of every module that was loaded on the way.
import { register } from 'node:module';

const [entry, connectionString, out] = process.argv.slice(2);
if (!entry || connectionString === undefined || !out) throw new Error('usage: load-entry-child ENTRY CONNECTION_STRING OUT');
register('./record-modules.mjs', import.meta.url, { data: { out } });
const { connect } = (await import(entry)) as { connect(connection: string): Promise<{ query(sql: string): Promise<{ rows: unknown[] }>; close(): Promise<void> }> };
const conn = await connect(connectionString);
const { rows } = await conn.query('SELECT Id FROM Accounts');
await conn.close();
process.stdout.write(JSON.stringify({ rows: rows.length }));
