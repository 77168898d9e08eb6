/** The oracle database: better-sqlite3 in memory, loaded with the raw rows. */
import Database from 'better-sqlite3';
import type { DiffTable } from './dataset.js';

const SQLITE_TYPE = { String: 'TEXT', Int: 'INTEGER', Long: 'INTEGER', Double: 'REAL', Boolean: 'INTEGER', Datetime: 'TEXT' } as const;

export function openOracle(tables: readonly DiffTable[]): Database.Database {
  const db = new Database(':memory:');
  for (const t of tables) {
    db.exec(`CREATE TABLE "${t.name}" (${t.columns.map((c) => `"${c.name}" ${SQLITE_TYPE[c.type]}`).join(', ')})`);
    const insert = db.prepare(`INSERT INTO "${t.name}" VALUES (${t.columns.map(() => '?').join(', ')})`);
    for (const row of t.rows) insert.run(...t.columns.map((c) => (typeof row[c.name] === 'boolean' ? Number(row[c.name]) : row[c.name])));
  }
  return db;
}
