/**
 * AdStats (CData's view) over Insights: predicates and columns are renamed onto Insights, and each
 * row is reshaped so that it satisfies the query's WHERE: StartTime/EndTime become the report
 * range (the value the query gave, else the range Insights chose), the bucket start moves to Date,
 * and EntityType is called Entity.
 */
import type { Row, TableInfo, Value } from '../../catalog/types.js';
import { toDate } from '../../exec/values.js';
import { adStatsKeyColumns, adStatsTable } from '../../../schemas/twitterads/ad-stats.js';
import type { Granularity } from '../../../schemas/twitterads/insights.js';
import type { OpenOptions, PushdownHandling, PushdownPredicate, ScanExplain, ScanPlan, ScanRequest, ScanRunStats, TableSource } from '../../source/contract.js';
import type { PlannedCalls } from '../../source/planned-call.js';
import type { TwitterAdsClient } from './client.js';
import { windowsFor, type TimeBounds } from './insights-range.js';
import type { InsightsTable } from './insights-table.js';

type Bound = { readonly op: '=' | '>=' | '<='; readonly value: Value };

export class AdStatsTable implements TableSource {
  readonly info: TableInfo = adStatsTable;
  readonly keyColumns = adStatsKeyColumns;

  constructor(
    private readonly insights: InsightsTable,
    private readonly client: TwitterAdsClient,
    private readonly now: () => Date = () => new Date(),
  ) {}

  plan(request: ScanRequest): ScanPlan {
    // Only StartTime = / >= and EndTime = / <= bound the range; other comparisons of them are checked here, on the range.
    const ranged = (p: PushdownPredicate): Bound | undefined => {
      if (p.kind !== 'Compare' || p.operand.kind !== 'Const') return undefined;
      if (p.column === 'StartTime' && (p.op === '=' || p.op === '>=')) return { op: p.op, value: p.operand.value };
      if (p.column === 'EndTime' && (p.op === '=' || p.op === '<=')) return { op: p.op, value: p.operand.value };
      return undefined;
    };
    const passed: PushdownPredicate[] = [];
    const positions: Array<number | undefined> = [];
    let start: Bound | undefined;
    let end: Bound | undefined;
    for (const p of request.predicates) {
      const bound = ranged(p);
      if (p.column === 'StartTime' || p.column === 'EndTime' || p.column === 'Date') {
        if (!bound || (p.column === 'StartTime' ? start : end)) {
          positions.push(undefined);
          continue;
        }
        if (p.column === 'StartTime') start = bound;
        else end = bound;
        // On AdStats `StartTime = a` is the range's start, which Insights takes as `StartTime >= a`.
        positions.push(passed.length);
        passed.push({ kind: 'Compare', column: p.column, op: p.column === 'StartTime' ? '>=' : '<=', operand: { kind: 'Const', value: bound.value } });
        continue;
      }
      positions.push(passed.length);
      passed.push(p.column === 'Entity' ? { ...p, column: 'EntityType' } : p);
    }
    const columns = [...new Set(request.columns.map((c) => (c === 'Entity' ? 'EntityType' : c === 'Date' ? 'StartTime' : c)))];
    const inner = this.insights.plan({ predicates: passed, columns });
    const handling: PushdownHandling[] = positions.map((i) => (i === undefined ? 'unsupported' : inner.handling[i]!));
    const time: TimeBounds = {
      ...(start ? { lower: { op: '>=' as const, value: start.value } } : {}),
      ...(end ? { upper: { op: '<=' as const, value: end.value } } : {}),
    };
    return new AdStatsScan(inner, handling, this.client, this.now, time, start, end);
  }
}

class AdStatsScan implements ScanPlan {
  readonly sorted = false;

  constructor(
    private readonly inner: ScanPlan,
    readonly handling: readonly PushdownHandling[],
    private readonly client: TwitterAdsClient,
    private readonly now: () => Date,
    private readonly time: TimeBounds,
    private readonly start: Bound | undefined,
    private readonly end: Bound | undefined,
  ) {}

  explain(): ScanExplain {
    const inner = this.inner.explain();
    return {
      ...inner,
      table: 'AdStats',
      notes: [...inner.notes, 'AdStats (CData): StartTime/EndTime are the report range on every row; the bucket is Date; Entity is EntityType'],
    };
  }

  stats(): ScanRunStats {
    return this.inner.stats();
  }

  plannedCalls(params?: ReadonlyMap<string, readonly Value[]>): PlannedCalls {
    return this.inner.plannedCalls ? this.inner.plannedCalls(params) : { known: false, reason: 'Insights plans its calls at run time' };
  }

  async *pages(options: OpenOptions): AsyncGenerator<readonly Row[]> {
    const ranges = new Map<string, { start: Date; end: Date } | undefined>();
    const rangeOf = async (account: string, granularity: Granularity) => {
      const key = `${account}|${granularity}`;
      if (!ranges.has(key)) {
        const zone = await this.client.timezoneOf(account, { signal: options.signal, onCall: () => {} });
        const windows = windowsFor(this.time, granularity, zone, this.now());
        ranges.set(key, windows.length === 0 ? undefined : { start: windows[0]!.start, end: windows[windows.length - 1]!.end });
      }
      return ranges.get(key);
    };
    // The range as the query gave it, read as SQL reads it, so `StartTime = '…'` holds on every row.
    const given = (bound: Bound | undefined) => (bound ? toDate(bound.value) : null);
    for await (const page of this.inner.pages(options)) {
      const rows: Row[] = [];
      for (const row of page) {
        const range = await rangeOf(String(row.AccountId), String(row.Granularity) as Granularity);
        // CData's AdStats has no segmentation columns (Insights has them).
        const { EntityType, StartTime, EndTime, SegmentationType, SegmentName, SegmentValue, Country, Platform, ...rest } = row;
        void [EndTime, SegmentationType, SegmentName, SegmentValue, Country, Platform];
        rows.push({ ...rest, Entity: EntityType ?? null, Date: StartTime ?? null, StartTime: given(this.start) ?? range?.start ?? null, EndTime: given(this.end) ?? range?.end ?? null });
      }
      yield rows;
    }
  }
}
