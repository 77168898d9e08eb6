/**
 * Insights: GET stats/accounts/:account_id. One call covers ≤20 entities, one placement, one
 * granularity and ≤7 days, so a query fans out over accounts × entity chunks × windows; the rows
 * come back as one per entity × bucket with a column per metric. Long ranges, many entities and
 * segmentation go through async jobs instead (analytics-path.ts chooses, async-rows.ts reads them).
 */
import pLimit from 'p-limit';
import { z } from 'zod';
import type { AsyncDownloader } from './async-download.js';
import { accountRows, type Segment } from './async-rows.js';
import { DEFAULT_POLL_SCHEDULE, type PollSchedule } from './async-stats.js';
import { assertSegmentationReachable, choosePath, costsOf, describeChoice, type PathChoice, type UseAsyncApi } from './analytics-path.js';
import { checkStatsEnvelope, valueAt, type MetricSeries } from './stats-envelope.js';
import type { Row, TableInfo, Value } from '../../catalog/types.js';
import { ApiError, PlanError } from '../../errors.js';
import { bindKeyColumns, type KeyBinding } from '../../source/bind-key-columns.js';
import type { Operand, OpenOptions, PushdownHandling, ScanExplain, ScanPlan, ScanRequest, ScanRunStats, TableSource } from '../../source/contract.js';
import { byColumn, textValues } from '../binding-values.js';
import type { CallOptions } from '../api-client.js';
import { concatConcurrently } from '../concat-concurrently.js';
import { rowMaker } from '../row-shape.js';
import {
  entityTypes,
  granularities,
  groupsByEntity,
  insightsKeyColumns,
  insightsTable,
  metricColumns,
  placements,
  segmentationTypes,
  type EntityType,
  type Granularity,
  type MetricGroup,
  type Placement,
} from '../../../schemas/twitterads/insights.js';
import type { TwitterAdsClient } from './client.js';
import { planStatsCalls, planStatsJobs, type SegmentationAsk, type StatsCall, type StatsInputs } from './insights-calls.js';
import type { LowerOp, TimeBounds, UpperOp } from './insights-range.js';
import { firstPageCalls, requestText, type PlannedCalls, type PlannedRequest } from '../../source/planned-call.js';
import { ActiveEntitiesStep, activeEntityTypes, activityPlacements, inactiveRows, stepApplies } from './active-entities-step.js';


/** Where to list every entity of a type when the query names a type but no ids. */
const listEndpointOf: Readonly<Record<Exclude<EntityType, 'ACCOUNT'>, { readonly path: string; readonly query?: Readonly<Record<string, string>> }>> = {
  CAMPAIGN: { path: '/accounts/:account_id/campaigns' },
  LINE_ITEM: { path: '/accounts/:account_id/line_items' },
  PROMOTED_TWEET: { path: '/accounts/:account_id/promoted_tweets' },
  FUNDING_INSTRUMENT: { path: '/accounts/:account_id/funding_instruments' },
  PROMOTED_ACCOUNT: { path: '/accounts/:account_id/promoted_accounts' },
  MEDIA_CREATIVE: { path: '/accounts/:account_id/media_creatives' },
  // Organic tweets: the account's published tweets that are not promoted-only.
  ORGANIC_TWEET: { path: '/accounts/:account_id/tweets', query: { tweet_type: 'PUBLISHED', timeline_type: 'ORGANIC' } },
};

const idsEnvelope = z.array(z.object({ id: z.string() }));

interface InsightsBindings {
  readonly account?: KeyBinding;
  readonly entityType?: readonly Operand[];
  readonly entityId?: KeyBinding;
  readonly granularity?: readonly Operand[];
  readonly placement?: readonly Operand[];
  readonly time: TimeBounds;
  /** SegmentationType with the Country/Platform it requires: async jobs only. */
  readonly segmentation?: SegmentationAsk;
}

/** How Insights reaches async analytics: the UseAsyncAPI setting and the result downloader (none: sync only). */
export interface InsightsAnalytics {
  readonly useAsync: UseAsyncApi;
  readonly downloader?: AsyncDownloader;
  readonly pollSchedule?: PollSchedule;
}

