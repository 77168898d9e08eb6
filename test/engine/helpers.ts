/** Test helpers: a fake API table that records what the engine asks of it, and a query runner. */
import assert from 'node:assert/strict';
import type { ColumnInfo, Row, TableInfo, Value } from '../../src/catalog/types.js';
import { PlanError, SqlSyntaxError } from '../../src/errors.js';
import { bindParameters, parseStatements, planQuery, type SelectStatement } from '../../src/engine.js';
import type { Catalog, OpenOptions, PushdownHandling, PushdownPredicate, ScanPlan, ScanRequest, TableSource } from '../../src/source/contract.js';
import type { KeyColumn } from '../../src/source/key-column.js';

export interface FakeTableOptions {
  /** Columns the "API" filters on exactly (=, IN, and Param IN). */
  readonly exact?: readonly string[];
  /** Columns the "API" takes only as a hint: it returns a superset (here: ignores them). */
  readonly inexact?: readonly string[];
  /** Columns that must have an = / IN predicate, or plan() throws PlanError. */
  readonly required?: readonly string[];
  /** Columns the API can sort by. */
  readonly sortable?: readonly string[];
  readonly pageSize?: number;
}

export class FakeApiTable implements TableSource {
  readonly requests: ScanRequest[] = [];
  readonly opens: OpenOptions[] = [];
  pagesFetched = 0;
  readonly keyColumns: readonly KeyColumn[];

  constructor(
    readonly info: TableInfo,
    private readonly data: readonly Row[],
    private readonly options: FakeTableOptions = {},
  ) {
    const { exact = [], inexact = [], required = [] } = options;
    this.keyColumns = [...exact.map((c) => [c, 'exact'] as const), ...inexact.map((c) => [c, 'inexact'] as const)].map(([column, exactness]) => ({
      column,
      operators: ['=', 'IN'],
      require: required.includes(column) ? 'required' : 'optional',
      exactness,
      target: { in: 'query', name: column.toLowerCase() },
    }));
  }

  plan(request: ScanRequest): ScanPlan {
    this.requests.push(request);
    const { exact = [], inexact = [], required = [], sortable = [], pageSize = 2 } = this.options;
    const handling: PushdownHandling[] = request.predicates.map((p) => {
      const keyed = p.kind === 'Compare' ? p.op === '=' : p.kind === 'In';
      if (keyed && exact.includes(p.column)) return 'exact';
      if (keyed && inexact.includes(p.column)) return 'inexact';
      return 'unsupported';
    });
    for (const column of required) {
      if (!request.predicates.some((p, i) => p.column === column && handling[i] !== 'unsupported')) {
        throw new PlanError(`${this.info.name} needs a filter on ${column}, e.g. WHERE ${column} = '...'`);
      }
    }
    const sorted = request.orderBy !== undefined && request.orderBy.every((k) => sortable.includes(k.column));
    const applied = request.predicates.filter((_p, i) => handling[i] === 'exact');
    let calls = 0;
    let rowsOut = 0;
    const table = this;
    return {
      handling,
      sorted,
      explain: () => ({
        table: this.info.name,
        endpoint: `GET /fake/${this.info.name.toLowerCase()}`,
        pushed: applied.map((p) => describe(p)),
        estimatedCalls: null,
        notes: [],
      }),
      stats: () => ({ calls, rows: rowsOut }),
      async *pages(options) {
        table.opens.push(options);
        let rows = table.data.filter((row) => applied.every((p) => matches(row, p, options.params)));
        if (sorted && request.orderBy) {
          rows = [...rows].sort((a, b) => {
            for (const k of request.orderBy!) {
              const x = a[k.column] ?? null;
              const y = b[k.column] ?? null;
              if (x === y) continue;
              if (x === null) return k.desc ? 1 : -1;
              if (y === null) return k.desc ? -1 : 1;
              return (x < y ? -1 : 1) * (k.desc ? -1 : 1);
            }
            return 0;
          });
        }
        let yielded = 0;
        for (let start = 0; start < rows.length; start += pageSize) {
          if (options.limit !== undefined && yielded >= options.limit) return;
          options.signal.throwIfAborted();
          calls++;
          table.pagesFetched++;
          await new Promise((resolve) => setImmediate(resolve));
          const page = rows.slice(start, start + pageSize);
          rowsOut += page.length;
          yielded += page.length;
          yield page;
        }
      },
    };
  }
}

