/**
 * A client that hangs up mid-request (a cancelled query, a timeout) makes reading the body fail with
 * "aborted" / ECONNRESET. That is the client's doing, not an emulator bug: it is not logged as one.
 */
export function isClientAbort(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ECONNRESET' || code === 'ECONNABORTED' || code === 'ERR_STREAM_PREMATURE_CLOSE' || error.message === 'aborted';
}