export class InsightsTable implements TableSource {
  readonly info: TableInfo = insightsTable;
  readonly keyColumns = insightsKeyColumns;
  private readonly known: InsightsKnowledge = { zones: new Map() };

  constructor(
    private readonly client: TwitterAdsClient,
    private readonly now: () => Date = () => new Date(),
    private readonly analytics: InsightsAnalytics = { useAsync: 'auto' },
  ) {}

  plan(request: ScanRequest): ScanPlan {
    const bound = bindKeyColumns(insightsTable.name, request.predicates, insightsKeyColumns);
    const byName = byColumn(bound.bindings);
    const start = byName.get('StartTime');
    const end = byName.get('EndTime');
    const bindings: InsightsBindings = {
      ...optional('account', byName.get('AccountId')),
      ...optional('entityType', byName.get('EntityType')?.operands),
      ...optional('entityId', byName.get('EntityId')),
      ...optional('granularity', byName.get('Granularity')?.operands),
      ...optional('placement', byName.get('Placement')?.operands),
      time: {
        ...(start ? { lower: { op: start.op as LowerOp, value: constantOf(start) } } : {}),
        ...(end ? { upper: { op: end.op as UpperOp, value: constantOf(end) } } : {}),
      },
      ...optional('segmentation', segmentationOf(byName.get('SegmentationType'), byName.get('Country'), byName.get('Platform'))),
    };
    if (bindings.segmentation) assertSegmentationReachable(this.analytics.useAsync, this.analytics.downloader !== undefined);
    const handling = bound.handling;
    const groups = new Set<MetricGroup>(metricColumns.filter((m) => request.columns.includes(m.name)).map((m) => m.group));
    if (groups.size === 0) groups.add('ENGAGEMENT');
    const entityType = this.entityTypeOf(bindings);
    return new InsightsScan(this.client, this.now, this.known, bindings, handling, entityType, groups, this.analytics);
  }

  /** One entity type per query: given (by the query, or by a join from an entity table's Id), or ACCOUNT. */
  private entityTypeOf(b: InsightsBindings): EntityType {
    const given = b.entityType?.map((o) => (o.kind === 'Const' ? String(o.value).toUpperCase() : ''));
    if (given) {
      const known = given.filter((t): t is EntityType => (entityTypes as readonly string[]).includes(t));
      if (new Set(known).size !== 1 || known.length !== given.length) {
        throw new PlanError(`Insights takes one EntityType per query, one of ${entityTypes.join(', ')}; got ${given.join(', ')}`);
      }
      return known[0]!;
    }
    if (b.entityId) {
      throw new PlanError("Insights needs EntityType with EntityId, e.g. WHERE EntityType = 'CAMPAIGN' AND EntityId = '...'");
    }
    return 'ACCOUNT';
  }
}

/** What Insights has learnt for the connection's life: the default account and account time zones. */
interface InsightsKnowledge {
  /** The accounts a query without AccountId covers (one, or every account with AccountId=*). */
  defaultAccounts?: readonly string[];
  readonly zones: Map<string, string>;
}

class InsightsScan implements ScanPlan {
  readonly sorted = false;
  private readonly totals: ScanRunStats = { calls: 0, rows: 0 };
  private readonly groups: MetricGroup[];
  private readonly activeStep: ActiveEntitiesStep;
  /** The metric columns in schema order, with the API metric when its group is asked for (else NULL). */
  private readonly metricPlan: readonly (string | undefined)[];

  constructor(
    private readonly client: TwitterAdsClient,
    private readonly now: () => Date,
    private readonly known: InsightsKnowledge,
    private readonly bindings: InsightsBindings,
    readonly handling: readonly PushdownHandling[],
    private readonly entityType: EntityType,
    requestedGroups: ReadonlySet<MetricGroup>,
    private readonly analytics: InsightsAnalytics,
  ) {
    const valid = groupsByEntity[entityType];
    this.groups = valid.filter((g) => requestedGroups.has(g));
    if (this.groups.length === 0) this.groups = ['ENGAGEMENT'];
    this.activeStep = new ActiveEntitiesStep(client);
    this.metricPlan = metricColumns.map((column) => (this.groups.includes(column.group) ? column.metric : undefined));
    this.planned = this.plannedCalls();
  }

