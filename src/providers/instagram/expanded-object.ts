/**
 * BusinessDiscovery, MentionedMedia, MentionedComments: one object per key value, read as a field of
 * the business account (`GET /{ig-user-id}?fields=business_discovery.username(x){...}`). The
 * requests of a query go out together in batch calls of 50. A value that names nothing (an unknown
 * username, a media that does not mention the account) has no row.
 */
import type { ApiColumn, ApiTableSchema } from '../../catalog/api-table-schema.js';
import { sourceOf } from '../../catalog/api-table-schema.js';
import type { Row, Value } from '../../catalog/types.js';
import { bindKeyColumns, type KeyBinding } from '../../source/bind-key-columns.js';
import type { OpenOptions, PushdownHandling, ScanExplain, ScanPlan, ScanRequest, TableSource } from '../../source/contract.js';
import type { KeyColumn } from '../../source/key-column.js';
import { firstPageCalls, requestText, type PlannedCalls, type PlannedRequest } from '../../source/planned-call.js';
import type { ExpandedObjectTableSpec } from '../../../schemas/instagram/expanded-objects.js';
import type { CallOptions } from '../api-client.js';
import { byColumn } from '../binding-values.js';
import { CustomScan } from '../custom-scan.js';
import { rowDecoder, type RowDecoder } from '../row-decoder.js';
import { BATCH_LIMIT, isMissingObject, type GraphFailure, type InstagramClient } from './client.js';
import { businessAccountKey, knownAccount } from './business-account.js';

/** Business discovery's answer for a username that names no business account: 110 / 2207013 "Cannot find User". */
export function isUnknownUser(failure: Pick<GraphFailure, 'code' | 'subcode'>): boolean {
  return failure.code === 110 && failure.subcode === 2207013;
}

/** `caption,media{id}`: the fields behind the columns read, one level of nesting for `a.b` sources. */
export function subfieldsOf(columns: readonly ApiColumn[], read: readonly string[]): string {
  const fields = new Map<string, Set<string>>([['id', new Set()]]);
  for (const column of columns) {
    if (!read.includes(column.name) || column.fromRequest !== undefined) continue;
    const [head, ...rest] = sourceOf(column).split('.');
    const sub = fields.get(head!) ?? new Set<string>();
    if (rest.length > 0) sub.add(rest.join('.'));
    fields.set(head!, sub);
  }
  return [...fields].map(([name, sub]) => (sub.size > 0 ? `${name}{${[...sub].join(',')}}` : name)).join(',');
}

/** The key column of a spec, and the business account the request is made on. */
export function expandedKeyColumns(spec: Pick<ExpandedObjectTableSpec, 'keyColumn' | 'modifier' | 'idFormat' | 'example'>): readonly KeyColumn[] {
  return [
    { column: spec.keyColumn, operators: ['=', 'IN'], require: 'required', acceptsParams: true, exactness: 'exact', target: { in: 'plan', name: spec.modifier }, idFormat: spec.idFormat, example: spec.example, note: 'one request each, 50 a batch call' },
    businessAccountKey('ig_user_id'),
  ];
}

export class ExpandedObjectTable implements TableSource {
  readonly keyColumns: readonly KeyColumn[];
  readonly info: { readonly name: string; readonly aliases: readonly string[]; readonly description: string; readonly columns: readonly ApiColumn[] };
  private readonly decode: RowDecoder;
  private readonly known: { account?: string } = {};

  constructor(
    private readonly client: InstagramClient,
    private readonly spec: ExpandedObjectTableSpec,
  ) {
    this.keyColumns = expandedKeyColumns(spec);
    this.info = { name: spec.name, aliases: [], description: spec.description, columns: spec.columns };
    const decodeAs: ApiTableSchema = { name: spec.name, aliases: [], description: spec.description, endpoint: '/:ig_user_id', returns: 'object', paging: { defaultPageSize: 1, maxPageSize: 1 }, columns: spec.columns, filters: [] };
    this.decode = rowDecoder(decodeAs);
  }

