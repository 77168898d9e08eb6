/**
 * The Connection every provider returns: SQL text → engine → rows. A provider contributes its
 * catalog and procedures; this class owns statement dispatch, cancellation, MaxRows and logging.
 */
import type { Field, Row, TableInfo, Value } from '../catalog/types.js';
import { bindParameters, parseStatements, planQuery } from '../engine.js';
import { CancelledError, PlanError, SocialSqlError } from '../errors.js';
import type { ProgressMeter } from '../http/progress.js';
import type { Logger } from '../log/logger.js';
import { containsAggregate } from '../plan/conjuncts.js';
import type { Catalog } from '../plan/scan.js';
import type { DeleteStatement, ExecStatement, ExplainStatement, InsertStatement, SelectStatement, Statement, UpdateStatement } from '../sql/ir.js';
import { didYouMean } from '../text/closest-match.js';
import type { Connection, Params, ProcedureInfo, QueryOptions, QueryResult } from './types.js';
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
  /** The HTTP stack's meter; without one, onProgress still hears of pages and rows. */
  readonly progress?: ProgressMeter;
  close(): Promise<void>;
}

export class SqlConnection implements Connection {
  private closed = false;
  private readonly inFlight = new Set<AbortController>();

  constructor(private readonly session: ProviderSession) {}

  async query(sql: string, params?: Params, options: QueryOptions = {}): Promise<QueryResult> {
    const statement = this.prepare(sql, params);
    if (statement.kind === 'Exec') return this.exec(statement, options);
    if (statement.kind === 'Insert' || statement.kind === 'Update' || statement.kind === 'Delete') return this.write(statement, options);
    const rows: Row[] = [];
    const stream = this.run(statement, options);
    for await (const page of stream.pages) for (const row of page) rows.push(row);
    return { rows, fields: stream.fields };
  }

  stream(sql: string, params?: Params, options: QueryOptions = {}): AsyncIterable<Row> & { readonly fields: Promise<readonly Field[]> } {
    let fields: (value: readonly Field[]) => void = () => {};
    let failed: (error: unknown) => void = () => {};
    const fieldsPromise = new Promise<readonly Field[]>((resolve, reject) => {
      fields = resolve;
      failed = reject;
    });
    fieldsPromise.catch(() => {});
    const self = this;
    return {
      fields: fieldsPromise,
      async *[Symbol.asyncIterator]() {
        try {
          const statement = self.prepare(sql, params);
          if (statement.kind !== 'Select' && statement.kind !== 'Explain') throw new PlanError('stream() runs SELECT and EXPLAIN statements; use query() for the others');
          const run = self.run(statement, options);
          fields(run.fields);
          for await (const page of run.pages) yield* page;
        } catch (error) {
          failed(error);
          throw error;
        }
      },
    };
  }

  tables(): readonly TableInfo[] {
    return this.session.catalog.tables();
  }

  procedures(): readonly ProcedureInfo[] {
    return this.session.procedures;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const controller of this.inFlight) controller.abort();
    await this.session.close();
  }

  private prepare(sql: string, params: Params | undefined): Statement {
    if (this.closed) throw new PlanError('The connection is closed');
    const statements = parseStatements(sql);
    if (statements.length !== 1) throw new PlanError(`query() runs one statement at a time; got ${statements.length}`);
    const statement = statements[0]!;
    // EXEC arguments are verifiers, codes and tokens: only their names are logged.
    const shown = statement.kind === 'Exec' ? `EXEC ${statement.procedure} ${statement.args.map((a) => `@${a.name} = ****`).join(', ')}` : sql.replace(/\s+/g, ' ').trim();
    this.session.logger.log(1, `query: ${shown}`);
    return bindParameters(statement, params);
  }

  private run(statement: SelectStatement | ExplainStatement, options: QueryOptions): { fields: readonly Field[]; pages: AsyncGenerator<readonly Row[]> } {
    const plan = planQuery(this.capRows(statement), this.session.catalog);
    return { fields: plan.fields, pages: this.pages(plan, options.signal, options.onProgress) };
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

  /** Pages of result rows, as the engine produces them; cancellation and closing stop them. */
  private async *pages(plan: ReturnType<typeof planQuery>, signal: AbortSignal | undefined, onProgress?: QueryOptions['onProgress']): AsyncGenerator<readonly Row[]> {
    const controller = new AbortController();
    const onAbort = () => controller.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    if (signal?.aborted) controller.abort();
    this.inFlight.add(controller);
    const started = performance.now();
    let count = 0;
    const progress = onProgress === undefined ? undefined : trackProgress(this.session.progress, onProgress);
    try {
      for await (const page of plan.runBatches(controller.signal)) {
        if (controller.signal.aborted) throw new CancelledError();
        count += page.length;
        progress?.page(page.length);
        yield page;
      }
    } catch (error) {
      if (controller.signal.aborted && !(error instanceof SocialSqlError)) throw new CancelledError();
      throw error;
    } finally {
      progress?.stop();
      this.session.logger.log(1, `${count} rows in ${Math.round(performance.now() - started)} ms`);
      signal?.removeEventListener('abort', onAbort);
      this.inFlight.delete(controller);
    }
  }

  private async write(statement: InsertStatement | UpdateStatement | DeleteStatement, options: QueryOptions): Promise<QueryResult> {
    const source = this.session.catalog.lookup(statement.table.name);
    if (!source) {
      throw new PlanError(`Unknown table ${statement.table.name}.${didYouMean(statement.table.name, this.session.catalog.tables().flatMap((t) => [t.name, ...t.aliases]))}`);
    }
    const writer = this.session.writers?.get(source.info.name);
    const result = await runWrite(statement, writer ?? undefined, options.signal ?? new AbortController().signal);
    this.session.logger.log(1, `${statement.kind.toUpperCase()} ${source.info.name}: ${result.affectedRows} rows affected`);
    const fields: Field[] = result.rows.length > 0 ? Object.keys(result.rows[0]!).map((name) => ({ name, type: 'String' })) : [];
    return { rows: result.rows, fields, affectedRows: result.affectedRows };
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
    const rows = await procedure.run(args, options.signal ?? new AbortController().signal);
    return { rows, fields: procedure.results };
  }
}