  /**
   * The active-entities step is for entities the query does not name: every entity of the type
   * (listed), or ids from a join or subquery. Ids written in the query are planned exactly, as EXPLAIN
   * counts them. It applies to both paths: the sync calls or async jobs are planned for the active ones.
   */
  private get stepAllowed(): boolean {
    // Segmented rows of an entity without data have no documented shape to stand in for: no step.
    if (this.bindings.segmentation) return false;
    const ids = this.bindings.entityId;
    return !ids || ids.operands.some((o) => o.kind === 'Param');
  }

  /** As planned before any read: EXPLAIN ANALYZE shows the estimate next to what the read then did. */
  private readonly planned: PlannedCalls;
  /** Sync or async, with both estimates: from planning when the calls are known, else from the run. */
  private choice: PathChoice | undefined;

  stats(): ScanRunStats {
    return { ...this.totals };
  }

  explain(): ScanExplain {
    const b = this.bindings;
    const shown = (operands: readonly Operand[] | undefined, fallback: string) =>
      operands ? (operands.some((o) => o.kind === 'Param') ? '(values from the outer query)' : operands.map((o) => (o.kind === 'Const' ? String(o.value) : '?')).join(',')) : fallback;
    const pushed = [
      `:account_id=${shown(b.account?.operands, this.known.defaultAccounts?.join(',') ?? this.client.describeDefault('defaultAccount'))}`,
      `entity=${this.entityType}`,
      `entity_ids=${shown(b.entityId?.operands, this.entityType === 'ACCOUNT' ? '(the account)' : `(every ${this.entityType.toLowerCase()} of the account)`)}`,
      `granularity=${shown(b.granularity, 'DAY')}`,
      `placement=${shown(b.placement, 'ALL_ON_TWITTER')}`,
      `metric_groups=${this.groups.join(',')}`,
      `start_time=${b.time.lower ? `${b.time.lower.op} ${String(b.time.lower.value)}` : '(7 days before end)'}`,
      `end_time=${b.time.upper ? `${b.time.upper.op} ${String(b.time.upper.value)}` : '(now)'}`,
    ];
    const notes = [
      this.choice?.path === 'async'
        ? `≤20 entity ids and ≤${b.segmentation ? 45 : 90} days per job; times aligned to whole hours, DAY to midnight in the account time zone`
        : '≤20 entity ids and ≤7 days per call; times aligned to whole hours, DAY to midnight in the account time zone',
    ];
    if (activeEntityTypes.includes(this.entityType) && this.stepAllowed) {
      notes.push(
        `active entities first: over more than 20 listed or joined ${this.entityType.toLowerCase()}s (placements ${activityPlacements.join('/')}) GET stats/accounts/:account_id/active_entities from the start to a week past the end (90 days a call), then stats (sync calls or async jobs) only for the entities active in the range; the others' rows have NULL metrics, as the API would answer`,
      );
    }
    if (this.groups.includes('MOBILE_CONVERSION') && this.groups.length > 1) notes.push('MOBILE_CONVERSION in a request of its own (the API refuses it with other groups)');
    if (b.segmentation) pushed.push(`segmentation_type=${b.segmentation.type}`, ...(b.segmentation.country ? [`country=${b.segmentation.country}`] : []), ...(b.segmentation.platform ? [`platform=${b.segmentation.platform}`] : []));
    const planned = this.planned;
    const choice = this.choice;
    if (choice) notes.push(describeChoice(choice));
    else if (b.segmentation) notes.push('async jobs (SegmentationType is served by async jobs only); their count is known once the entities are');
    else notes.push(`sync or async (UseAsyncAPI=${this.analytics.useAsync}) is chosen at run time, once the entities are known`);
    if (choice?.path === 'async') notes.push('async: poll ≤200 job_ids a call with backoff, ≤100 jobs in flight per account, then download each gzip result with no credentials');
    if (planned.known) notes.push(...planned.requests.slice(0, 3).map(requestText), ...(planned.requests.length > 3 ? [`… ${planned.requests.length - 3} more`] : []));
    else notes.push(`calls depend on data: ${planned.reason}`);
    const endpoint = choice?.path === 'async' ? `${this.client.endpointPrefix}/stats/jobs/accounts/:account_id (async jobs)` : `${this.client.endpointPrefix}/stats/accounts/:account_id`;
    const estimatedCalls = planned.known && choice?.path === 'async' ? choice.costs.asyncCalls : firstPageCalls(planned);
    return { table: 'Insights', endpoint, pushed, estimatedCalls, notes };
  }