function operandValues(p: PushdownPredicate & { kind: 'In' }, params: ReadonlyMap<string, readonly Value[]> | undefined): Value[] {
  return p.operands.flatMap((o) => {
    if (o.kind === 'Const') return [o.value];
    const values = params?.get(o.id);
    if (values === undefined) throw new Error(`param ${o.id} missing at open()`);
    return [...values];
  });
}

function matches(row: Row, p: PushdownPredicate, params: ReadonlyMap<string, readonly Value[]> | undefined): boolean {
  const v = row[p.column] ?? null;
  if (p.kind === 'Compare') return p.operand.kind === 'Const' && v === p.operand.value;
  if (p.kind === 'In') return operandValues(p, params).includes(v);
  return true;
}

function describe(p: PushdownPredicate): string {
  if (p.kind === 'Compare') return `${p.column}${p.op}${p.operand.kind === 'Const' ? String(p.operand.value) : `{${p.operand.id}}`}`;
  if (p.kind === 'In') return `${p.column} in ${p.operands.map((o) => (o.kind === 'Const' ? String(o.value) : `{${o.id}}`)).join(',')}`;
  return p.kind;
}

export function tableInfo(name: string, columns: readonly (ColumnInfo | string)[], aliases: readonly string[] = []): TableInfo {
  return {
    name,
    aliases,
    columns: columns.map((c) => (typeof c === 'string' ? { name: c, type: 'String' as const } : c)),
  };
}

export function catalogOf(...tables: TableSource[]): Catalog {
  return {
    tables: () => tables.map((t) => t.info),
    lookup: (name) => {
      const lower = name.toLowerCase();
      return tables.find((t) => t.info.name.toLowerCase() === lower || t.info.aliases.some((a) => a.toLowerCase() === lower));
    },
  };
}

export async function query(
  catalog: Catalog,
  sql: string,
  params?: readonly Value[] | Readonly<Record<string, Value>>,
  options?: { joinBatchSize?: number; signal?: AbortSignal },
): Promise<Row[]> {
  const [statement] = parseStatements(sql);
  if (statement === undefined) throw new Error('no statement');
  const bound = bindParameters(statement, params);
  if (bound.kind !== 'Select' && bound.kind !== 'Explain') throw new Error(`not a query: ${bound.kind}`);
  const plan = planQuery(bound, catalog, options?.joinBatchSize !== undefined ? { joinBatchSize: options.joinBatchSize } : {});
  const rows: Row[] = [];
  for await (const row of plan.run(options?.signal ?? new AbortController().signal)) rows.push(row);
  return rows;
}

export function fieldsOf(catalog: Catalog, sql: string): { name: string; type: string }[] {
  const statement = parseStatements(sql)[0]!;
  if (statement.kind !== 'Select' && statement.kind !== 'Explain') throw new Error('not a query');
  return planQuery(statement, catalog).fields.map((f) => ({ name: f.name, type: f.type }));
}

/** The one statement of `sql`, which must be a SELECT. */
export const select = (sql: string): SelectStatement => {
  const [s] = parseStatements(sql);
  assert.equal(s?.kind, 'Select');
  return s as SelectStatement;
};

/** The SqlSyntaxError `sql` raises (fails the test when it parses). */
export function syntaxError(sql: string): SqlSyntaxError {
  try {
    parseStatements(sql);
  } catch (error) {
    assert.ok(error instanceof SqlSyntaxError, `expected SqlSyntaxError, got ${String(error)}`);
    return error;
  }
  assert.fail(`no error for ${sql}`);
}
