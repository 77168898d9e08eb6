/**
 * Every error socialsql throws. Each class has a stable `code` that scripts can match on.
 * Messages never contain secrets: callers pass only public facts (names, statuses, API codes).
 */
export abstract class SocialSqlError extends Error {
  abstract readonly code: string;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Bad SQL text. `line` and `column` are 1-based positions in the statement text. */
export class SqlSyntaxError extends SocialSqlError {
  readonly code = 'SQL_SYNTAX';
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${message} (line ${line}, column ${column})`);
  }
}

/** The statement is valid SQL but cannot be planned: unknown name, missing required filter, bad value. */
export class PlanError extends SocialSqlError {
  readonly code = 'PLAN';
}

/** A bad, unknown or inconsistent connection-string property. */
export class ConnectionStringError extends SocialSqlError {
  readonly code = 'CONNECTION_STRING';
}

/** Credentials are missing, rejected or expired. */
export class AuthError extends SocialSqlError {
  readonly code = 'AUTH';
}

/** The API's rate limit is spent and waiting would exceed MaxRateLimitDelay. */
export class RateLimitError extends SocialSqlError {
  readonly code = 'RATE_LIMIT';
  constructor(
    message: string,
    /** When the window resets. */
    readonly resetAt: Date,
    /** True when the API gave no usable reset time and `resetAt` is socialsql's estimate. */
    readonly resetEstimated = false,
  ) {
    super(message);
  }
}

/** The API answered with an error, or with a body that is not what its documentation promises. */
export class ApiError extends SocialSqlError {
  readonly code = 'API';
  constructor(
    message: string,
    /** HTTP status; 0 when no response arrived (network failure, timeout). */
    readonly status: number,
    /** The API's own error code (`INVALID_PARAMETER`, `190`, ...), when it sent one. */
    readonly apiCode?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The query was cancelled through its AbortSignal. */
export class CancelledError extends SocialSqlError {
  readonly code = 'CANCELLED';
  constructor() {
    super('The query was cancelled');
  }
}

/** The query ran longer than its `timeoutMs` option allowed; distinct from a cancellation by the caller. */
export class TimeoutError extends SocialSqlError {
  readonly code = 'TIMEOUT';
  constructor(readonly timeoutMs: number) {
    super(`The query took longer than its timeout of ${timeoutMs} ms`);
  }
}

/** The configuration file (named connections, `[serve.users.*]`) is missing, unreadable or invalid. */
export class ConfigError extends SocialSqlError {
  readonly code = 'CONFIG';
}

/** The replication target (CacheLocation, `sync --to`) is unreachable, malformed or refused a write. */
export class TargetError extends SocialSqlError {
  readonly code = 'TARGET';
}
