/** socialsql's errors as PostgreSQL ErrorResponse fields, with the SQLSTATEs clients act on. */
import { ApiError, AuthError, CancelledError, ConnectionStringError, PlanError, RateLimitError, SocialSqlError, SqlSyntaxError } from '../errors.js';
import type { ErrorFields } from './wire/backend-messages.js';

/** A write by a user of `serve` who may only read (SQLSTATE 42501). */
export class WriteNotAllowedError extends PlanError {}

/** `position`: maps a 1-based line/column of the engine's text to a 1-based position in the client's text. */
export function errorFieldsOf(error: unknown, position?: (line: number, column: number) => number): ErrorFields {
  if (error instanceof SqlSyntaxError) {
    return { severity: 'ERROR', code: '42601', message: stripPosition(error.message), ...(position ? { position: position(error.line, error.column) } : {}) };
  }
  if (error instanceof CancelledError) return { severity: 'ERROR', code: '57014', message: 'canceling statement due to user request' };
  if (error instanceof RateLimitError) {
    return { severity: 'ERROR', code: '53400', message: error.message, detail: `The API's rate limit resets at ${error.resetAt.toISOString()}.` };
  }
  if (error instanceof WriteNotAllowedError) return { severity: 'ERROR', code: '42501', message: error.message };
  if (error instanceof PlanError) {
    const code = /^Unknown table/.test(error.message) ? '42P01' : /^Unknown column/.test(error.message) ? '42703' : /^Unknown procedure/.test(error.message) ? '42883' : '42000';
    return { severity: 'ERROR', code, message: error.message };
  }
  if (error instanceof AuthError) return { severity: 'ERROR', code: '28000', message: error.message };
  if (error instanceof ApiError) {
    return { severity: 'ERROR', code: '58000', message: error.message, detail: `HTTP ${error.status}${error.apiCode ? `, API code ${error.apiCode}` : ''}` };
  }
  if (error instanceof ConnectionStringError) return { severity: 'ERROR', code: '08006', message: error.message };
  if (error instanceof SocialSqlError) return { severity: 'ERROR', code: 'XX000', message: error.message };
  // PGlite (the catalog database) raises PostgreSQL's own errors.
  const pg = error as { code?: unknown; message?: unknown; position?: unknown; detail?: unknown; hint?: unknown };
  if (typeof pg?.code === 'string' && /^[0-9A-Z]{5}$/.test(pg.code) && typeof pg.message === 'string') {
    return {
      severity: 'ERROR',
      code: pg.code,
      message: pg.message,
      ...(typeof pg.detail === 'string' ? { detail: pg.detail } : {}),
      ...(typeof pg.hint === 'string' ? { hint: pg.hint } : {}),
      ...(typeof pg.position === 'string' && /^\d+$/.test(pg.position) ? { position: Number(pg.position) } : {}),
    };
  }
  return { severity: 'ERROR', code: 'XX000', message: 'internal error' };
}

function stripPosition(message: string): string {
  return message.replace(/ \(line \d+, column \d+\)$/, '');
}
