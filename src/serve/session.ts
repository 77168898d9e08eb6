/**
 * One client of `socialsql serve` after authentication: the simple and extended query protocols
 * (Parse, Bind, Describe, Execute with row limits, Close, Sync), prepared statements and portals,
 * and the routing of each statement to the catalog database or to a served connection.
 */
import type { ColumnType, Field, Row, Value } from '../catalog/types.js';
import type { Connection, QueryProgress } from '../connection/types.js';
import { CancelledError, PlanError } from '../errors.js';
import type { CatalogDatabase } from './catalog-database.js';
import { describeStatement, isCatalogStatement, splitStatements, toEngineSql, type EngineSql, type PgStatementInfo, type TableName } from './pg-dialect.js';
import { decodeParam, encodeBinary, encodeText, OID, pgTypeOf } from './pg-types.js';
import { errorFieldsOf, WriteNotAllowedError } from './sqlstate.js';
import * as msg from './wire/backend-messages.js';
import type { ColumnDescription } from './wire/backend-messages.js';
import type { FrontendMessage } from './wire/frontend-messages.js';

/** A named connection as one schema. */
export interface ServedConnection {
  readonly schema: string;
  readonly connection: Connection;
}

export interface SessionUser {
  readonly name: string;
  /** Schemas this user may see, in search_path order. */
  readonly schemas: readonly string[];
  readonly write: boolean;
}

type Route = { readonly kind: 'catalog' } | { readonly kind: 'data'; readonly served: ServedConnection; readonly engine: EngineSql; readonly command: string } | { readonly kind: 'local'; readonly command: string };

interface Prepared {
  readonly sql: string;
  readonly info: PgStatementInfo;
  readonly route: Route;
  /** As declared by Parse; 0 where the client left it to the server. */
  readonly paramTypes: readonly number[];
}

interface ResultColumn {
  readonly name: string;
  readonly typeOid: number;
  readonly typeSize: number;
  /** Set for data results: how to encode the engine's values. */
  readonly type?: ColumnType;
}

interface Portal {
  readonly prepared: Prepared;
  readonly params: readonly Value[];
  readonly resultFormats: readonly (0 | 1)[];
  /** Rows still to send, once execution started (so Execute with a row limit can resume). */
  pending?: AsyncIterator<readonly (Uint8Array | null)[]>;
  sent: number;
  columns?: readonly ResultColumn[];
  /** Cancels this portal's query, HTTP included; set once it starts. */
  controller?: AbortController;
  /** NoticeResponses waiting to go out (rate-limit waits), and a way to wake the row loop for them. */
  readonly notices: Uint8Array[];
  wake?: () => void;
}

const TRANSACTION_COMMANDS = new Set(['BEGIN', 'START', 'COMMIT', 'END', 'ROLLBACK', 'SAVEPOINT', 'RELEASE', 'DISCARD', 'DEALLOCATE', 'RESET', 'UNLISTEN', 'LISTEN']);

export class ClientSession {
  private readonly statements = new Map<string, Prepared>();
  private readonly portals = new Map<string, Portal>();
  private searchPath: string[];
  private inTransaction = false;
  /** After an error in the extended protocol, messages are skipped until Sync. */
  private skipping = false;
  private running: AbortController | undefined;

  constructor(
    private readonly user: SessionUser,
    private readonly served: readonly ServedConnection[],
    private readonly catalog: CatalogDatabase,
    private readonly onStatement?: (route: 'catalog' | 'data' | 'local', sql: string) => void,
  ) {
    this.searchPath = [...user.schemas];
  }

  /** Stops the statement in progress, if any (a CancelRequest, or the client went away). */
  cancel(): void {
    this.running?.abort();
  }

