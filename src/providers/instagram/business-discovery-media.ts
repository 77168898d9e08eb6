/**
 * BusinessDiscoveryMedia: another business account's media, paged inside the field:
 * `business_discovery.username(x){media_count,media.limit(n){...}}`, then
 * `business_discovery.username(x){media.after(cursor).limit(n){...}}`. The first page also asks
 * `media_count`, so paging stops when every media has arrived (no empty last page). The pages of
 * several usernames go out together, round by round, in batch calls of 50.
 */
import { z } from 'zod';
import type { ApiTableSchema } from '../../catalog/api-table-schema.js';
import type { Row, Value } from '../../catalog/types.js';
import { ApiError } from '../../errors.js';
import { bindKeyColumns, type KeyBinding } from '../../source/bind-key-columns.js';
import type { OpenOptions, PushdownHandling, ScanExplain, ScanPlan, ScanRequest, TableSource } from '../../source/contract.js';
import type { KeyColumn } from '../../source/key-column.js';
import { firstPageCalls, requestText, type PlannedCalls, type PlannedRequest } from '../../source/planned-call.js';
import { businessDiscoveryMediaTable as table, businessDiscoveryTable, instagramUsername } from '../../../schemas/instagram/expanded-objects.js';
import type { CallOptions } from '../api-client.js';
import { byColumn } from '../binding-values.js';
import { CustomScan } from '../custom-scan.js';
import { rowDecoder, type RowDecoder } from '../row-decoder.js';
import { BATCH_LIMIT, type InstagramClient } from './client.js';
import { expandedKeyColumns, isUnknownUser, subfieldsOf } from './expanded-object.js';
import { knownAccount } from './business-account.js';

/** Media a page: Meta gives no maximum for the nested edge; 50 keeps each answer small. */
const PAGE_MAX = 50;

const keyColumns: readonly KeyColumn[] = expandedKeyColumns({ keyColumn: 'Username', modifier: 'username', idFormat: instagramUsername, example: businessDiscoveryTable.example });

const answer = z.object({
  business_discovery: z.object({
    media_count: z.number().optional(),
    media: z.object({ data: z.array(z.unknown()), paging: z.object({ cursors: z.object({ after: z.string().optional() }).optional() }).optional() }).optional(),
  }),
});

export class BusinessDiscoveryMediaTable implements TableSource {
  readonly keyColumns = keyColumns;
  readonly info = { name: table.name, aliases: [] as readonly string[], description: table.description, columns: table.columns };
  private readonly decode: RowDecoder;
  private readonly known: { account?: string } = {};

  constructor(private readonly client: InstagramClient) {
    const decodeAs: ApiTableSchema = { name: table.name, aliases: [], description: table.description, endpoint: '/:ig_user_id', paging: { defaultPageSize: 25, maxPageSize: PAGE_MAX }, columns: table.columns, filters: [] };
    this.decode = rowDecoder(decodeAs);
  }

  plan(request: ScanRequest): ScanPlan {
    const { handling, bindings } = bindKeyColumns(table.name, request.predicates, keyColumns);
    return new BusinessDiscoveryMediaScan(this.client, this.known, this.decode, subfieldsOf(table.columns, request.columns), handling, byColumn(bindings));
  }
}

class BusinessDiscoveryMediaScan extends CustomScan {
  private readonly planned: PlannedCalls;

  constructor(
    private readonly client: InstagramClient,
    private readonly known: { account?: string },
    private readonly decode: RowDecoder,
    private readonly subfields: string,
    handling: readonly PushdownHandling[],
    bound: ReadonlyMap<string, KeyBinding>,
  ) {
    super(handling, bound);
    this.planned = this.plannedCalls();
  }

