/**
 * The Connection every provider returns: SQL text → engine → rows. A provider contributes its
 * catalog and procedures; this class owns statement dispatch, cancellation, MaxRows and logging.
 */
import type { Field, Row, TableInfo, Value } from '../catalog/types.js';
import { bindParameters, planQuery } from '../engine.js';
import { CancelledError, PlanError, SocialSqlError, TimeoutError } from '../errors.js';
import type { ProgressMeter } from '../http/progress.js';
import type { Logger } from '../log/logger.js';
import { containsAggregate } from '../plan/conjuncts.js';
import type { Catalog } from '../plan/scan.js';
import type { DeleteStatement, ExecStatement, ExplainStatement, Expr, InsertStatement, ReplicationStatement, SelectStatement, Statement, UpdateStatement } from '../sql/ir.js';
import { StatementCache } from '../sql/statement-cache.js';
import type { ConnectionReplication } from '../sync/replicated-sources.js';
import { runReplication } from '../sync/replication-run.js';
import { didYouMean } from '../text/closest-match.js';
import type { Connection, ConnectionProperty, Params, ProcedureInfo, QueryOptions, QueryResult, RowStream } from './types.js';
import { planningCheckpoint } from './planning-checkpoint.js';
import { trackProgress } from './query-progress.js';
import { runWrite, type WritableTable } from './writes.js';

export interface Procedure extends ProcedureInfo {
  run(args: ReadonlyMap<string, Value>, signal: AbortSignal): Promise<Row[]>;
}

export interface ProviderSession {
  readonly catalog: Catalog;
  readonly procedures: readonly Procedure[];
  /** Tables that take INSERT, UPDATE or DELETE, by canonical name. */
  readonly writers?: ReadonlyMap<string, WritableTable>;
  readonly maxRows: number;
  readonly logger: Logger;
  /** The replication target and settings (CACHE, REPLICATE, Offline, AutoCache). */
  readonly replication?: ConnectionReplication;
  /** The properties in force, masked, with their origins. */
  readonly properties?: readonly ConnectionProperty[];
  /** The HTTP stack's meter; without one, onProgress still hears of pages and rows. */
  readonly progress?: ProgressMeter;
  close(): Promise<void>;
}

export class SqlConnection implements Connection {
  private closed = false;
  private readonly inFlight = new Set<AbortController>();
  /** A statement run again with new parameters skips the grammar. */
  private readonly statements = new StatementCache();

  constructor(private readonly session: ProviderSession) {}

  async query(sql: string, params?: Params, options: QueryOptions = {}): Promise<QueryResult> {
    if (options.signal?.aborted) throw new CancelledError();
    const statement = this.prepare(sql, params);
    // Parsing and planning are synchronous: let an abort that came due meanwhile land between them.
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (options.signal?.aborted) throw new CancelledError();
    if (statement.kind === 'Exec') return this.exec(statement, options);
    if (statement.kind === 'Insert' || statement.kind === 'Update' || statement.kind === 'Delete') return this.write(statement, options);
    if (statement.kind === 'Replication') return this.replicate(statement, options);
    const rows: Row[] = [];
    const stream = this.run(statement, options);
    for await (const page of stream.pages) for (const row of page) rows.push(row);
    return { rows, fields: stream.fields };
  }

  stream(sql: string, params?: Params, options: QueryOptions = {}): RowStream {
    // Parsing and planning are synchronous and send nothing, so the fields are known at once;
    // no HTTP starts (and nothing holds the process open) until the first row is asked for.
    let run: { fields: readonly Field[]; pages: AsyncGenerator<readonly Row[]> } | undefined;
    let failure: unknown;
    try {
      const statement = this.prepare(sql, params);
      if (statement.kind !== 'Select' && statement.kind !== 'Explain') throw new PlanError('stream() runs SELECT and EXPLAIN statements; use query() for the others');
      run = this.run(statement, options);
    } catch (error) {
      failure = error;
    }
    const fields = run ? Promise.resolve(run.fields) : Promise.reject(failure);
    fields.catch(() => {});
    return {
      fields,
      async *[Symbol.asyncIterator]() {
        if (!run) throw failure;
        for await (const page of run.pages) yield* page;
      },
    };
  }

