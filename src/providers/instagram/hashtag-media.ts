/**
 * HashtagTopMedia and HashtagRecentMedia: GET /{hashtag-id}/top_media|recent_media?user_id=&fields=.
 * Given hashtag names, the ids are looked up first (GET /ig_hashtag_search, a dependent call that
 * EXPLAIN lists before the media calls); a name looked up before costs no call. Media pages of
 * several hashtags go out together in batch calls of 50.
 */
import type { ApiTableSchema } from '../../catalog/api-table-schema.js';
import { sourceOf } from '../../catalog/api-table-schema.js';
import type { Row, Value } from '../../catalog/types.js';
import { bindKeyColumns, type KeyBinding } from '../../source/bind-key-columns.js';
import type { OpenOptions, PushdownHandling, ScanExplain, ScanPlan, ScanRequest, TableSource } from '../../source/contract.js';
import type { KeyColumn } from '../../source/key-column.js';
import { firstPageCalls, requestText, type PlannedCalls, type PlannedRequest } from '../../source/planned-call.js';
import { graphId } from '../../../schemas/instagram/common.js';
import { HASHTAG_MEDIA_PAGE_MAX, hashtagMediaColumns, type HashtagMediaTableSpec } from '../../../schemas/instagram/hashtags.js';
import type { ApiRequest, CallOptions } from '../api-client.js';
import { byColumn } from '../binding-values.js';
import { CustomScan } from '../custom-scan.js';
import { rowDecoder, type RowDecoder } from '../row-decoder.js';
import { BATCH_LIMIT, type InstagramClient } from './client.js';
import { hashtagLimitError, type HashtagDirectory } from './hashtag-directory.js';
import { knownAccount } from './business-account.js';
import { hashtagAccountKey, namesOf } from './hashtags.js';

const keyColumns: readonly KeyColumn[] = [
  { column: 'HashtagId', operators: ['=', 'IN'], require: 'any_of', acceptsParams: true, exactness: 'exact', target: { in: 'plan', name: 'hashtag_id' }, idFormat: graphId, example: "Hashtag = 'summer'", note: 'one call per hashtag, batched' },
  { column: 'Hashtag', operators: ['=', 'IN'], require: 'any_of', acceptsParams: true, exactness: 'exact', target: { in: 'plan', name: 'q' }, example: "Hashtag = 'summer'", note: 'the id is looked up first' },
  hashtagAccountKey,
];

/** One hashtag whose media a read asks for. */
interface Target {
  readonly id: string;
  /** The name as the query gave it, when it gave one. */
  readonly given: string | null;
}

export class HashtagMediaTable implements TableSource {
  readonly keyColumns = keyColumns;
  readonly info: { readonly name: string; readonly aliases: readonly string[]; readonly description: string; readonly columns: typeof hashtagMediaColumns };
  private readonly decode: RowDecoder;
  private readonly known: { account?: string } = {};

  constructor(
    private readonly client: InstagramClient,
    private readonly directory: HashtagDirectory,
    private readonly spec: HashtagMediaTableSpec,
  ) {
    this.info = { name: spec.name, aliases: [], description: spec.description, columns: hashtagMediaColumns };
    const decodeAs: ApiTableSchema = { name: spec.name, aliases: [], description: spec.description, endpoint: `/:hashtag_id/${spec.edge}`, paging: { defaultPageSize: 25, maxPageSize: HASHTAG_MEDIA_PAGE_MAX }, columns: hashtagMediaColumns, filters: [] };
    this.decode = rowDecoder(decodeAs);
  }

  plan(request: ScanRequest): ScanPlan {
    const { handling, bindings } = bindKeyColumns(this.spec.name, request.predicates, keyColumns);
    const bound = byColumn(bindings);
    const names = bound.get('Hashtag');
    if (names && names.operands.every((o) => o.kind === 'Const')) this.directory.checkBudget(this.spec.name, namesOf(names, undefined).map((n) => n.name));
    const fields = new Set(['id']);
    for (const column of hashtagMediaColumns) if (request.columns.includes(column.name) && column.fromRequest === undefined) fields.add(sourceOf(column));
    return new HashtagMediaScan(this.client, this.directory, this.spec, this.known, this.decode, [...fields].join(','), handling, bound);
  }
}

class HashtagMediaScan extends CustomScan {
  private readonly planned: PlannedCalls;

  constructor(
    private readonly client: InstagramClient,
    private readonly directory: HashtagDirectory,
    private readonly spec: HashtagMediaTableSpec,
    private readonly known: { account?: string },
    private readonly decode: RowDecoder,
    private readonly fields: string,
    handling: readonly PushdownHandling[],
    bound: ReadonlyMap<string, KeyBinding>,
  ) {
    super(handling, bound);
    this.planned = this.plannedCalls();
    this.described = this.describe();
  }

  /** As planned before any read: after it, the names are known and EXPLAIN ANALYZE would show a different plan. */
  private readonly described: ScanExplain;

  explain(): ScanExplain {
    return this.described;
  }

