/**
 * Window functions. Reads its whole input, then for each call: splits the rows into partitions,
 * orders each partition (stable), and computes the function over each row's frame. Call i's value
 * goes to slot `width + i`; rows leave in input order. Frames that start at the partition's first
 * row (the default, and ROWS BETWEEN UNBOUNDED PRECEDING AND ...) are accumulated incrementally.
 * When a filter above keeps only ROW_NUMBER ≤ k (`WHERE rn = 1`), the operator keeps just the first
 * k rows of each partition as they stream past, instead of buffering and sorting everything.
 */
import type { Row, Value } from '../../catalog/types.js';
import type { WindowFrame, WindowFunctionName } from '../../sql/ir.js';
import { createAccumulator } from '../aggregates.js';
import { chunks } from '../batch.js';
import type { RunEnv, Tuple } from '../env.js';
import { throwIfCancelled } from '../env.js';
import type { Evaluator } from '../evaluate.js';
import { groupFinder } from '../group-finder.js';
import { compareForOrder, type OrderKey } from '../order.js';
import type { PlanNode } from '../plan-node.js';
import { toNumber } from '../values.js';
import type { RowTopFold, RowTopRows, TopPart } from '../compile/row-window.js';
import { MEMORY_SLICE, type ScanOperator } from './scan.js';

export interface WindowSpec {
  readonly name: WindowFunctionName;
  readonly args: readonly Evaluator[];
  readonly partitionBy: readonly Evaluator[];
  readonly orderBy: readonly { readonly key: Evaluator; readonly desc: boolean; readonly nullsFirst: boolean }[];
  readonly frame?: WindowFrame;
}

/** Above this k, keeping the first k rows per partition by insertion costs more than sorting. */
export const MAX_TOP_ROWS = 64;

export class WindowOperator implements PlanNode {
  readonly produced = { rows: 0 };

  constructor(
    private readonly input: PlanNode,
    private readonly calls: readonly WindowSpec[],
    private readonly width: number,
    /** Only rows whose ROW_NUMBER (the one call) is at most this are needed: a filter above drops the rest. */
    private readonly topRows?: number,
    /** With topRows, when the input is a scan whose rows the keys read directly: the generated partition test. */
    private readonly rows?: { readonly scan: ScanOperator; readonly top: RowTopRows },
  ) {}

  async *batches(env: RunEnv): AsyncIterable<readonly Tuple[]> {
    const rows =
      this.topRows === undefined ? await this.computeAll(env) : this.rows !== undefined ? await this.firstRowsFromSource(env, this.topRows, this.rows) : await this.firstRowsPerPartition(env, this.topRows);
    for (const batch of chunks(rows)) {
      this.produced.rows += batch.length;
      yield batch;
    }
  }

  private async computeAll(env: RunEnv): Promise<Tuple[]> {
    const rows: Tuple[] = [];
    const width = this.width;
    const outWidth = width + this.calls.length;
    for await (const batch of this.input.batches(env)) {
      throwIfCancelled(env.signal);
      for (const t of batch) rows.push(widened(t, width, outWidth));
    }
    this.calls.forEach((call, i) => computeCall(call, rows, width + i, env));
    return rows;
  }

  /**
   * firstRowsPerPartition reading the scan's source rows: the kept rows stay rows, and only they
   * become tuples, at the end.
   */
  private async firstRowsFromSource(env: RunEnv, k: number, source: { readonly scan: ScanOperator; readonly top: RowTopRows }): Promise<Tuple[]> {
    const width = this.width;
    const { scan, top } = source;
    const compare = top.compare;
    const parts: KeptPart[] = [];
    const fold = top.fold<KeptPart>(
      k,
      {
        newPart: () => {
          const part = new KeptPart();
          parts.push(part);
          return part;
        },
        offer: (part, row, order) => part.insert(row, order, k, compare),
      },
      scan.options.rowFilter,
    );
    const all = scan.memoryRows(env);
    if (all !== undefined) {
      // In-memory rows: folded in slices of the array itself, no page copies.
      scan.countProduced(foldSlices(all, fold, env));
    } else {
      let base = 0;
      for await (const page of scan.sourcePages(env)) {
        throwIfCancelled(env.signal);
        scan.countProduced(fold(page, base, 0, page.length));
        base += page.length;
      }
    }
    const kept: { tuple: Tuple; order: number }[] = [];
    for (const part of parts) {
      for (let i = 0; i < part.rows.length; i++) {
        const tuple = widened(scan.tupleOf(part.rows[i]!), width, width + 1);
        tuple[width] = i + 1;
        kept.push({ tuple, order: part.orders[i]! });
      }
    }
    kept.sort((a, b) => a.order - b.order);
    return kept.map((e) => e.tuple);
  }