  plan(request: ScanRequest): ScanPlan {
    const { handling, bindings } = bindKeyColumns(this.spec.name, request.predicates, this.keyColumns);
    return new ExpandedObjectScan(this.client, this.spec, this.known, this.decode, subfieldsOf(this.spec.columns, request.columns), handling, byColumn(bindings));
  }
}

class ExpandedObjectScan extends CustomScan {
  private readonly planned: PlannedCalls;

  constructor(
    private readonly client: InstagramClient,
    private readonly spec: ExpandedObjectTableSpec,
    private readonly known: { account?: string },
    private readonly decode: RowDecoder,
    private readonly subfields: string,
    handling: readonly PushdownHandling[],
    bound: ReadonlyMap<string, KeyBinding>,
  ) {
    super(handling, bound);
    this.planned = this.plannedCalls();
  }

  plannedCalls(params?: ReadonlyMap<string, readonly Value[]>): PlannedCalls {
    if (this.bound.get(this.spec.keyColumn)?.operands.some((o) => o.kind === 'Param' && params?.get(o.id) === undefined)) return { known: false, reason: `${this.spec.keyColumn} takes its values from the outer query` };
    const account = this.values('AccountId', { params })?.[0] ?? knownAccount(this.client, this.known);
    if (account === undefined) return { known: false, reason: 'the business account is found at run time' };
    const requests = this.requests(account, params);
    const batches: number[][] = [];
    for (let i = 0; i < requests.length; i += BATCH_LIMIT) batches.push(requests.slice(i, i + BATCH_LIMIT).map((_r, k) => i + k));
    return { known: true, requests, batches, morePages: false };
  }

  explain(): ScanExplain {
    const planned = this.planned;
    const notes = planned.known ? [...planned.requests.slice(0, 3).map(requestText), ...(planned.requests.length > 3 ? [`… ${planned.requests.length - 3} more`] : [])] : [`calls depend on data: ${planned.reason}`];
    if (planned.known && planned.requests.length > 1) notes.unshift(`${planned.requests.length} requests in ${planned.batches.length} batch call${planned.batches.length === 1 ? '' : 's'}`);
    return {
      table: this.spec.name,
      endpoint: `${this.client.endpointPrefix}/{ig-user-id}?fields=${this.spec.field}.${this.spec.modifier}(…)`,
      pushed: [`ig_user_id=${this.shown('AccountId', knownAccount(this.client, this.known) ?? this.client.describeDefault('businessAccount'))}`, `${this.spec.modifier}=${this.shown(this.spec.keyColumn, '')}`],
      estimatedCalls: firstPageCalls(planned),
      notes,
    };
  }

  protected async *rows(options: OpenOptions, call: CallOptions): AsyncGenerator<Row> {
    const account = this.values('AccountId', options)?.[0] ?? knownAccount(this.client, this.known) ?? (this.known.account = await this.client.businessAccountId(call));
    const requests = this.requests(account, options.params);
    const items = await this.client.batch(requests.map((r) => this.client.url(r.path, r.query)), call);
    for (const [i, item] of items.entries()) {
      const request = requests[i]!;
      if (!item.ok) {
        if (isMissingObject(item.failure) || isUnknownUser(item.failure)) continue;
        throw this.client.error('GET', request.path, item.failure);
      }
      const object = typeof item.body === 'object' && item.body !== null ? (item.body as Record<string, unknown>)[this.spec.field] : undefined;
      if (object !== undefined && object !== null) yield this.decode(object, request.rowValues);
    }
  }

  private requests(account: string, params: OpenOptions['params']): PlannedRequest[] {
    return (this.values(this.spec.keyColumn, { params }) ?? []).map((value) => ({
      method: 'GET',
      path: `/${encodeURIComponent(account)}`,
      query: { fields: `${this.spec.field}.${this.spec.modifier}(${value}){${this.subfields}}` },
      kind: 'object',
      rowValues: { [this.spec.keyColumn]: value, AccountId: account },
    }));
  }
}