  async *handle(message: FrontendMessage): AsyncGenerator<Uint8Array> {
    if (message.kind === 'Sync') {
      this.skipping = false;
      this.dropPortal('');
      yield msg.readyForQuery(this.inTransaction ? 'transaction' : 'idle');
      return;
    }
    if (message.kind === 'Query') {
      yield* this.simpleQuery(message.sql);
      return;
    }
    if (this.skipping || message.kind === 'Flush' || message.kind === 'Terminate') return;
    try {
      switch (message.kind) {
        case 'Parse':
          this.statements.set(message.statement, this.prepare(message.sql, message.paramTypes));
          yield msg.parseComplete();
          return;
        case 'Bind': {
          const prepared = this.statements.get(message.statement);
          if (!prepared) throw new PlanError(`prepared statement "${message.statement}" does not exist`);
          const types = await this.paramTypes(prepared);
          if (message.params.length !== types.length && prepared.route.kind === 'data') {
            throw new PlanError(`bind message supplies ${message.params.length} parameters, but prepared statement "${message.statement}" requires ${types.length}`);
          }
          const params = message.params.map((p, i) => decodeParam(p, message.paramFormats[i] ?? 0, types[i] ?? 0));
          this.dropPortal(message.portal);
          this.portals.set(message.portal, { prepared, params, resultFormats: message.resultFormats, sent: 0, notices: [] });
          yield msg.bindComplete();
          return;
        }
        case 'Describe':
          if (message.target === 'S') {
            const prepared = this.statements.get(message.name);
            if (!prepared) throw new PlanError(`prepared statement "${message.name}" does not exist`);
            yield msg.parameterDescription(await this.paramTypes(prepared));
            const columns = await this.describeColumns(prepared, undefined);
            yield columns.length > 0 ? msg.rowDescription(columns.map((c) => describe(c, 0))) : msg.noData();
          } else {
            const portal = this.portals.get(message.name);
            if (!portal) throw new PlanError(`portal "${message.name}" does not exist`);
            const columns = await this.describeColumns(portal.prepared, portal.params);
            yield columns.length > 0 ? msg.rowDescription(columns.map((c, i) => describe(c, formatOf(portal.resultFormats, i)))) : msg.noData();
          }
          return;
        case 'Execute': {
          const portal = this.portals.get(message.portal);
          if (!portal) throw new PlanError(`portal "${message.portal}" does not exist`);
          yield* this.execute(portal, message.maxRows, false);
          return;
        }
        case 'Close':
          if (message.target === 'S') this.statements.delete(message.name);
          else this.dropPortal(message.name);
          yield msg.closeComplete();
          return;
        case 'Unsupported':
          throw new PlanError(`Protocol message "${message.type}" is not supported`);
      }
    } catch (error) {
      this.skipping = true;
      yield msg.errorResponse(errorFieldsOf(error));
    }
  }

  /** A portal closed or replaced before its rows were all read stops its query and HTTP work. */
  private dropPortal(name: string): void {
    const portal = this.portals.get(name);
    if (!portal) return;
    this.portals.delete(name);
    if (portal.pending !== undefined) {
      portal.controller?.abort();
      void portal.pending.return?.(undefined)?.catch(() => undefined);
    }
  }

  private async *simpleQuery(sql: string): AsyncGenerator<Uint8Array> {
    let statements;
    try {
      statements = splitStatements(sql);
    } catch (error) {
      yield msg.errorResponse(errorFieldsOf(error));
      yield msg.readyForQuery(this.inTransaction ? 'transaction' : 'idle');
      return;
    }
    if (statements.length === 0) yield msg.emptyQueryResponse();
    for (const statement of statements) {
      let engine: EngineSql | undefined;
      try {
        const prepared = this.prepare(statement.sql, []);
        if (prepared.route.kind === 'data') engine = prepared.route.engine;
        yield* this.execute({ prepared, params: [], resultFormats: [], sent: 0, notices: [] }, 0, true);
      } catch (error) {
        // Engine positions are in the rewritten text; map them back to what the client sent.
        const position = (line: number, column: number): number =>
          statement.offset + 1 + (engine ? engine.originalOffset(offsetOf(engine.sql, line, column)) : offsetOf(statement.sql, line, column));
        yield msg.errorResponse(errorFieldsOf(error, position));
        break;
      }
    }
    yield msg.readyForQuery(this.inTransaction ? 'transaction' : 'idle');
  }

  private prepare(sql: string, declared: readonly number[]): Prepared {
    const info = describeStatement(sql);
    const route = this.route(sql, info);
    this.onStatement?.(route.kind, sql);
    return { sql, info, route, paramTypes: declared };
  }