  /** ROW_NUMBER ≤ k only: per partition the k first rows in window order, kept sorted as rows arrive. */
  private async firstRowsPerPartition(env: RunEnv, k: number): Promise<Tuple[]> {
    const call = this.calls[0]!;
    const orderBy = call.orderBy;
    const width = this.width;
    const parts: Kept[][] = [];
    const partOf = groupFinder<Kept[]>(call.partitionBy, env, () => {
      const part: Kept[] = [];
      parts.push(part);
      return part;
    });
    const keys: Value[] = new Array<Value>(orderBy.length);
    let seq = 0;
    for await (const batch of this.input.batches(env)) {
      throwIfCancelled(env.signal);
      for (const t of batch) {
        const part = partOf(t);
        const order = seq++;
        for (let j = 0; j < orderBy.length; j++) keys[j] = orderBy[j]!.key(t, env);
        // Ties keep input order (the sort is stable), so a row must come strictly before the k-th.
        if (part.length >= k && compareKeys(keys, part[part.length - 1]!.keys, orderBy) >= 0) continue;
        insertKept(part, { tuple: widened(t, width, width + 1), keys: keys.slice(), order }, k, (kept) => compareKeys(keys, kept.keys, orderBy) < 0);
      }
    }
    const kept: Kept[] = [];
    for (const part of parts) {
      for (let i = 0; i < part.length; i++) {
        part[i]!.tuple[width] = i + 1;
        kept.push(part[i]!);
      }
    }
    kept.sort((a, b) => a.order - b.order);
    return kept.map((e) => e.tuple);
  }
}



/**
 * All of `rows` through `fold`, MEMORY_SLICE at a time with a cancellation check between: the rows
 * that passed. A plain function, so the hot loop is optimised (and the fold inlined) outside the
 * async method's state machine.
 */
function foldSlices(rows: readonly Row[], fold: RowTopFold, env: RunEnv): number {
  let passed = 0;
  for (let from = 0; from < rows.length; from += MEMORY_SLICE) {
    throwIfCancelled(env.signal);
    passed += fold(rows, 0, from, Math.min(rows.length, from + MEMORY_SLICE));
  }
  return passed;
}

/**
 * Puts `entry` into `part` (at most k, in window order) after the kept entries it does not come
 * before; when the part is full the last one, which `entry` beats, drops out. Shifts by hand:
 * Array.prototype.splice is a runtime call that costs more than the few moves here.
 */
function insertKept<E>(part: E[], entry: E, k: number, comesBefore: (kept: E) => boolean): void {
  let at = part.length;
  if (at < k) part.push(entry);
  else at--;
  while (at > 0 && comesBefore(part[at - 1]!)) {
    part[at] = part[at - 1]!;
    at--;
  }
  part[at] = entry;
}

/**
 * A partition's rows kept by firstRowsFromSource, in window order, with their input positions in
 * a parallel array: a row that beats the k-th allocates nothing.
 */
class KeptPart implements TopPart {
  readonly rows: Row[] = [];
  readonly orders: number[] = [];
  last: Row | undefined = undefined;
  lastKey: Value = null;

