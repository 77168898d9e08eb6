/**
 * A connection still being opened. The shell shows its prompt at once and connects meanwhile
 * (loading the providers, the SQL grammar and the emulator's data takes most of start-up);
 * the first statement waits for it. Until then completion simply knows no tables.
 */
import type { Field, TableInfo } from '../catalog/types.js';
import type { Connection, ConnectionProperty, Params, ProcedureInfo, QueryOptions, QueryResult, RowStream } from '../connection/types.js';

export class DeferredConnection implements Connection {
  private opened: Connection | undefined;
  private readonly opening: Promise<Connection>;

  constructor(opening: Promise<Connection>) {
    this.opening = opening.then((conn) => (this.opened = conn));
    this.opening.catch(() => undefined); // reported by whoever awaits ready()
  }

  /** Resolves once connected; rejects with the connection error. */
  ready(): Promise<Connection> {
    return this.opening;
  }

  async query(sql: string, params?: Params, options?: QueryOptions): Promise<QueryResult> {
    return (await this.opening).query(sql, params, options);
  }

  async describe(sql: string, params?: Params): Promise<readonly Field[]> {
    return (await this.opening).describe(sql, params);
  }

  stream(sql: string, params?: Params, options?: QueryOptions): RowStream {
    if (this.opened !== undefined) return this.opened.stream(sql, params, options);
    const opening = this.opening;
    let resolveFields: (fields: readonly Field[]) => void = () => undefined;
    let rejectFields: (error: unknown) => void = () => undefined;
    const fields = new Promise<readonly Field[]>((resolve, reject) => {
      resolveFields = resolve;
      rejectFields = reject;
    });
    fields.catch(() => undefined);
    return {
      fields,
      async *[Symbol.asyncIterator]() {
        let inner: ReturnType<Connection['stream']>;
        try {
          inner = (await opening).stream(sql, params, options);
        } catch (error) {
          rejectFields(error);
          throw error;
        }
        inner.fields.then(resolveFields, rejectFields);
        yield* inner;
      },
    };
  }

  tables(): readonly TableInfo[] {
    return this.opened?.tables() ?? [];
  }

  procedures(): readonly ProcedureInfo[] {
    return this.opened?.procedures() ?? [];
  }

  /** Empty until connected (the shell prints where properties came from once it is). */
  properties(): readonly ConnectionProperty[] {
    return this.opened?.properties() ?? [];
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  async close(): Promise<void> {
    let conn: Connection;
    try {
      conn = await this.opening;
    } catch {
      return; // never opened: nothing to close
    }
    await conn.close();
  }
}
