/**
 * Window functions. Reads its whole input, then for each call: splits the rows into partitions,
 * orders each partition (stable), and computes the function over each row's frame. Call i's value
 * goes to slot `width + i`; rows leave in input order. Frames that start at the partition's first
 * row (the default, and ROWS BETWEEN UNBOUNDED PRECEDING AND ...) are accumulated incrementally.
 */
import type { Value } from '../../catalog/types.js';
import type { WindowFrame, WindowFunctionName } from '../../sql/ir.js';
import { createAccumulator } from '../aggregates.js';
import { chunks } from '../batch.js';
import type { RunEnv, Tuple } from '../env.js';
import { throwIfCancelled } from '../env.js';
import type { Evaluator } from '../evaluate.js';
import type { PlanNode } from '../plan-node.js';
import { compareValues, groupKey, toNumber, toText } from '../values.js';

export interface WindowSpec {
  readonly name: WindowFunctionName;
  readonly args: readonly Evaluator[];
  readonly partitionBy: readonly Evaluator[];
  readonly orderBy: readonly { readonly key: Evaluator; readonly desc: boolean; readonly nullsFirst: boolean }[];
  readonly frame?: WindowFrame;
}

export class WindowOperator implements PlanNode {
  readonly produced = { rows: 0 };

  constructor(
    private readonly input: PlanNode,
    private readonly calls: readonly WindowSpec[],
    private readonly width: number,
  ) {}

  async *batches(env: RunEnv): AsyncIterable<readonly Tuple[]> {
    const rows: Tuple[] = [];
    for await (const batch of this.input.batches(env)) {
      throwIfCancelled(env.signal);
      for (const t of batch) {
        const row = t.length === this.width ? t.slice() : t.slice(0, this.width);
        for (let i = 0; i < this.calls.length; i++) row.push(null);
        rows.push(row);
      }
    }
    this.calls.forEach((call, i) => computeCall(call, rows, this.width + i, env));
    for (const batch of chunks(rows)) {
      this.produced.rows += batch.length;
      yield batch;
    }
  }
}

function computeCall(call: WindowSpec, rows: readonly Tuple[], slot: number, env: RunEnv): void {
  const partitions = new Map<string, number[]>();
  for (let r = 0; r < rows.length; r++) {
    const key = call.partitionBy.length === 0 ? '' : groupKey(call.partitionBy.map((p) => p(rows[r]!, env)));
    let part = partitions.get(key);
    if (part === undefined) partitions.set(key, (part = []));
    part.push(r);
  }
  for (const part of partitions.values()) {
    const keys = part.map((r) => call.orderBy.map((o) => o.key(rows[r]!, env)));
    const order = part.map((_r, i) => i).sort((a, b) => compareKeys(keys[a]!, keys[b]!, call.orderBy));
    const sorted = order.map((i) => part[i]!);
    const sortedKeys = order.map((i) => keys[i]!);
    const peers = (a: number, b: number) => compareKeys(sortedKeys[a]!, sortedKeys[b]!, call.orderBy) === 0;
    computePartition(call, rows, sorted, peers, slot, env);
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
    return (k) => {
      let hi = k;
      while (hi + 1 < n && peers(k, hi + 1)) hi++;
      return [0, hi];
    };
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
    return (k) => {
      let lo = frame.start.kind === 'CurrentRow' ? k : at(frame.start, k);
      let hi = frame.end.kind === 'CurrentRow' ? k : at(frame.end, k);
      if (frame.start.kind === 'CurrentRow') while (lo > 0 && peers(k, lo - 1)) lo--;
      if (frame.end.kind === 'CurrentRow') while (hi + 1 < n && peers(k, hi + 1)) hi++;
      return [Math.max(0, lo), Math.min(n - 1, hi)];
    };
  }
  return (k) => [Math.max(0, at(frame.start, k)), Math.min(n - 1, at(frame.end, k))];
}

function compareKeys(a: readonly Value[], b: readonly Value[], orderBy: WindowSpec['orderBy']): number {
  for (let i = 0; i < orderBy.length; i++) {
    const x = a[i] ?? null;
    const y = b[i] ?? null;
    const o = orderBy[i]!;
    if (x === null || y === null) {
      if (x === y) continue;
      return (x === null) === o.nullsFirst ? -1 : 1;
    }
    let cmp = compareValues(x, y);
    if (cmp === null) cmp = toText(x) < toText(y) ? -1 : toText(x) > toText(y) ? 1 : 0;
    if (cmp !== 0) return o.desc ? -cmp : cmp;
  }
  return 0;
}
