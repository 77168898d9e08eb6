// Installed-package check: the declarations, compiled with tsc --noEmit under several resolutions.
import { connect, PROVIDER_NAMES, type Field, type Params, type QueryOptions, type QueryResult, type Row, TimeoutError } from 'socialsql';
import { connect as connectTwitterAds, type TwitterAdsConnectOptions, RateLimitError } from 'socialsql/twitterads';
import { connect as connectInstagram, type InstagramConnectOptions, ApiError } from 'socialsql/instagram';

export async function report(): Promise<void> {
  const options: TwitterAdsConnectOptions = { OAuthClientId: 'id', InitiateOAuth: 'REFRESH', Timeout: 30, Emulator: true };
  const conn = await connectTwitterAds(options);
  try {
    const params: Params = ['18ce54d4x5t'];
    const queryOptions: QueryOptions = { timeoutMs: 5_000, signal: AbortSignal.timeout(10_000) };
    const result: QueryResult = await conn.query('SELECT Id FROM Campaigns WHERE AccountId = ?', params, queryOptions);
    const first: Row | undefined = result.rows[0];
    const fields: readonly Field[] = await conn.stream('SELECT Id FROM Campaigns').fields;
    void first;
    void fields;
  } finally {
    await conn.close();
  }
  const ig: InstagramConnectOptions = { connection: 'agency-eu', BusinessAccountId: '1784' };
  const other = await connectInstagram(ig);
  await other[Symbol.asyncDispose]();
  const viaRoot = await connect({ provider: 'twitterads', AccountId: 'a1' });
  await viaRoot.close();
  const names: readonly string[] = PROVIDER_NAMES;
  void names;
  // @ts-expect-error: Timeout is a number
  void connectTwitterAds({ Timeout: 'soon' });
  // @ts-expect-error: an unknown property is a type error
  void connectInstagram({ BusinesAccountId: '1' });
  // @ts-expect-error: InitiateOAuth takes one of its modes
  void connectTwitterAds({ InitiateOAuth: 'SOMETIMES' });
  const errors = [new TimeoutError(1).code, new RateLimitError('x', new Date()).code, new ApiError('x', 500).code];
  void errors;
}