  /** As insertKept: after the kept rows `row` does not come before; the k-th drops out when full. */
  insert(row: Row, order: number, k: number, compare: (a: Row, b: Row) => number): void {
    const { rows, orders } = this;
    let at = rows.length;
    if (at < k) {
      rows.push(row);
      orders.push(order);
    } else at--;
    while (at > 0 && compare(row, rows[at - 1]!) < 0) {
      rows[at] = rows[at - 1]!;
      orders[at] = orders[at - 1]!;
      at--;
    }
    rows[at] = row;
    orders[at] = order;
    if (rows.length === k) this.last = rows[k - 1];
  }
}

interface Kept {
  readonly tuple: Tuple;
  readonly keys: readonly Value[];
  /** Input position: rows leave in input order. */
  readonly order: number;
}

/** A copy of the first `width` values with room (NULLs) for the window values. */
function widened(t: Tuple, width: number, outWidth: number): Tuple {
  const row: Tuple = new Array<Value>(outWidth);
  for (let i = 0; i < width; i++) row[i] = t[i] ?? null;
  for (let i = width; i < outWidth; i++) row[i] = null;
  return row;
}

function compareKeys(a: readonly Value[], b: readonly Value[], orderBy: readonly OrderKey[]): number {
  for (let i = 0; i < orderBy.length; i++) {
    const cmp = compareForOrder(a[i] ?? null, b[i] ?? null, orderBy[i]!);
    if (cmp !== 0) return cmp;
  }
  return 0;
}

function computeCall(call: WindowSpec, rows: readonly Tuple[], slot: number, env: RunEnv): void {
  const parts: number[][] = [];
  const partOf = groupFinder<number[]>(call.partitionBy, env, () => {
    const part: number[] = [];
    parts.push(part);
    return part;
  });
  for (let r = 0; r < rows.length; r++) partOf(rows[r]!).push(r);
  const orderBy = call.orderBy;
  const nk = orderBy.length;
  // Order keys are evaluated once per row, into one flat array: keys[r * nk + j].
  const keys: Value[] = new Array<Value>(rows.length * nk);
  for (let r = 0; r < rows.length; r++) for (let j = 0; j < nk; j++) keys[r * nk + j] = orderBy[j]!.key(rows[r]!, env);
  const compareRows = (a: number, b: number): number => {
    for (let j = 0; j < nk; j++) {
      const cmp = compareForOrder(keys[a * nk + j]!, keys[b * nk + j]!, orderBy[j]!);
      if (cmp !== 0) return cmp;
    }
    return 0;
  };
  for (const part of parts) {
    // Row numbers ascend within a partition and Array.prototype.sort is stable: ties keep input order.
    if (nk > 0) part.sort(compareRows);
    computePartition(call, rows, part, (a, b) => compareRows(part[a]!, part[b]!) === 0, slot, env);
  }
}

function computePartition(call: WindowSpec, rows: readonly Tuple[], part: readonly number[], peers: (a: number, b: number) => boolean, slot: number, env: RunEnv): void {
  const n = part.length;
  const set = (k: number, v: Value) => (rows[part[k]!]![slot] = v);
  const arg = (k: number, i = 0): Value => call.args[i]!(rows[part[k]!]!, env);
  switch (call.name) {
    case 'ROW_NUMBER':
      for (let k = 0; k < n; k++) set(k, k + 1);
      return;
    case 'RANK':
    case 'DENSE_RANK': {
      let rank = 0;
      let dense = 0;
      for (let k = 0; k < n; k++) {
        if (k === 0 || !peers(k - 1, k)) {
          rank = k + 1;
          dense++;
        }
        set(k, call.name === 'RANK' ? rank : dense);
      }
      return;
    }
    case 'NTILE': {
      const buckets = toNumber(arg(0), 'NTILE');
      const base = Math.floor(n / buckets);
      const extra = n % buckets;
      const big = extra * (base + 1);
      for (let k = 0; k < n; k++) set(k, k < big ? Math.floor(k / (base + 1)) + 1 : extra + Math.floor((k - big) / base) + 1);
      return;
    }
    case 'LAG':
    case 'LEAD': {
      for (let k = 0; k < n; k++) {
        const offset = call.args[1] ? toNumber(arg(k, 1), call.name) : 1;
        const at = call.name === 'LAG' ? k - offset : k + offset;
        set(k, at >= 0 && at < n ? arg(at) : call.args[2] ? arg(k, 2) : null);
      }
      return;
    }
    default:
      computeFramed(call, n, peers, set, arg);
  }
}

