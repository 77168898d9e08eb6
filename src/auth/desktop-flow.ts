/**
 * The desktop flow's middle: listen on CallbackURL, open the authorization page in the user's
 * browser, and wait for the redirect that carries the verifier or code.
 */
import { openBrowser } from './browser.js';
import { startCallbackListener, type CallbackExpectation } from './callback-listener.js';

export interface BrowserAuthorization {
  /** The redirect's query (code and state, or oauth_token and oauth_verifier). */
  readonly query: URLSearchParams;
  /** CallbackURL as actually listened on (port 0 becomes a real port). */
  readonly callbackUrl: string;
}

export async function authorizeInBrowser(options: {
  readonly callbackUrl: string;
  /** Builds the authorization URL once the listener knows its address. */
  readonly begin: (callbackUrl: string) => Promise<{ readonly url: string; readonly expect: CallbackExpectation }>;
  readonly env?: NodeJS.ProcessEnv;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  readonly onOpen?: (url: string) => void;
}): Promise<BrowserAuthorization> {
  const listener = await startCallbackListener({ callbackUrl: options.callbackUrl });
  try {
    const { url, expect } = await options.begin(listener.callbackUrl);
    const redirect = listener.next(expect, { timeoutMs: options.timeoutMs ?? 5 * 60_000, ...(options.signal ? { signal: options.signal } : {}) });
    redirect.catch(() => undefined); // awaited below, after the browser starts
    options.onOpen?.(url);
    await openBrowser(url, options.env);
    return { query: await redirect, callbackUrl: listener.callbackUrl };
  } finally {
    await listener.close();
  }
}