  /** The stats requests for these Param values, once the accounts, their time zones and the entity ids are known. */
  plannedCalls(params?: ReadonlyMap<string, readonly Value[]>): PlannedCalls {
    const b = this.bindings;
    const unknown = (reason: string): PlannedCalls => ({ known: false, reason });
    if ([b.account, b.entityId].some((k) => k?.operands.some((o) => o.kind === 'Param' && params?.get(o.id) === undefined))) return unknown('values come from the outer query');
    const givenIds = b.entityId ? textValues(b.entityId, params) : undefined;
    if (givenIds?.length === 0) return { known: true, requests: [], batches: [], morePages: false };
    const accounts = b.account ? textValues(b.account, params) : this.known.defaultAccounts;
    if (!accounts) return unknown('the default account is found at run time');
    const missing = accounts.find((a) => !this.known.zones.has(a));
    if (missing) return unknown(`the time zone of account ${missing} is looked up at run time`);
    if (!givenIds && this.entityType !== 'ACCOUNT') return unknown(`every ${this.entityType.toLowerCase()} of the account is listed first`);
    const inputs = this.inputs(accounts, this.known.zones, (account) => givenIds ?? [account], params);
    const { choice, calls } = this.choose(inputs);
    this.choice = choice;
    // With the step, the calls depend on which entities are active: the choice's estimates are upper bounds.
    if (this.stepAllowed && accounts.some((account) => stepApplies(inputs, account))) return unknown('the entities active in the range are asked first (active_entities)');
    if (choice.path === 'sync') return { known: true, requests: calls, batches: calls.map((_r, i) => [i]), morePages: false };
    // Async: the job POSTs, then per account a poll of the created job_ids (repeated until they finish;
    // ≤200 ids a call), then one download per job from the result's host (not an API request).
    const polls = [...new Set(calls.map((c) => c.accountId))].map((accountId): PlannedRequest => {
      const path = calls.find((c) => c.accountId === accountId)!.path;
      return { method: 'GET', path, query: { job_ids: '(the ids the POSTs return)' }, kind: 'list', rowValues: { AccountId: accountId } };
    });
    const requests = [...calls, ...polls];
    return { known: true, requests, batches: requests.map((_r, i) => [i]), morePages: true };
  }

  /** Both paths planned and costed; the chosen one's calls. */
  private choose(inputs: StatsInputs): { choice: PathChoice; calls: StatsCall[] } {
    const sync = planStatsCalls(inputs);
    const jobs = this.analytics.downloader ? planStatsJobs(inputs, this.bindings.segmentation) : [];
    const setting = this.analytics.downloader ? this.analytics.useAsync : 'false';
    const choice = choosePath(setting, costsOf(sync, jobs), this.bindings.segmentation !== undefined);
    return { choice, calls: choice.path === 'async' ? jobs : sync };
  }

  private inputs(accounts: readonly string[], zones: ReadonlyMap<string, string>, entityIds: StatsInputs['entityIds'], params: OpenOptions['params']): StatsInputs {
    const b = this.bindings;
    const places = b.placement ? placementTexts(b.placement, params).map((p) => p.toUpperCase()).filter((p): p is Placement => (placements as readonly string[]).includes(p)) : (['ALL_ON_TWITTER'] as Placement[]);
    return { entityType: this.entityType, groups: this.groups, accounts, zones, entityIds, granularities: this.granularityValues(b.granularity), placements: places, time: b.time, now: this.now() };
  }