  /** The first page of each username; further pages follow the cursor each answer carries. */
  plannedCalls(params?: ReadonlyMap<string, readonly Value[]>, pageSize = this.pageSize(undefined)): PlannedCalls {
    if (this.bound.get('Username')?.operands.some((o) => o.kind === 'Param' && params?.get(o.id) === undefined)) return { known: false, reason: 'Username takes its values from the outer query' };
    const account = this.values('AccountId', { params })?.[0] ?? knownAccount(this.client, this.known);
    if (account === undefined) return { known: false, reason: 'the business account is found at run time' };
    const requests = (this.values('Username', { params }) ?? []).map((username) => this.request(account, username, pageSize, undefined));
    const batches: number[][] = [];
    for (let i = 0; i < requests.length; i += BATCH_LIMIT) batches.push(requests.slice(i, i + BATCH_LIMIT).map((_r, k) => i + k));
    return { known: true, requests, batches, morePages: true };
  }

  explain(): ScanExplain {
    const planned = this.planned;
    return {
      table: table.name,
      endpoint: `${this.client.endpointPrefix}/{ig-user-id}?fields=business_discovery.username(…){media{…}}`,
      pushed: [`ig_user_id=${this.shown('AccountId', knownAccount(this.client, this.known) ?? this.client.describeDefault('businessAccount'))}`, `username=${this.shown('Username', '')}`],
      estimatedCalls: firstPageCalls(planned),
      notes: [
        ...(planned.known ? planned.requests.slice(0, 3).map(requestText) : [`calls depend on data: ${planned.reason}`]),
        `+1 call per further page of ${this.pageSize(undefined)} media (media.after(cursor)), pages of several accounts batched together`,
      ],
    };
  }

  protected async *rows(options: OpenOptions, call: CallOptions): AsyncGenerator<Row> {
    const account = this.values('AccountId', options)?.[0] ?? knownAccount(this.client, this.known) ?? (this.known.account = await this.client.businessAccountId(call));
    const pageSize = this.pageSize(options.limit);
    let round = (this.values('Username', options) ?? []).map((username) => ({ username, request: this.request(account, username, pageSize, undefined), seen: 0, total: Infinity }));
    while (round.length > 0) {
      const items = await this.client.batch(round.map((r) => this.client.url(r.request.path, r.request.query)), call);
      const next: typeof round = [];
      for (const [i, item] of items.entries()) {
        const current = round[i]!;
        if (!item.ok) {
          if (isUnknownUser(item.failure)) continue;
          throw this.client.error('GET', current.request.path, item.failure);
        }
        const parsed = answer.safeParse(item.body);
        if (!parsed.success) throw new ApiError(`Malformed response from the Instagram Graph API for GET ${current.request.path}: expected business_discovery.media`, 200, 'MALFORMED_RESPONSE');
        const discovered = parsed.data.business_discovery;
        const total = discovered.media_count ?? current.total;
        const media = discovered.media?.data ?? [];
        for (const object of media) yield this.decode(object, current.request.rowValues);
        const seen = current.seen + media.length;
        const after = discovered.media?.paging?.cursors?.after;
        // The cursor goes back inside the fields text: anything but a base64url token would change its syntax.
        if (after !== undefined && !/^[A-Za-z0-9_=-]+$/.test(after)) throw new ApiError(`Malformed response from the Instagram Graph API for GET ${current.request.path}: a media cursor that is no cursor`, 200, 'MALFORMED_RESPONSE');
        if (after && media.length > 0 && seen < total) next.push({ username: current.username, request: this.request(account, current.username, pageSize, after), seen, total });
      }
      round = next;
    }
  }

  private request(account: string, username: string, pageSize: number, after: string | undefined): PlannedRequest {
    const media = `media${after ? `.after(${after})` : ''}.limit(${pageSize}){${this.subfields}}`;
    return {
      method: 'GET',
      path: `/${encodeURIComponent(account)}`,
      query: { fields: `business_discovery.username(${username}){${after ? '' : 'media_count,'}${media}}` },
      kind: 'object',
      rowValues: { Username: username, AccountId: account },
    };
  }

  private pageSize(limit: number | undefined): number {
    const preferred = this.client.preferredPageSize > 0 ? Math.min(this.client.preferredPageSize, PAGE_MAX) : PAGE_MAX;
    return limit === undefined ? preferred : Math.max(1, Math.min(preferred, limit));
  }
}

export { keyColumns as businessDiscoveryMediaKeyColumns };
