/**
 * Replaces `?` and `@name` with literal values in the IR. Values are never spliced into SQL
 * text, so a value such as `x' OR '1'='1` stays one string.
 */
import type { Value } from '../catalog/types.js';
import { PlanError } from '../errors.js';
import type { ParamRef, Statement } from './ir.js';
import { forEachExpr, mapStatement } from './transform.js';

export type ParameterValues = readonly Value[] | Readonly<Record<string, Value>>;

export function bindParameters(statement: Statement, params: ParameterValues | undefined): Statement {
  const refs: ParamRef[] = [];
  forEachExpr(statement, (e) => {
    if (e.kind === 'Param') refs.push(e.ref);
  });
  const positional = Array.isArray(params) ? (params as readonly Value[]) : undefined;
  const named = params !== undefined && !Array.isArray(params) ? (params as Readonly<Record<string, Value>>) : undefined;
  const positionalCount = refs.filter((r) => r.kind === 'Positional').length;
  if (positional !== undefined && positional.length > positionalCount) {
    throw new PlanError(`${positional.length} positional parameter values were given but the statement has ${positionalCount} ? placeholder(s)`);
  }
  if (refs.length === 0) return statement;
  return mapStatement(statement, (e) => (e.kind === 'Param' ? { kind: 'Literal', value: valueOf(e.ref) } : e));

  function valueOf(ref: ParamRef): Value {
    if (ref.kind === 'Positional') {
      if (positional === undefined || ref.index >= positional.length) {
        throw new PlanError(`No value for parameter ? number ${ref.index + 1}: pass an array with ${positionalCount} value(s)`);
      }
      return checked(positional[ref.index], `? number ${ref.index + 1}`);
    }
    const value = named === undefined ? undefined : lookupNamed(named, ref.name);
    if (value === undefined) throw new PlanError(`No value for parameter @${ref.name}`);
    return checked(value, `@${ref.name}`);
  }
}

function lookupNamed(values: Readonly<Record<string, Value>>, name: string): Value | undefined {
  for (const key of [name, `@${name}`]) if (Object.prototype.hasOwnProperty.call(values, key)) return values[key];
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(values)) if (key.replace(/^@/, '').toLowerCase() === lower) return value;
  return undefined;
}

function checked(value: unknown, label: string): Value {
  if (value === null || typeof value === 'string' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new PlanError(`Parameter ${label} is not a finite number`);
    return value;
  }
  if (value === undefined) throw new PlanError(`Parameter ${label} is undefined; pass null for NULL`);
  if (typeof value === 'bigint') return Number(value);
  throw new PlanError(`Parameter ${label} has unsupported type ${typeof value}`);
}
