/**
 * `Error [CODE]: message`, the one way the CLI reports errors. Only the message is
 * printed: never the error object, its properties or its `cause` chain, which may hold
 * request details. The connector guarantees messages are free of secrets.
 */
export function formatError(error: unknown, debug = false): string {
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : 'Unexpected error';
  const code = errorCode(error);
  let text = code === undefined ? `Error: ${message}` : `Error [${code}]: ${message}`;
  // SOCIALSQL_DEBUG=1 adds the stack frames (not the message again, and not the cause).
  if (debug && error instanceof Error && error.stack !== undefined) {
    const frames = error.stack.split('\n').filter((line) => /^\s+at /.test(line));
    if (frames.length > 0) text += `\n${frames.join('\n')}`;
  }
  return text;
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const code = error.code;
  return typeof code === 'string' || typeof code === 'number' ? String(code) : undefined;
}

export function isDebug(env: Readonly<Record<string, string | undefined>>): boolean {
  return env.SOCIALSQL_DEBUG === '1';
}
