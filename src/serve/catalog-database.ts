/**
 * The catalog that PostgreSQL clients read (pg_catalog, information_schema, SET/SHOW, version()),
 * answered by a real PostgreSQL: PGlite, in process. It holds one schema per served connection and an
 * empty table per API table with the same columns and types, so psql's \dt and \d, JDBC metadata
 * and BI schema sync see exactly what `serve` answers. Data never goes there.
 * PGlite runs one statement at a time, so calls are queued, and each runs under the search_path of
 * the client that asked.
 */
import type { PGlite } from '@electric-sql/pglite';
import type { TableInfo } from '../catalog/types.js';
import { pgTypeOf } from './pg-types.js';

export interface ServedSchema {
  readonly name: string;
  readonly tables: readonly TableInfo[];
}

export interface CatalogResult {
  readonly fields: readonly { readonly name: string; readonly typeOid: number }[];
  /** Values in PostgreSQL's text format; null is NULL. */
  readonly rows: readonly (readonly (string | null)[])[];
  readonly command: string;
  readonly affectedRows: number | undefined;
}

export class CatalogDatabase {
  private queue: Promise<unknown> = Promise.resolve();
  /** Every type id answered as its text, unparsed: results go back to clients as text. */
  private readonly rawText: Record<number, (text: string) => string>;

  private constructor(private readonly db: PGlite) {
    this.rawText = new Proxy({}, { get: () => (text: string) => text, has: () => true }) as Record<number, (text: string) => string>;
  }

  static async create(schemas: readonly ServedSchema[]): Promise<CatalogDatabase> {
    const { PGlite } = await import('@electric-sql/pglite');
    const db = await PGlite.create();
    const ddl: string[] = [];
    for (const schema of schemas) {
      ddl.push(`CREATE SCHEMA ${quoteIdent(schema.name)}`);
      for (const table of schema.tables) {
        const columns = table.columns.filter((c) => !c.pseudo).map((c) => `${quoteIdent(c.name)} ${pgTypeOf(c.type).name}`);
        ddl.push(`CREATE TABLE ${quoteIdent(schema.name)}.${quoteIdent(table.name.toLowerCase())} (${columns.join(', ')})`);
        if (table.description) ddl.push(`COMMENT ON TABLE ${quoteIdent(schema.name)}.${quoteIdent(table.name.toLowerCase())} IS ${quoteLiteral(table.description)}`);
      }
    }
    // Nothing may write through the catalog: clients see a read-only server for these tables.
    ddl.push(`SET TimeZone = 'UTC'`, `SET DateStyle = 'ISO, MDY'`);
    await db.exec(ddl.join(';\n'));
    return new CatalogDatabase(db);
  }

  /** Parameter and result types of a statement, without running it. */
  describe(sql: string, searchPath: readonly string[]): Promise<{ paramTypes: number[]; fields: { name: string; typeOid: number }[] }> {
    return this.serialized(async () => {
      await this.useSearchPath(searchPath);
      const d = await this.db.describeQuery(sql);
      return { paramTypes: d.queryParams.map((p) => p.dataTypeID), fields: d.resultFields.map((f) => ({ name: f.name, typeOid: f.dataTypeID })) };
    });
  }

  run(sql: string, params: readonly (string | null)[], searchPath: readonly string[]): Promise<CatalogResult> {
    return this.serialized(async () => {
      await this.useSearchPath(searchPath);
      const result = await this.db.query<unknown[]>(sql, [...params], { rowMode: 'array', parsers: this.rawText });
      return {
        fields: result.fields.map((f) => ({ name: f.name, typeOid: f.dataTypeID })),
        rows: result.rows.map((row) => row.map((v) => (v === null || v === undefined ? null : String(v)))),
        command: sql.trim().split(/\s+/)[0]!.toUpperCase(),
        affectedRows: result.affectedRows,
      };
    });
  }

  close(): Promise<void> {
    return this.serialized(() => this.db.close());
  }

  private async useSearchPath(searchPath: readonly string[]): Promise<void> {
    const path = [...searchPath.map(quoteIdent), 'public'].join(', ');
    await this.db.exec(`SET search_path TO ${path}`);
  }

  private serialized<T>(task: () => Promise<T>): Promise<T> {
    const next = this.queue.then(task, task);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function quoteLiteral(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
