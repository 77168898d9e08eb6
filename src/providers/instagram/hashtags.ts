/**
 * Hashtags: hashtag names to ids through GET /ig_hashtag_search?user_id=&q=, one request per name
 * not looked up before (in batch calls of 50). A name this connection has looked up costs no call.
 */
import type { Row, Value } from '../../catalog/types.js';
import { bindKeyColumns, type KeyBinding } from '../../source/bind-key-columns.js';
import type { OpenOptions, PushdownHandling, ScanExplain, ScanPlan, ScanRequest, TableSource } from '../../source/contract.js';
import type { KeyColumn } from '../../source/key-column.js';
import { firstPageCalls, requestText, type PlannedCalls, type PlannedRequest } from '../../source/planned-call.js';
import { hashtagsTable } from '../../../schemas/instagram/hashtags.js';
import type { CallOptions } from '../api-client.js';
import { byColumn, textValues } from '../binding-values.js';
import { CustomScan } from '../custom-scan.js';
import { BATCH_LIMIT, type InstagramClient } from './client.js';
import { businessAccountKey, knownAccount } from './business-account.js';
import { hashtagName, type HashtagDirectory } from './hashtag-directory.js';

/** `user_id`: the business account the search is made for. */
export const hashtagAccountKey: KeyColumn = businessAccountKey('user_id');

const keyColumns: readonly KeyColumn[] = [
  { column: 'Name', operators: ['=', 'IN'], require: 'required', acceptsParams: true, exactness: 'exact', target: { in: 'plan', name: 'q' }, example: "Name = 'summer'", note: 'one lookup per name not looked up before' },
  hashtagAccountKey,
];

/** Names as given, each with the name the API searches; values that can be no hashtag match nothing. */
export function namesOf(binding: KeyBinding | undefined, params: OpenOptions['params']): Array<{ given: string; name: string }> {
  if (!binding) return [];
  const seen = new Set<string>();
  const out: Array<{ given: string; name: string }> = [];
  for (const given of textValues(binding, params)) {
    const name = hashtagName(given);
    if (name === undefined || seen.has(name)) continue;
    seen.add(name);
    out.push({ given, name });
  }
  return out;
}

export class HashtagsTable implements TableSource {
  readonly keyColumns = keyColumns;
  readonly info = hashtagsTable;
  private readonly known: { account?: string } = {};

  constructor(
    private readonly client: InstagramClient,
    private readonly directory: HashtagDirectory,
  ) {}

  plan(request: ScanRequest): ScanPlan {
    const { handling, bindings } = bindKeyColumns(hashtagsTable.name, request.predicates, keyColumns);
    const bound = byColumn(bindings);
    const names = bound.get('Name');
    if (names && names.operands.every((o) => o.kind === 'Const')) this.directory.checkBudget(hashtagsTable.name, namesOf(names, undefined).map((n) => n.name));
    return new HashtagsScan(this.client, this.directory, this.known, handling, bound);
  }
}

class HashtagsScan extends CustomScan {
  private readonly planned: PlannedCalls;

  constructor(
    private readonly client: InstagramClient,
    private readonly directory: HashtagDirectory,
    private readonly known: { account?: string },
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

  /** One lookup per name not looked up before; names already known cost nothing. */
  plannedCalls(params?: ReadonlyMap<string, readonly Value[]>): PlannedCalls {
    const binding = this.bound.get('Name');
    if (binding?.operands.some((o) => o.kind === 'Param' && params?.get(o.id) === undefined)) return { known: false, reason: 'the names come from the outer query' };
    const account = this.values('AccountId', { params })?.[0] ?? knownAccount(this.client, this.known);
    if (account === undefined) return { known: false, reason: 'the business account is found at run time' };
    const requests: PlannedRequest[] = this.directory.unknown(namesOf(binding, params).map((n) => n.name)).map((name) => this.directory.searchRequest(account, name));
    const batches: number[][] = [];
    for (let i = 0; i < requests.length; i += BATCH_LIMIT) batches.push(requests.slice(i, i + BATCH_LIMIT).map((_r, k) => i + k));
    return { known: true, requests, batches, morePages: false };
  }

  private describe(): ScanExplain {
    const names = namesOf(this.bound.get('Name'), undefined).map((n) => n.name);
    const planned = this.planned;
    return {
      table: hashtagsTable.name,
      endpoint: `${this.client.endpointPrefix}/ig_hashtag_search`,
      pushed: [`user_id=${this.shown('AccountId', knownAccount(this.client, this.known) ?? this.client.describeDefault('businessAccount'))}`, `q=${this.shown('Name', '')}`],
      estimatedCalls: firstPageCalls(planned),
      notes: [
        this.directory.budgetNote(names),
        ...(planned.known ? planned.requests.slice(0, 3).map(requestText) : [`calls depend on data: ${planned.reason}`]),
        ...(planned.known && planned.requests.length > 3 ? [`… ${planned.requests.length - 3} more`] : []),
      ],
    };
  }

  protected async *rows(options: OpenOptions, call: CallOptions): AsyncGenerator<Row> {
    const account = this.values('AccountId', options)?.[0] ?? knownAccount(this.client, this.known) ?? (this.known.account = await this.client.businessAccountId(call));
    const names = namesOf(this.bound.get('Name'), options.params);
    const ids = await this.directory.resolve(hashtagsTable.name, account, names.map((n) => n.name), call);
    for (const { given, name } of names) {
      const id = ids.get(name);
      if (id) yield { Id: id, Name: given, AccountId: account };
    }
  }
}

export { keyColumns as hashtagsKeyColumns };