/** FIRST_VALUE, LAST_VALUE and the aggregates, over each row's frame [lo, hi]. */
function computeFramed(call: WindowSpec, n: number, peers: (a: number, b: number) => boolean, set: (k: number, v: Value) => void, arg: (k: number) => Value): void {
  const bounds = frameBounds(call, n, peers);
  const value = (k: number): Value => (call.args.length === 0 ? true : arg(k)); // COUNT(*) counts rows
  if (call.name === 'FIRST_VALUE' || call.name === 'LAST_VALUE') {
    for (let k = 0; k < n; k++) {
      const [lo, hi] = bounds(k);
      set(k, lo > hi ? null : arg(call.name === 'FIRST_VALUE' ? lo : hi));
    }
    return;
  }
  const name = call.name as 'SUM' | 'COUNT' | 'AVG' | 'MIN' | 'MAX';
  const running = frameStartsAtFirstRow(call);
  const acc = createAccumulator(name, false);
  let added = 0;
  for (let k = 0; k < n; k++) {
    const [lo, hi] = bounds(k);
    if (running) {
      // hi never decreases when every frame starts at row 0.
      for (; added <= hi; added++) acc.add(value(added));
      set(k, lo > hi ? createAccumulator(name, false).result() : acc.result());
      continue;
    }
    const each = createAccumulator(name, false);
    for (let j = lo; j <= hi; j++) each.add(value(j));
    set(k, each.result());
  }
}

function frameStartsAtFirstRow(call: WindowSpec): boolean {
  return call.frame === undefined || call.frame.start.kind === 'UnboundedPreceding';
}

/** Row k's frame as positions in the ordered partition; lo > hi is an empty frame. */
function frameBounds(call: WindowSpec, n: number, peers: (a: number, b: number) => boolean): (k: number) => [number, number] {
  const frame = call.frame;
  if (frame === undefined) {
    if (call.orderBy.length === 0) return () => [0, n - 1];
    // RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW: up to the last peer of the row.
    const last = lastPeers(n, peers);
    return (k) => [0, last[k]!];
  }
  const at = (b: WindowFrame['start'], k: number): number => {
    switch (b.kind) {
      case 'UnboundedPreceding':
        return 0;
      case 'Preceding':
        return k - b.offset;
      case 'CurrentRow':
        return k;
      case 'Following':
        return k + b.offset;
      case 'UnboundedFollowing':
        return n - 1;
    }
  };
  if (frame.unit === 'Range') {
    // CURRENT ROW in a RANGE frame means the row and all its peers.
    const first = frame.start.kind === 'CurrentRow' ? firstPeers(n, peers) : undefined;
    const last = frame.end.kind === 'CurrentRow' ? lastPeers(n, peers) : undefined;
    return (k) => {
      const lo = first ? first[k]! : at(frame.start, k);
      const hi = last ? last[k]! : at(frame.end, k);
      return [Math.max(0, lo), Math.min(n - 1, hi)];
    };
  }
  return (k) => [Math.max(0, at(frame.start, k)), Math.min(n - 1, at(frame.end, k))];
}

/** For each position, the last of its peers (computed once, so many ties cost no rescans). */
function lastPeers(n: number, peers: (a: number, b: number) => boolean): number[] {
  const last = new Array<number>(n);
  for (let k = n - 1; k >= 0; k--) last[k] = k + 1 < n && peers(k, k + 1) ? last[k + 1]! : k;
  return last;
}

function firstPeers(n: number, peers: (a: number, b: number) => boolean): number[] {
  const first = new Array<number>(n);
  for (let k = 0; k < n; k++) first[k] = k > 0 && peers(k - 1, k) ? first[k - 1]! : k;
  return first;
}