  /** One page per stats call (TOTAL: per summed group), as it comes. */
  async *pages(options: OpenOptions): AsyncGenerator<readonly Row[]> {
    const callOptions: CallOptions = { signal: options.signal, onCall: () => void this.totals.calls++ };
    const b = this.bindings;
    // Given ids none of which can be an id match no row: no call at all.
    const givenIds = b.entityId ? textValues(b.entityId, options.params) : undefined;
    if (givenIds?.length === 0) return;
    const accounts = b.account ? textValues(b.account, options.params) : (this.known.defaultAccounts = await this.client.defaultAccounts(callOptions));
    // Every account's time zone in one listing call, not one call each (account listings have the smallest budget).
    await this.client.primeTimezones(accounts.filter((a) => !this.known.zones.has(a)), callOptions);
    const listed = new Map<string, readonly string[]>();
    // Accounts are independent: their time zones and entity lists are looked up concurrently.
    const limit = pLimit(Math.max(1, this.client.fanOut));
    await Promise.all(
      accounts.map((account) =>
        limit(async () => {
          const zone = await this.zoneOf(account, callOptions);
          if (zone !== undefined && !givenIds && this.entityType !== 'ACCOUNT') listed.set(account, await this.listEntityIds(account, callOptions));
        }),
      ),
    );
    const all = this.inputs(accounts, this.known.zones, (account) => givenIds ?? listed.get(account) ?? [account], options.params);
    // Active entities first, then the path (sync or async) is chosen for the active ones alone.
    const stepped = this.stepAllowed ? await this.activeStep.restrict(all, callOptions) : { inputs: all, skipped: [] };
    const { choice, calls } = this.choose(stepped.inputs);
    this.choice = choice;
    let yielded = 0;
    // Every call is independent: all of them overlap up to MaxConcurrency, rows still in call order.
    // One group per account × granularity × placement; TOTAL sums its windows into one row.
    const sources =
      choice.path === 'async'
        ? this.asyncSources(calls, callOptions)
        : groupsOf(calls).flatMap((group) =>
            group[0]!.granularity === 'TOTAL' ? [() => this.totalRows(group, callOptions)] : partsOf(group).map((parts) => () => this.bucketRows(parts, callOptions)),
          );
    const skipped = inactiveRows(stepped.skipped, (call, id, start, end) => this.row(call, id, start, end, () => null));
    if (skipped.length > 0) sources.push(async function* () { yield skipped; });
    for await (const page of concatConcurrently(sources, options.limit === undefined || choice.path === 'async' ? this.client.fanOut : 1)) {
      if (page.length === 0) continue;
      const left = options.limit === undefined ? page.length : options.limit - yielded;
      const rows = page.length > left ? page.slice(0, left) : page;
      this.totals.rows += rows.length;
      yielded += rows.length;
      yield rows;
      if (options.limit !== undefined && yielded >= options.limit) return;
    }
  }

  /** Async jobs: the accounts run side by side, each within its own job limit. */
  private asyncSources(jobs: readonly StatsCall[], callOptions: CallOptions): Array<() => AsyncIterable<Row[]>> {
    const downloader = this.analytics.downloader!;
    const byAccount = new Map<string, StatsCall[]>();
    for (const job of jobs) byAccount.set(job.accountId, [...(byAccount.get(job.accountId) ?? []), job]);
    const options = { ...callOptions, client: this.client, downloader, schedule: this.analytics.pollSchedule ?? DEFAULT_POLL_SCHEDULE };
    return [...byAccount.values()].map((accountJobs) => () => accountRows(accountJobs, options, (call, id, start, end, metric, segment) => this.row(call, id, start, end, metric, segment)));
  }

  /** The account's time zone, remembered for the connection; undefined for an account the credentials cannot see (no rows). */
  private async zoneOf(account: string, options: CallOptions): Promise<string | undefined> {
    const known = this.known.zones.get(account);
    if (known !== undefined) return known;
    try {
      const zone = await this.client.timezoneOf(account, options);
      this.known.zones.set(account, zone);
      return zone;
    } catch (error) {
      if (error instanceof PlanError || (error instanceof ApiError && error.status === 404)) return undefined;
      throw error;
    }
  }