  private route(sql: string, info: PgStatementInfo): Route {
    if (TRANSACTION_COMMANDS.has(info.command)) return { kind: 'local', command: info.command };
    if (/^\s*(SET|SHOW)\s+search_path\b/i.test(sql)) return { kind: 'local', command: info.command };
    const hidden = info.tables.find((t) => t.schema !== undefined && this.served.some((s) => s.schema.toLowerCase() === t.schema!.toLowerCase()) && !this.user.schemas.some((s) => s.toLowerCase() === t.schema!.toLowerCase()));
    if (hidden) throw new PlanError(`Unknown table ${hidden.schema}.${hidden.name}: user ${this.user.name} may not read schema ${hidden.schema}`);
    const served = (t: TableName): ServedConnection | undefined => this.connectionFor(t);
    if (isCatalogStatement(info, (t) => served(t) !== undefined)) return { kind: 'catalog' };
    const targets = new Set(info.tables.map(served).filter((s): s is ServedConnection => s !== undefined));
    if (targets.size > 1) throw new PlanError('A query reads the tables of one connection (schema) at a time');
    const target = [...targets][0]!;
    if (['INSERT', 'UPDATE', 'DELETE'].includes(info.command) && !this.user.write) {
      throw new WriteNotAllowedError(`User ${this.user.name} may not write (${info.command}); writes need write = true in [serve.users.${this.user.name}]`);
    }
    return { kind: 'data', served: target, engine: toEngineSql(sql), command: info.command };
  }

  /** The served connection a table name refers to: its schema, or the first schema on search_path that has it. */
  private connectionFor(t: TableName): ServedConnection | undefined {
    const visible = (schema: string): ServedConnection | undefined =>
      this.user.schemas.some((s) => s.toLowerCase() === schema.toLowerCase()) ? this.served.find((s) => s.schema.toLowerCase() === schema.toLowerCase()) : undefined;
    const has = (s: ServedConnection): boolean => s.connection.tables().some((info) => [info.name, ...info.aliases].some((n) => n.toLowerCase() === t.name.toLowerCase()));
    if (t.schema !== undefined) {
      const s = visible(t.schema);
      return s && has(s) ? s : undefined;
    }
    for (const schema of this.searchPath) {
      const s = visible(schema);
      if (s && has(s)) return s;
    }
    return undefined;
  }

  private async paramTypes(prepared: Prepared): Promise<number[]> {
    if (prepared.route.kind === 'catalog') {
      const described = await this.catalog.describe(prepared.sql, this.searchPath);
      return described.paramTypes.map((oid, i) => prepared.paramTypes[i] || oid);
    }
    return Array.from({ length: prepared.info.paramCount }, (_, i) => prepared.paramTypes[i] || OID.text);
  }

  private async describeColumns(prepared: Prepared, params: readonly Value[] | undefined): Promise<ResultColumn[]> {
    const route = prepared.route;
    switch (route.kind) {
      case 'local':
        return /^\s*SHOW/i.test(prepared.sql) ? [{ name: 'search_path', typeOid: OID.text, typeSize: -1 }] : [];
      case 'catalog': {
        const described = await this.catalog.describe(prepared.sql, this.searchPath);
        return described.fields.map((f) => ({ name: f.name, typeOid: f.typeOid, typeSize: -1 }));
      }
      case 'data': {
        if (!['SELECT', 'WITH', 'EXPLAIN', 'VALUES', 'TABLE'].includes(route.command)) return [];
        const fields = await route.served.connection.describe(route.engine.sql, namedParams(params ?? Array.from({ length: prepared.info.paramCount }, () => null)));
        return fields.map(dataColumn);
      }
    }
  }

