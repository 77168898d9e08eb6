// The Ads API error model: an HTTP status plus CAPS_CASE codes, serialised as
// {"errors":[{code,message,parameter?}],"request":{"params":{...}}}.

export interface ApiErrorDetail {
  code: string;
  message: string;
  parameter?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly details: ApiErrorDetail[],
    /** Extra response headers, e.g. retry-after on 503. */
    readonly headers: Record<string, string> = {},
  ) {
    super(details.map((d) => `${d.code}: ${d.message}`).join('; '));
  }
}

export function invalidParameter(parameter: string, message: string): ApiError {
  return new ApiError(400, [{ code: 'INVALID_PARAMETER', message, parameter }]);
}

export function missingParameter(parameter: string): ApiError {
  return new ApiError(400, [{ code: 'MISSING_PARAMETER', message: `${parameter} is required`, parameter }]);
}

export function invalidTimeWindow(parameter: string, message: string): ApiError {
  return new ApiError(400, [{ code: 'INVALID_TIME_WINDOW', message, parameter }]);
}

export function notFound(message = 'The requested resource was not found'): ApiError {
  return new ApiError(404, [{ code: 'NOT_FOUND', message }]);
}

export function unauthorized(message: string): ApiError {
  return new ApiError(401, [{ code: 'UNAUTHORIZED_ACCESS', message }]);
}

export function errorBody(error: ApiError, params: Record<string, unknown>): unknown {
  return { errors: error.details, request: { params } };
}