  private granularityValues(operands: readonly Operand[] | undefined): Granularity[] {
    if (!operands) return ['DAY'];
    return [...new Set(operands.flatMap((o) => (o.kind === 'Const' && o.value !== null ? [String(o.value).toUpperCase()] : [])))].filter((g): g is Granularity =>
      (granularities as readonly string[]).includes(g),
    );
  }

  private async listEntityIds(accountId: string, options: CallOptions): Promise<string[]> {
    const list = listEndpointOf[this.entityType as Exclude<EntityType, 'ACCOUNT'>];
    const path = list.path.replace(':account_id', encodeURIComponent(accountId));
    const ids: string[] = [];
    for await (const page of this.client.list(path, list.query ?? {}, { pageSize: 1000 }, options)) {
      const parsed = idsEnvelope.safeParse(page);
      if (!parsed.success) throw new ApiError(`Malformed response from Twitter Ads for GET ${path}: objects without id`, 200, 'MALFORMED_RESPONSE');
      ids.push(...parsed.data.map((o) => o.id));
    }
    return ids;
  }

  private async fetchStats(call: StatsCall, options: CallOptions) {
    const path = call.path;
    const body = await this.client.getJson(path, call.query, options);
    const checked = checkStatsEnvelope(body);
    const buckets = call.window.boundaries.length - 1;
    if (!checked.ok || checked.value.time_series_length !== buckets) {
      throw new ApiError(`Malformed response from Twitter Ads for GET ${path}: expected stats with ${buckets} buckets${checked.ok ? '' : ` (${checked.detail})`}`, 200, 'MALFORMED_RESPONSE');
    }
    return checked.value.data;
  }

  /** One (id chunk, window) may take two requests (MOBILE_CONVERSION alone): their metrics are merged per entity. One page per call group. */
  private async *bucketRows(parts: readonly StatsCall[], options: CallOptions): AsyncGenerator<Row[]> {
    const call = parts[0]!;
    const merged = new Map<string, Readonly<Record<string, MetricSeries>>>();
    for (const entities of await Promise.all(parts.map((p) => this.fetchStats(p, options)))) {
      for (const entity of entities) merged.set(entity.id, { ...merged.get(entity.id), ...(entity.id_data[0]?.metrics ?? {}) });
    }
    const rows: Row[] = [];
    for (const [id, metrics] of merged) {
      for (let i = 0; i < call.window.boundaries.length - 1; i++) {
        rows.push(this.row(call, id, call.window.boundaries[i]!, call.window.boundaries[i + 1]!, (metric) => valueAt(metrics[metric], i)));
      }
    }
    yield rows;
  }

  /** TOTAL over more than 7 days: the API gives one total per window, summed here into one row. */
  private async *totalRows(calls: readonly StatsCall[], options: CallOptions): AsyncGenerator<Row[]> {
    const first = calls[0];
    if (!first) return;
    const sums = new Map<string, Map<string, number | null>>();
    const results = await Promise.all(calls.map((c) => this.fetchStats(c, options)));
    for (const entities of results) {
      for (const entity of entities) {
        const sum = sums.get(entity.id) ?? new Map<string, number | null>();
        sums.set(entity.id, sum);
        for (const { metric } of metricColumns) {
          if (!(metric in (entity.id_data[0]?.metrics ?? {}))) continue;
          const value = valueAt(entity.id_data[0]?.metrics[metric], 0);
          const previous = sum.get(metric) ?? null;
          sum.set(metric, value === null ? previous : (previous ?? 0) + value);
        }
      }
    }
    const start = first.window.start;
    const end = calls[calls.length - 1]!.window.end;
    yield [...sums].map(([id, sum]) => this.row(first, id, start, end, (metric) => sum.get(metric) ?? null));
  }

  private row(call: StatsCall, entityId: string, start: Date, end: Date, metric: (name: string) => number | null, segment?: Segment): Row {
    const segmentation = call.segmentation;
    const values: Value[] = [
      call.accountId,
      this.entityType,
      entityId,
      start,
      end,
      call.granularity,
      call.placement,
      segmentation?.type ?? null,
      segment?.name ?? null,
      segment?.value ?? null,
      segmentation?.country ?? null,
      segmentation?.platform ?? null,
    ];
    for (const name of this.metricPlan) values.push(name === undefined ? null : metric(name));
    return makeInsightsRow(values);
  }
}