  /** Runs a portal: RowDescription first in the simple protocol, then rows up to `maxRows` (0: all). */
  private async *execute(portal: Portal, maxRows: number, withDescription: boolean): AsyncGenerator<Uint8Array> {
    const route = portal.prepared.route;
    if (route.kind === 'local') {
      yield* this.runLocal(portal.prepared.sql, route.command);
      return;
    }
    if (portal.pending === undefined) {
      const started = await this.start(portal);
      portal.columns = started.columns;
      portal.pending = started.rows[Symbol.asyncIterator]();
      if (started.tag !== undefined) {
        portal.pending = undefined;
        yield msg.commandComplete(started.tag);
        return;
      }
      if (withDescription) yield msg.rowDescription(started.columns.map((c, i) => describe(c, formatOf(portal.resultFormats, i))));
    }
    const rows = portal.pending;
    const controller = portal.controller ?? new AbortController();
    this.running = controller;
    try {
      for (let n = 0; maxRows <= 0 || n < maxRows; n++) {
        const pending = rows.next();
        let next: IteratorResult<readonly (Uint8Array | null)[]> | undefined;
        // While a row is awaited (a rate-limit wait, say), notices still go out.
        while (next === undefined) {
          const notice = portal.notices.shift();
          if (notice !== undefined) {
            yield notice;
            continue;
          }
          next = await Promise.race([pending, new Promise<undefined>((resolve) => (portal.wake = () => resolve(undefined)))]);
        }
        portal.wake = undefined;
        if (controller.signal.aborted) throw new CancelledError();
        if (next.done) {
          portal.pending = undefined;
          yield msg.commandComplete(`SELECT ${portal.sent}`);
          return;
        }
        portal.sent++;
        yield msg.dataRow(next.value);
      }
      yield msg.portalSuspended();
    } catch (error) {
      portal.pending = undefined;
      throw error;
    } finally {
      if (this.running === controller) this.running = undefined;
    }
  }

  private async start(portal: Portal): Promise<{ columns: readonly ResultColumn[]; rows: AsyncIterable<readonly (Uint8Array | null)[]>; tag?: string }> {
    const route = portal.prepared.route;
    if (route.kind === 'catalog') {
      const result = await this.catalog.run(portal.prepared.sql, portal.params.map(textParam), this.searchPath);
      const columns = result.fields.map((f) => ({ name: f.name, typeOid: f.typeOid, typeSize: -1 }));
      if (columns.length === 0) return { columns, rows: emptyRows(), tag: catalogTag(result.command, result.affectedRows) };
      const encode = columns.map((c, i) => catalogEncoder(c.typeOid, formatOf(portal.resultFormats, i)));
      return { columns, rows: arrayRows(result.rows.map((row) => row.map((v, i) => encode[i]!(v)))) };
    }
    if (route.kind !== 'data') throw new PlanError('Nothing to run');
    const controller = new AbortController();
    portal.controller = controller;
    this.running = controller;
    const conn = route.served.connection;
    const params = namedParams(portal.params);
    let waits = 0;
    const options = {
      signal: controller.signal,
      onProgress: (progress: QueryProgress): void => {
        if (progress.rateLimitWaits <= waits || progress.waitingUntil === undefined) return;
        waits = progress.rateLimitWaits;
        const until = new Date(progress.waitingUntil).toISOString();
        portal.notices.push(msg.noticeResponse({ severity: 'NOTICE', code: '00000', message: `waiting for the API's rate limit until ${until}` }));
        portal.wake?.();
      },
    };
    if (!['SELECT', 'WITH', 'EXPLAIN', 'VALUES', 'TABLE'].includes(route.command)) {
      try {
        const result = await conn.query(route.engine.sql, params, options);
        const n = result.affectedRows ?? result.rows.length;
        return { columns: [], rows: emptyRows(), tag: route.command === 'INSERT' ? `INSERT 0 ${n}` : route.command === 'EXEC' || route.command === 'EXECUTE' ? `SELECT ${n}` : `${route.command} ${n}` };
      } finally {
        this.running = undefined;
      }
    }
    const stream = conn.stream(route.engine.sql, params, options);
    const iterator = stream[Symbol.asyncIterator]();
    // Planning sends nothing: its errors (unknown names, missing filters) arrive here, before any row.
    const fields = await stream.fields;
    const columns = fields.map(dataColumn);
    const encoders = columns.map((c, i) => (formatOf(portal.resultFormats, i) === 1 ? encodeBinary : encodeText).bind(null, c.type!));
    const toWire = (row: Row): (Uint8Array | null)[] => fields.map((f, i) => encoders[i]!(row[f.name] ?? null));
    async function* rows(): AsyncGenerator<(Uint8Array | null)[]> {
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        yield toWire(next.value);
      }
    }
    return { columns, rows: rows() };
  }

  private async *runLocal(sql: string, command: string): AsyncGenerator<Uint8Array> {
    if (/^\s*SHOW\s+search_path/i.test(sql)) {
      yield msg.rowDescription([{ name: 'search_path', typeOid: OID.text, typeSize: -1, format: 0 }]);
      yield msg.dataRow([new TextEncoder().encode(this.searchPath.map((s) => `"${s}"`).join(', '))]);
      yield msg.commandComplete('SHOW');
      return;
    }
    if (/^\s*SET\s+search_path/i.test(sql)) {
      const value = sql.replace(/^\s*SET\s+search_path\s*(TO|=)\s*/i, '');
      this.searchPath = value
        .split(',')
        .map((s) => s.trim().replace(/^"(.*)"$/, '$1'))
        .filter((s) => s !== '' && s.toLowerCase() !== 'public' && s !== '"$user"' && s !== '$user');
      yield msg.commandComplete('SET');
      return;
    }
    if (command === 'BEGIN' || command === 'START') this.inTransaction = true;
    if (command === 'COMMIT' || command === 'END' || command === 'ROLLBACK') this.inTransaction = false;
    yield msg.commandComplete(command === 'START' ? 'START TRANSACTION' : command);
  }
}

