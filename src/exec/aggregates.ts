/** Aggregate accumulators. NULLs are ignored; SUM/AVG/MIN/MAX of no values is NULL, COUNT is 0. */
import type { ColumnType, Value } from '../catalog/types.js';
import type { AggregateName } from '../sql/ir.js';
import { ValueMap } from './value-map.js';
import { compareValues, toNumber } from './values.js';

export interface Accumulator {
  add(value: Value): void;
  result(): Value;
}

export function aggregateType(name: AggregateName, argType: ColumnType | undefined): ColumnType {
  switch (name) {
    case 'COUNT':
      return 'Long';
    case 'AVG':
      return 'Double';
    case 'SUM':
      return argType === 'Int' || argType === 'Long' ? 'Long' : 'Double';
    case 'MIN':
    case 'MAX':
      return argType ?? 'String';
  }
}

/** `countStar` counts rows (the caller passes a non-null value per row). */
export function createAccumulator(name: AggregateName, distinct: boolean): Accumulator {
  const inner = create(name);
  if (!distinct) return inner;
  const seen = new ValueMap<true>();
  return {
    add(value) {
      if (value === null || seen.has(value)) return;
      seen.set(value, true);
      inner.add(value);
    },
    result: () => inner.result(),
  };
}

function create(name: AggregateName): Accumulator {
  switch (name) {
    case 'COUNT': {
      let count = 0;
      return { add: (v) => void (v !== null && count++), result: () => count };
    }
    case 'SUM': {
      let sum = 0;
      let any = false;
      return {
        add(v) {
          if (v === null) return;
          sum += toNumber(v, 'SUM');
          any = true;
        },
        result: () => (any ? sum : null),
      };
    }
    case 'AVG': {
      let sum = 0;
      let count = 0;
      return {
        add(v) {
          if (v === null) return;
          sum += toNumber(v, 'AVG');
          count++;
        },
        result: () => (count === 0 ? null : sum / count),
      };
    }
    case 'MIN':
    case 'MAX': {
      let best: Value = null;
      const wantLess = name === 'MIN';
      return {
        add(v) {
          if (v === null) return;
          if (best === null) {
            best = v;
            return;
          }
          const cmp = compareValues(v, best);
          if (cmp !== null && (wantLess ? cmp < 0 : cmp > 0)) best = v;
        },
        result: () => best,
      };
    }
  }
}
