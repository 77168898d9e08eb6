/**
 * An OAuth endpoint (request/access token, code exchange, refresh) refused or failed.
 * Still an AuthError (code 'AUTH'); carries the HTTP status and the provider's own error code
 * so callers can tell "log in again" (Graph 190) from a transient failure.
 * Messages are built from the provider's error text with every known secret masked, and never
 * contain URLs (Graph token endpoints take tokens in the query string).
 */
import { redact } from '../log/logger.js';
import { AuthError } from '../errors.js';

export class OAuthEndpointError extends AuthError {
  constructor(
    message: string,
    /** HTTP status; 0 when no response arrived. */
    readonly status: number,
    /** The provider's code (`190`, `UNAUTHORIZED_ACCESS`, ...), when it sent one. */
    readonly apiCode?: string,
    readonly apiSubcode?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Masks the secrets of this exchange in provider text, then anything credential-shaped, and bounds the length. */
export function safeProviderText(text: string, secrets: ReadonlyArray<string | undefined>): string {
  const known = secrets.filter((s): s is string => typeof s === 'string' && s.length > 0);
  const oneLine = text.replace(/\s+/g, ' ').trim();
  const masked = redact(oneLine, known);
  return masked.length > 300 ? `${masked.slice(0, 300)}…` : masked;
}