function describe(c: ResultColumn, format: 0 | 1): ColumnDescription {
  return { name: c.name, typeOid: c.typeOid, typeSize: c.typeSize, format };
}

function dataColumn(f: Field): ResultColumn {
  const t = pgTypeOf(f.type);
  return { name: f.name, typeOid: t.oid, typeSize: t.size, type: f.type };
}

function formatOf(formats: readonly (0 | 1)[], i: number): 0 | 1 {
  return formats.length === 0 ? 0 : formats.length === 1 ? formats[0]! : (formats[i] ?? 0);
}

/** `$1` is bound as `@p1`. */
function namedParams(values: readonly Value[]): Record<string, Value> {
  return Object.fromEntries(values.map((v, i) => [`p${i + 1}`, v]));
}

function textParam(v: Value): string | null {
  return v === null ? null : v instanceof Date ? v.toISOString() : String(v);
}

function catalogTag(command: string, affected: number | undefined): string {
  if (command === 'INSERT') return `INSERT 0 ${affected ?? 0}`;
  if (['UPDATE', 'DELETE', 'SELECT'].includes(command)) return `${command} ${affected ?? 0}`;
  return command;
}

const encoder = new TextEncoder();

/** Catalog values arrive as text; binary is produced for the types clients ask binary for. */
function catalogEncoder(typeOid: number, format: 0 | 1): (v: string | null) => Uint8Array | null {
  if (format === 0) return (v) => (v === null ? null : encoder.encode(v));
  const ints: Record<number, ColumnType> = { [OID.int4]: 'Int', [OID.int8]: 'Long', [OID.float8]: 'Double', [OID.bool]: 'Boolean' };
  return (v) => {
    if (v === null) return null;
    if (typeOid === OID.bool) return new Uint8Array([v === 't' ? 1 : 0]);
    if (typeOid === OID.int2) {
      const b = new Uint8Array(2);
      new DataView(b.buffer).setInt16(0, Number(v));
      return b;
    }
    if (typeOid === OID.oid) {
      const b = new Uint8Array(4);
      new DataView(b.buffer).setUint32(0, Number(v));
      return b;
    }
    const type = ints[typeOid];
    if (type) return encodeBinary(type, type === 'Long' ? v : Number(v));
    return encoder.encode(v);
  };
}

async function* emptyRows(): AsyncGenerator<never> {}

async function* arrayRows<T>(rows: readonly T[]): AsyncGenerator<T> {
  yield* rows;
}

/** 0-based offset of a 1-based line/column. */
function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', offset);
    if (nl < 0) break;
    offset = nl + 1;
  }
  return offset + column - 1;
}
