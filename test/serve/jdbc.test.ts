/** A third client, the one BI tools use: the PostgreSQL JDBC driver, through a small Java program. */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { test } from 'node:test';
import { startServe, USERS } from './harness.js';

const JAR = '/usr/share/java/postgresql.jar';
const missing = !existsSync(JAR) ? `${JAR} is missing (apt-get install libpostgresql-jdbc-java; .ci/run installs it)` : false;

test('the JDBC driver reads metadata and runs a prepared query', { skip: missing }, async () => {
  const catalogQueries: string[] = [];
  const h = await startServe({ onStatement: (route, sql) => route === 'catalog' && catalogQueries.push(sql) });
  try {
    const { rows } = await h.twitter.conn.query('SELECT Id, Name, CreatedAt FROM Campaigns ORDER BY Id LIMIT 1');
    const probe = fileURLToPath(new URL('./JdbcProbe.java', import.meta.url));
    const { stdout } = await promisify(execFile)('java', ['-cp', JAR, probe, String(h.server.port), 'analyst', USERS.analyst.password, String(rows[0]!.Id)], { timeout: 120_000 });
    const lines = stdout.trim().split('\n');
    assert.ok(lines.includes('product=PostgreSQL'), stdout);
    assert.ok(lines.includes('schema=agency-eu') && lines.includes('schema=brand-ig'), stdout);
    assert.ok(lines.includes('table=agency-eu.campaigns'), stdout);
    assert.ok(lines.includes('column=Id:text') && lines.includes('column=DailyBudgetAmountLocalMicro:int8') && lines.includes('column=CreatedAt:timestamptz'), stdout);
    assert.ok(lines.includes(`row=${rows[0]!.Id}|${rows[0]!.Name}|${(rows[0]!.CreatedAt as Date).toISOString().replace('.000Z', 'Z')}`), stdout);
    assert.ok(catalogQueries.length >= 3, 'metadata came from the catalog database');
  } finally {
    await h.close();
  }
});
