/** A scripted Connection for CLI tests: no providers, no network. */
import type { Field, Row, TableInfo } from '../../src/catalog/types.js';
import type { Connection, ConnectionProperty, ProcedureInfo, QueryOptions, QueryResult } from '../../src/connection/types.js';
import { CancelledError, PlanError, SqlSyntaxError } from '../../src/errors.js';

export const CAMPAIGN_FIELDS: readonly Field[] = [
  { name: 'Id', type: 'String' },
  { name: 'Name', type: 'String' },
  { name: 'Budget', type: 'Double' },
  { name: 'Created', type: 'Datetime' },
  { name: 'Active', type: 'Boolean' },
];

export const CAMPAIGN_ROWS: Row[] = [
  { Id: 'c1', Name: 'Spring, "Sale"', Budget: 12.5, Created: new Date('2024-03-01T10:00:00Z'), Active: true },
  // Budget is NULL, and Active is absent (absent keys read as NULL).
  { Id: 'c2', Name: 'Winter', Budget: null, Created: new Date('2024-12-24T00:00:00Z') },
];

const TABLES: TableInfo[] = [
  {
    name: 'Campaigns',
    aliases: ['AdCampaigns'],
    description: 'Ad campaigns',
    columns: [
      { name: 'Id', type: 'String', description: 'Campaign id' },
      { name: 'Name', type: 'String' },
      { name: 'IncludeDeleted', type: 'Boolean', pseudo: true, description: 'Also return deleted campaigns' },
    ],
  },
  { name: 'Accounts', aliases: ['AdAccounts'], description: 'Ad accounts', columns: [{ name: 'Id', type: 'String' }] },
];

const PROCEDURES: ProcedureInfo[] = [
  {
    name: 'GetOAuthAuthorizationURL',
    description: 'Gets the URL to authorize',
    parameters: [{ name: 'CallbackURL', type: 'String', required: false, description: '' }],
    results: [{ name: 'URL', type: 'String' }],
  },
];

interface Answer {
  readonly fields: readonly Field[];
  readonly rows: Row[];
  readonly affectedRows?: number;
}

export class FakeConnection implements Connection {
  readonly statements: string[] = [];
  readonly signals: AbortSignal[] = [];
  closed = false;
  /** How many rows of a MANY statement the CLI pulled (it should stop early when it can). */
  manyPulled = 0;
  /** Called when a SLOW statement starts, so a test can press Ctrl-C at the right moment. */
  onSlowStart: () => void = () => undefined;

  async query(sql: string, _params?: unknown, options?: QueryOptions): Promise<QueryResult> {
    const answer = await this.answer(sql, options?.signal);
    return answer;
  }

  stream(sql: string, _params?: unknown, options?: QueryOptions): AsyncIterable<Row> & { readonly fields: Promise<readonly Field[]> } {
    if (sql.includes('MANY')) return this.many(sql);
    const answer = this.answer(sql, options?.signal);
    const fields = answer.then((a) => a.fields);
    return {
      fields,
      async *[Symbol.asyncIterator]() {
        yield* (await answer).rows;
      },
    };
  }

  /** 5000 rows, produced lazily, counting how many are pulled. */
  private many(sql: string): AsyncIterable<Row> & { readonly fields: Promise<readonly Field[]> } {
    this.statements.push(sql);
    const self = this;
    return {
      fields: Promise.resolve([{ name: 'n', type: 'Int' }]),
      async *[Symbol.asyncIterator]() {
        for (let n = 1; n <= 5000; n++) {
          self.manyPulled++;
          yield { n };
        }
      },
    };
  }

  async describe(sql: string): Promise<readonly Field[]> {
    return sql.includes('Campaigns') ? CAMPAIGN_FIELDS : [];
  }

  tables(): readonly TableInfo[] {
    return TABLES;
  }

  procedures(): readonly ProcedureInfo[] {
    return PROCEDURES;
  }

  properties(): readonly ConnectionProperty[] {
    return [];
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  private async answer(sql: string, signal: AbortSignal | undefined): Promise<Answer> {
    this.statements.push(sql);
    if (signal !== undefined) this.signals.push(signal);
    if (sql.includes('FAIL')) throw new PlanError('Campaigns needs AccountId');
    const frm = sql.indexOf('FRM');
    if (frm !== -1) {
      // As the parser reports it: 1-based line and column within the statement.
      const before = sql.slice(0, frm);
      throw new SqlSyntaxError('Syntax error: unexpected "FRM"', before.split('\n').length, frm - before.lastIndexOf('\n'));
    }
    if (sql.includes('SLOW')) {
      this.onSlowStart();
      await new Promise<void>((_, reject) => {
        if (signal?.aborted) reject(new CancelledError());
        signal?.addEventListener('abort', () => reject(new CancelledError()), { once: true });
      });
    }
    if (sql.startsWith('INSERT')) return { fields: [], rows: [], affectedRows: 2 };
    if (sql.startsWith('EXPLAIN')) return { fields: [{ name: 'Plan', type: 'String' }], rows: [{ Plan: `plan for ${sql.slice(8)}` }] };
    if (sql.includes('Campaigns')) return { fields: CAMPAIGN_FIELDS, rows: CAMPAIGN_ROWS };
    const number = /SELECT\s+(\d+)/.exec(sql)?.[1];
    if (number !== undefined) return { fields: [{ name: 'n', type: 'Int' }], rows: [{ n: Number(number) }] };
    throw new PlanError(`fake cannot answer: ${sql}`);
  }
}