  /** The media requests, when every hashtag id is known; otherwise the lookups come first and the reason says so. */
  plannedCalls(params?: ReadonlyMap<string, readonly Value[]>): PlannedCalls {
    for (const column of ['HashtagId', 'Hashtag']) {
      if (this.bound.get(column)?.operands.some((o) => o.kind === 'Param' && params?.get(o.id) === undefined)) return { known: false, reason: `${column} takes its values from the outer query` };
    }
    const account = this.account(params);
    if (account === undefined) return { known: false, reason: 'the business account is found at run time' };
    const fresh = this.directory.unknown(namesOf(this.bound.get('Hashtag'), params).map((n) => n.name));
    if (fresh.length > 0) return { known: false, reason: `the id${fresh.length === 1 ? '' : 's'} of ${fresh.map((n) => `#${n}`).join(', ')} ${fresh.length === 1 ? 'comes' : 'come'} from GET /ig_hashtag_search first` };
    const requests = this.targets(params).map((t) => this.mediaRequest(account, t));
    const batches: number[][] = [];
    for (let i = 0; i < requests.length; i += BATCH_LIMIT) batches.push(requests.slice(i, i + BATCH_LIMIT).map((_r, k) => i + k));
    return { known: true, requests, batches, morePages: true };
  }

  private describe(): ScanExplain {
    const account = this.account(undefined);
    const shownAccount = account ?? '{business account}';
    const names = namesOf(this.bound.get('Hashtag'), undefined);
    const fresh = this.directory.unknown(names.map((n) => n.name));
    const notes: string[] = [];
    const lookups = fresh.map((name) => this.directory.searchRequest(shownAccount, name));
    lookups.slice(0, 3).forEach((r) => notes.push(`first: ${requestText(r)}`));
    if (lookups.length > 3) notes.push(`… ${lookups.length - 3} more lookups`);
    if (names.length > 0) notes.push(this.directory.budgetNote(names.map((n) => n.name)));
    const media = [
      ...this.targets(undefined).map((t) => this.mediaRequest(shownAccount, t)),
      ...fresh.map((name) => this.mediaRequest(shownAccount, { id: `{id of #${name}}`, given: name })),
    ];
    media.slice(0, 3).forEach((r) => notes.push(`${fresh.length > 0 ? 'then: ' : ''}${requestText(r)}`));
    if (media.length > 3) notes.push(`… ${media.length - 3} more`);
    notes.push(`+1 call per further page of ${this.pageSize(undefined)} media${this.spec.edge === 'recent_media' ? '; recent_media covers the last 24 hours' : ''}`);
    if (!this.planned.known) notes.push(`calls depend on data: ${this.planned.reason}`);
    // Lookups, then the first media page of each hashtag, each group in batch calls of 50.
    const calls = this.planned.known ? firstPageCalls(this.planned) : this.bound.get('Hashtag')?.operands.some((o) => o.kind === 'Param') ? null : Math.ceil(lookups.length / BATCH_LIMIT) + Math.ceil(media.length / BATCH_LIMIT);
    return {
      table: this.spec.name,
      endpoint: `${this.client.endpointPrefix}/{hashtag-id}/${this.spec.edge}`,
      pushed: [`user_id=${this.shown('AccountId', account ?? this.client.describeDefault('businessAccount'))}`, ...(this.bound.has('HashtagId') ? [`:hashtag_id=${this.shown('HashtagId', '')}`] : []), ...(this.bound.has('Hashtag') ? [`q=${this.shown('Hashtag', '')}`] : []), `fields=${this.fields}`],
      estimatedCalls: calls,
      notes,
    };
  }

  protected async *rows(options: OpenOptions, call: CallOptions): AsyncGenerator<Row> {
    const account = this.account(options.params) ?? (this.known.account = await this.client.businessAccountId(call));
    const names = namesOf(this.bound.get('Hashtag'), options.params);
    if (names.length > 0) await this.directory.resolve(this.spec.name, account, names.map((n) => n.name), call);
    const targets = this.targets(options.params);
    const requests: ApiRequest[] = targets.map((t) => this.mediaRequest(account, t));
    try {
      for await (const { index, objects } of this.client.fetchMany(requests, { pageSize: this.pageSize(options.limit) }, call)) {
        const target = targets[index]!;
        const values = { HashtagId: target.id, Hashtag: target.given, AccountId: account };
        for (const object of objects) yield this.decode(object, values);
      }
    } catch (error) {
      throw hashtagLimitError(this.directory, `/{hashtag-id}/${this.spec.edge}`, error);
    }
  }

  /** Hashtags by id, then by name (names whose id is known), without repeats. */
  private targets(params: OpenOptions['params']): Target[] {
    const out = new Map<string, Target>();
    const ids = this.values('HashtagId', { params });
    for (const id of ids ?? []) out.set(id, { id, given: this.directory.nameOf(id) ?? null });
    if (!this.bound.has('Hashtag')) return [...out.values()];
    // Both given: a row must match both, so only ids of the names that HashtagId also lists.
    const byName = new Map<string, Target>();
    for (const { given, name } of namesOf(this.bound.get('Hashtag'), params)) {
      const id = this.directory.known(name);
      if (id && !byName.has(id) && (ids === undefined || out.has(id))) byName.set(id, { id, given });
    }
    return [...byName.values()];
  }

  private mediaRequest(account: string, target: Target): PlannedRequest {
    return {
      method: 'GET',
      path: `/${target.id.startsWith('{') ? target.id : encodeURIComponent(target.id)}/${this.spec.edge}`,
      query: { user_id: account, fields: this.fields },
      kind: 'list',
      rowValues: { HashtagId: target.id, Hashtag: target.given },
    };
  }

  private account(params: OpenOptions['params']): string | undefined {
    return this.values('AccountId', { params })?.[0] ?? knownAccount(this.client, this.known);
  }

  private pageSize(limit: number | undefined): number {
    const preferred = this.client.preferredPageSize > 0 ? Math.min(this.client.preferredPageSize, HASHTAG_MEDIA_PAGE_MAX) : HASHTAG_MEDIA_PAGE_MAX;
    return limit === undefined ? preferred : Math.max(1, Math.min(preferred, limit));
  }
}

export { keyColumns as hashtagMediaKeyColumns };
