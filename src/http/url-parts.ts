/** Path only: query strings may carry tokens, so they never go into messages. */
export function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return '(unparsable URL)';
  }
}

export function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}