  async describe(sql: string, params?: Params): Promise<readonly Field[]> {
    const statement = this.prepare(sql, params);
    if (statement.kind !== 'Select' && statement.kind !== 'Explain') return [];
    return planQuery(this.capRows(statement), this.session.catalog).fields;
  }

  tables(): readonly TableInfo[] {
    return this.session.catalog.tables();
  }

  procedures(): readonly ProcedureInfo[] {
    return this.session.procedures;
  }

  properties(): readonly ConnectionProperty[] {
    return this.session.properties ?? [];
  }

  /** `await using conn = await connect(...)` closes the connection at the end of the block. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const controller of this.inFlight) controller.abort();
    await this.session.close();
  }

  private prepare(sql: string, params: Params | undefined): Statement {
    if (this.closed) throw new PlanError('The connection is closed');
    const statements = this.statements.parse(sql);
    if (statements.length !== 1) throw new PlanError(`query() runs one statement at a time; got ${statements.length}`);
    const statement = statements[0]!;
    // EXEC arguments are verifiers, codes and tokens: only their names are logged.
    const shown = statement.kind === 'Exec' ? `EXEC ${statement.procedure} ${statement.args.map((a) => `@${a.name} = ****`).join(', ')}` : sql.replace(/\s+/g, ' ').trim();
    this.session.logger.log(1, `query: ${shown}`);
    return bindParameters(statement, params);
  }

  private run(statement: SelectStatement | ExplainStatement, options: QueryOptions): { fields: readonly Field[]; pages: AsyncGenerator<readonly Row[]> } {
    const checkpoint = planningCheckpoint({ signal: options.signal, timeoutMs: options.timeoutMs, closed: () => this.closed });
    const plan = planQuery(this.capRows(statement), this.session.catalog, { checkpoint });
    return { fields: plan.fields, pages: this.pages(plan, options) };
  }

  /** MaxRows applies, as in CData, to queries without aggregation; as a LIMIT it can reach the API. */
  private capRows<T extends SelectStatement | ExplainStatement>(statement: T): T {
    const maxRows = this.session.maxRows;
    if (maxRows <= 0) return statement;
    const select = statement.kind === 'Explain' ? statement.query : (statement as SelectStatement);
    const aggregates = select.items.some((item) => item.kind === 'SelectExpr' && containsAggregate(item.expr));
    if (select.limit || select.groupBy.length > 0 || aggregates) return statement;
    const capped: SelectStatement = { ...select, limit: { kind: 'Literal', value: maxRows } };
    return (statement.kind === 'Explain' ? { ...statement, query: capped } : capped) as T;
  }

  /** Pages of result rows, as the engine produces them; cancellation, the timeout and closing stop them. */
  private async *pages(plan: ReturnType<typeof planQuery>, options: QueryOptions): AsyncGenerator<readonly Row[]> {
    const guard = this.guard(options);
    const started = performance.now();
    let count = 0;
    const progress = options.onProgress === undefined ? undefined : trackProgress(this.session.progress, options.onProgress);
    try {
      for await (const page of plan.runBatches(guard.signal)) {
        guard.check();
        count += page.length;
        progress?.page(page.length);
        yield page;
      }
    } catch (error) {
      throw guard.translate(error);
    } finally {
      progress?.stop();
      this.session.logger.log(1, `${count} rows in ${Math.round(performance.now() - started)} ms`);
      guard.dispose();
    }
  }

  /**
   * One query's abort signal: the caller's signal, its timeout and close() all abort it. The
   * timer starts with the work, so a stream never iterated starts none.
   */
  private guard(options: QueryOptions): { signal: AbortSignal; check(): void; translate(error: unknown): unknown; dispose(): void } {
    const controller = new AbortController();
    const caller = options.signal;
    const onAbort = () => controller.abort();
    caller?.addEventListener('abort', onAbort, { once: true });
    if (caller?.aborted) controller.abort();
    let timedOut = false;
    const timeoutMs = options.timeoutMs;
    const timer =
      timeoutMs !== undefined && timeoutMs > 0
        ? setTimeout(() => {
            timedOut = true;
            controller.abort();
          }, timeoutMs)
        : undefined;
    this.inFlight.add(controller);
    const stopped = () => (timedOut && timeoutMs !== undefined ? new TimeoutError(timeoutMs) : new CancelledError());
    return {
      signal: controller.signal,
      check() {
        if (controller.signal.aborted) throw stopped();
      },
      translate(error) {
        if (!controller.signal.aborted) return error;
        if (timedOut) return error instanceof TimeoutError ? error : stopped();
        return error instanceof SocialSqlError ? error : stopped();
      },
      dispose: () => {
        if (timer !== undefined) clearTimeout(timer);
        caller?.removeEventListener('abort', onAbort);
        this.inFlight.delete(controller);
      },
    };
  }