/** Insights rows, one shape: the dimension columns, then every metric column. */
const makeInsightsRow = rowMaker([
  ...['AccountId', 'EntityType', 'EntityId', 'StartTime', 'EndTime', 'Granularity', 'Placement', 'SegmentationType', 'SegmentName', 'SegmentValue', 'Country', 'Platform'],
  ...metricColumns.map((c) => c.name),
]);

/** Calls that differ only in metric_groups (planned next to each other) answer one id chunk × window together. */
function partsOf(calls: readonly StatsCall[]): StatsCall[][] {
  const parts: StatsCall[][] = [];
  for (const call of calls) {
    const last = parts[parts.length - 1];
    if (last && call.part > 0) last.push(call);
    else parts.push([call]);
  }
  return parts;
}

/** Stats calls grouped by account × granularity × placement, in order. */
function groupsOf(calls: readonly StatsCall[]): StatsCall[][] {
  const groups = new Map<string, StatsCall[]>();
  for (const call of calls) {
    const key = `${call.accountId}|${call.granularity}|${call.placement}`;
    groups.set(key, [...(groups.get(key) ?? []), call]);
  }
  return [...groups.values()];
}

function placementTexts(operands: readonly Operand[], params: OpenOptions['params']): string[] {
  const values: Value[] = operands.flatMap((o) => (o.kind === 'Const' ? [o.value] : [...(params?.get(o.id) ?? [])]));
  return [...new Set(values.filter((v): v is Exclude<Value, null> => v !== null).map(String))];
}

/** `{ [name]: value }` when the value is there, for exact optional properties. */
function optional<K extends string, V>(name: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [name]: value }) as { [P in K]?: V };
}

/** Time bounds bind constants only (their key columns take no Params). */
function constantOf(binding: KeyBinding): Value {
  const operand = binding.operands[0];
  return operand?.kind === 'Const' ? operand.value : null;
}

/** SegmentationType (one of the enabled types) with the Country/Platform it requires; PlanError otherwise. */
function segmentationOf(type: KeyBinding | undefined, country: KeyBinding | undefined, platform: KeyBinding | undefined): SegmentationAsk | undefined {
  const text = (b: KeyBinding | undefined) => (b ? String(constantOf(b) ?? '').trim() : undefined);
  const given = text(type)?.toUpperCase();
  const countryText = text(country)?.toUpperCase();
  const platformText = text(platform);
  const enabled = Object.keys(segmentationTypes);
  if (given === undefined) {
    if (countryText !== undefined || platformText !== undefined) throw new PlanError(`Insights: Country and Platform go with a SegmentationType that requires them (${requirers()})`);
    return undefined;
  }
  const spec = segmentationTypes[given];
  if (!spec) throw new PlanError(`Insights: SegmentationType '${given}' is not enabled by the X Ads API; the enabled types are ${enabled.join(', ')}`);
  if (spec.requires === 'Country' && !countryText) throw new PlanError(`Insights: SegmentationType ${given} needs Country, e.g. WHERE SegmentationType = '${given}' AND Country = 'US'`);
  if (spec.requires === 'Platform' && !platformText) throw new PlanError(`Insights: SegmentationType ${given} needs Platform`);
  if (spec.requires !== 'Country' && countryText !== undefined) throw new PlanError(`Insights: Country is not used with SegmentationType ${given} (${requirers()})`);
  if (spec.requires !== 'Platform' && platformText !== undefined) throw new PlanError(`Insights: Platform is not used with SegmentationType ${given}`);
  return { type: given, ...(countryText ? { country: countryText } : {}), ...(platformText ? { platform: platformText } : {}) };
}

function requirers(): string {
  return Object.entries(segmentationTypes)
    .filter(([, spec]) => spec.requires)
    .map(([name, spec]) => `${name} needs ${spec.requires}`)
    .join('; ');
}
