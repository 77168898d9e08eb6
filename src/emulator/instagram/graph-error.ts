// The Graph API error model: an HTTP status plus
// {"error":{message,type,code,error_subcode?,...,fbtrace_id}}.
import { randomBytes } from 'node:crypto';
import { LATEST_VERSION as LATEST } from './versions.js';

export interface GraphErrorFields {
  message: string;
  type: string;
  code: number;
  error_subcode?: number;
  error_data?: unknown;
  is_transient?: boolean;
  error_user_title?: string;
  error_user_msg?: string;
}

export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly fields: GraphErrorFields,
  ) {
    super(fields.message);
  }

  body(): { error: GraphErrorFields & { fbtrace_id: string } } {
    return { error: { ...this.fields, fbtrace_id: fbtraceId() } };
  }
}

/** fbtrace ids look like "AVul-nTRBqOlFGJxWKQv1g-": opaque, different on every response. */
export function fbtraceId(): string {
  return randomBytes(17).toString('base64url').slice(0, 23);
}

/** "(#100) ..." errors: invalid parameters. */
export function invalidParam(message: string, extra: Partial<GraphErrorFields> = {}): GraphError {
  return new GraphError(400, { message: `(#100) ${message}`, type: 'OAuthException', code: 100, ...extra });
}

export function nonexistingField(field: string, nodeType: string): GraphError {
  return invalidParam(`Tried accessing nonexisting field (${field}) on node type (${nodeType})`);
}

/** 100/33: the id is unknown, deleted, or does not support the operation. */
export function unsupportedRequest(method: string, id: string): GraphError {
  const verb = method === 'POST' ? 'post' : method === 'DELETE' ? 'delete' : 'get';
  return new GraphError(400, {
    message: `Unsupported ${verb} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
    type: 'GraphMethodException',
    code: 100,
    error_subcode: 33,
  });
}

export function unknownPath(components: string): GraphError {
  return new GraphError(400, { message: `Unknown path components: ${components}`, type: 'OAuthException', code: 2500 });
}

/** A version older than the oldest one served. */
export function deprecatedVersion(): GraphError {
  return new GraphError(400, {
    message: `(#2635) You are calling a deprecated version of the Graph API. Please update to the latest version: ${LATEST}.`,
    type: 'OAuthException',
    code: 2635,
  });
}

export function unknownError(): GraphError {
  return new GraphError(500, { message: 'An unknown error occurred', type: 'OAuthException', code: 1, is_transient: true });
}

export function serviceUnavailable(): GraphError {
  return new GraphError(503, {
    message: 'An unexpected error has occurred. Please retry your request later.',
    type: 'OAuthException',
    code: 2,
    is_transient: true,
  });
}
