/** An ApiClient with no HTTP: it records what a scan asks for and answers from canned objects. */
import type { ApiTableSchema } from '../../src/catalog/api-table-schema.js';
import type { ApiClient, ApiRequest, CallOptions, PageRequest } from '../../src/providers/api-client.js';
import { ApiTableSource } from '../../src/providers/api-table.js';
import type { PushdownPredicate, ScanPlan, ScanRequest } from '../../src/source/contract.js';
import { requestText, type PlannedCalls } from '../../src/source/planned-call.js';

export interface FakeClientOptions {
  readonly batchLimit?: number;
  readonly defaults?: Readonly<Record<string, readonly string[]>>;
}

export class FakeClient implements ApiClient {
  readonly endpointPrefix = 'GET /fake';
  readonly preferredPageSize = 0;
  readonly fanOut = 1;
  readonly batchLimit: number | undefined;
  /** Requests as the scan made them, in order; a batch is one entry of several. */
  readonly sent: string[][] = [];
  readonly resolved: string[] = [];
  fetchMany?: ApiClient['fetchMany'];

  constructor(private readonly options: FakeClientOptions = {}) {
    this.batchLimit = options.batchLimit;
    if (options.batchLimit !== undefined) {
      this.fetchMany = async function* (this: FakeClient, requests: readonly ApiRequest[], _paging: PageRequest, call: CallOptions) {
        call.onCall();
        this.sent.push(requests.map((r) => text(r.path, r.query)));
      }.bind(this);
    }
  }

  async *list(path: string, query: Readonly<Record<string, string>>, _paging: PageRequest, options: CallOptions): AsyncIterable<readonly unknown[]> {
    options.onCall();
    this.sent.push([text(path, query)]);
  }

  async getOne(path: string, query: Readonly<Record<string, string>>, options: CallOptions): Promise<unknown> {
    options.onCall();
    this.sent.push([text(path, query)]);
    return undefined;
  }

  async getByIds(path: string, query: Readonly<Record<string, string>>, options: CallOptions): Promise<readonly unknown[]> {
    options.onCall();
    this.sent.push([text(path, query)]);
    return [];
  }

  async resolveDefault(name: string): Promise<readonly string[]> {
    this.resolved.push(name);
    const values = this.options.defaults?.[name];
    if (!values) throw new Error(`no default ${name}`);
    return values;
  }

  describeDefault(name: string): string {
    return `(${name})`;
  }
}

function text(path: string, query: Readonly<Record<string, string>>): string {
  return requestText({ method: 'GET', path, query, kind: 'list', rowValues: {} });
}

/** `col = 'v'`, `col IN (...)`, `col LIKE 'p%'`, `col >= v` as the engine offers them. */
export const eq = (column: string, value: string | boolean | Date): PushdownPredicate => ({ kind: 'Compare', column, op: '=', operand: { kind: 'Const', value } });
export const isIn = (column: string, ...values: string[]): PushdownPredicate => ({ kind: 'In', column, operands: values.map((value) => ({ kind: 'Const', value })) });
export const like = (column: string, pattern: string): PushdownPredicate => ({ kind: 'Like', column, pattern });
export const cmp = (column: string, op: '<' | '<=' | '>' | '>=', value: string): PushdownPredicate => ({ kind: 'Compare', column, op, operand: { kind: 'Const', value } });
export const param = (column: string, id: string): PushdownPredicate => ({ kind: 'In', column, operands: [{ kind: 'Param', id }] });

export function tableOf(schemas: readonly ApiTableSchema[], name: string, client: ApiClient = new FakeClient()): ApiTableSource {
  const schema = schemas.find((s) => s.name === name);
  if (!schema) throw new Error(`no table ${name}`);
  return new ApiTableSource(schema, client);
}

/** The planned requests as text, one array per HTTP call (a batch lists its parts). */
export function plannedTexts(plan: ScanPlan, params?: ReadonlyMap<string, readonly string[]>): string[][] | string {
  const planned: PlannedCalls | undefined = plan.plannedCalls?.(params);
  if (!planned) throw new Error('the scan plans no calls');
  if (!planned.known) return planned.reason;
  return planned.batches.map((batch) => batch.map((i) => requestText(planned.requests[i]!)));
}

export function request(predicates: readonly PushdownPredicate[], columns: readonly string[] = ['Id'], orderBy?: ScanRequest['orderBy']): ScanRequest {
  return { predicates, columns, ...(orderBy ? { orderBy } : {}) };
}

/** Reads every page, so that the fake client records what the fetch sent. */
export async function drain(plan: ScanPlan, params?: ReadonlyMap<string, readonly string[]>): Promise<void> {
  for await (const _page of plan.pages({ signal: new AbortController().signal, ...(params ? { params } : {}) })) void _page;
}