  private async write(statement: InsertStatement | UpdateStatement | DeleteStatement, options: QueryOptions): Promise<QueryResult> {
    const source = this.session.catalog.lookup(statement.table.name);
    if (!source) {
      throw new PlanError(`Unknown table ${statement.table.name}.${didYouMean(statement.table.name, this.session.catalog.tables().flatMap((t) => [t.name, ...t.aliases]))}`);
    }
    const writer = this.session.writers?.get(source.info.name);
    if (statement.kind === 'Insert' && statement.select) statement = await this.insertRows(statement, statement.select, options);
    const guard = this.guard(options);
    let result: Awaited<ReturnType<typeof runWrite>>;
    try {
      result = await runWrite(statement, writer ?? undefined, guard.signal);
    } catch (error) {
      throw guard.translate(error);
    } finally {
      guard.dispose();
    }
    this.session.logger.log(1, `${statement.kind.toUpperCase()} ${source.info.name}: ${result.affectedRows} rows affected`);
    const fields: Field[] = result.rows.length > 0 ? Object.keys(result.rows[0]!).map((name) => ({ name, type: 'String' })) : [];
    return { rows: result.rows, fields, affectedRows: result.affectedRows };
  }

  /** CACHE / REPLICATE: the SELECT runs as usual; src/sync lands its rows in the replication target. */
  private async replicate(statement: ReplicationStatement, options: QueryOptions): Promise<QueryResult> {
    const select = statement.options.schemaOnly ? undefined : this.run(statement.query, options);
    const fields = select?.fields ?? planQuery(statement.query, this.session.catalog).fields;
    return runReplication(statement, { fields, pages: select?.pages, catalog: this.session.catalog, replication: this.session.replication });
  }

  /** INSERT ... SELECT: runs the query, then inserts its rows as literal values. */
  private async insertRows(statement: InsertStatement, select: SelectStatement, options: QueryOptions): Promise<InsertStatement> {
    const { fields, pages } = this.run(select, options);
    if (fields.length !== statement.columns.length) {
      throw new PlanError(`INSERT has ${statement.columns.length} columns but its SELECT returns ${fields.length}`);
    }
    const rows: Expr[][] = [];
    for await (const page of pages) for (const row of page) rows.push(fields.map((f) => ({ kind: 'Literal', value: row[f.name] ?? null })));
    return { kind: 'Insert', table: statement.table, columns: statement.columns, rows };
  }

  private async exec(statement: ExecStatement, options: QueryOptions): Promise<QueryResult> {
    const procedure = this.session.procedures.find((p) => p.name.toLowerCase() === statement.procedure.toLowerCase());
    if (!procedure) {
      throw new PlanError(`Unknown procedure ${statement.procedure}.${didYouMean(statement.procedure, this.session.procedures.map((p) => p.name))}`);
    }
    const args = new Map<string, Value>();
    for (const arg of statement.args) {
      const parameter = procedure.parameters.find((p) => p.name.toLowerCase() === arg.name.toLowerCase());
      if (!parameter) {
        throw new PlanError(`${procedure.name} has no parameter ${arg.name}.${didYouMean(arg.name, procedure.parameters.map((p) => p.name))}`);
      }
      if (arg.value.kind !== 'Literal') throw new PlanError(`Parameter ${arg.name} of ${procedure.name} has no bound value`);
      args.set(parameter.name, arg.value.value);
    }
    for (const parameter of procedure.parameters) {
      if (parameter.required && (args.get(parameter.name) ?? null) === null) {
        throw new PlanError(`${procedure.name} needs @${parameter.name}, e.g. EXEC ${procedure.name} @${parameter.name} = '...'`);
      }
    }
    const guard = this.guard(options);
    try {
      const rows = await procedure.run(args, guard.signal);
      guard.check();
      return { rows, fields: procedure.results };
    } catch (error) {
      throw guard.translate(error);
    } finally {
      guard.dispose();
    }
  }
}
