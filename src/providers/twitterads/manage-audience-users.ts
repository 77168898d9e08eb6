/**
 * CData's ManageAudienceUsers procedure: adds users to a custom audience or removes them
 * (`POST accounts/:id/custom_audiences/:id/users`, Update or Delete operations). Identifiers are
 * normalised as the X Ads API documents (emails and handles trimmed and lower-cased, handles
 * without '@', Twitter ids as integers, device ids lower-cased) and sent SHA-256 hashed, never in
 * clear; partner ids are the partner's own and go as given. 2,500 users a call.
 */
import { createHash } from 'node:crypto';
import type { Row, Value } from '../../catalog/types.js';
import type { Procedure } from '../../connection/sql-connection.js';
import { ApiError, PlanError } from '../../errors.js';
import { isIdOf } from '../../source/key-values.js';
import { twitterAdsId } from '../../../schemas/twitterads/common.js';
import { parseDateLiteral } from '../../sql/date-literal.js';
import type { CallOptions } from '../api-client.js';
import type { TwitterAdsClient } from './client.js';

export const USERS_PER_CALL = 2_500;

type UserKey = 'email' | 'device_id' | 'handle' | 'twitter_id' | 'partner_user_id';

/** Procedure parameter → the API's user identifier, and how a value is normalised (undefined: not valid). */
const identifiers: ReadonlyArray<{ readonly parameter: string; readonly key: UserKey; readonly normalise: (v: string) => string | undefined; readonly hashed: boolean }> = [
  { parameter: 'UserEmail', key: 'email', normalise: (v) => (/^[^@\s]+@[^@\s]+$/.test(v.trim()) ? v.trim().toLowerCase() : undefined), hashed: true },
  { parameter: 'UserDeviceID', key: 'device_id', normalise: (v) => (v.trim() === '' ? undefined : v.trim().toLowerCase()), hashed: true },
  { parameter: 'UserHandle', key: 'handle', normalise: (v) => (/^@?\w{1,15}$/.test(v.trim()) ? v.trim().replace(/^@/, '').toLowerCase() : undefined), hashed: true },
  { parameter: 'UserTwitterID', key: 'twitter_id', normalise: (v) => (/^\d{1,20}$/.test(v.trim()) ? String(BigInt(v.trim())) : undefined), hashed: true },
  { parameter: 'PartnerId', key: 'partner_user_id', normalise: (v) => (v.trim() === '' ? undefined : v.trim()), hashed: false },
];

export const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

export interface AudienceUsersRequest {
  readonly account?: string;
  readonly audience: string;
  readonly operation: 'Update' | 'Delete';
  readonly users: ReadonlyArray<Partial<Record<UserKey, string[]>>>;
  readonly effectiveAt?: string;
  readonly expiresAt?: string;
}

/** The procedure's arguments as the API's request, checked before any call. Values are comma-separated lists. */
export function audienceUsersRequest(args: ReadonlyMap<string, Value>): AudienceUsersRequest {
  const text = (name: string) => {
    const v = args.get(name);
    return v === undefined || v === null ? undefined : v instanceof Date ? v.toISOString() : String(v);
  };
  const audience = text('AudienceId') ?? '';
  if (!isIdOf(twitterAdsId, audience)) throw new PlanError(`ManageAudienceUsers: AudienceId ${JSON.stringify(audience)} is not a Twitter Ads id (e.g. '${twitterAdsId.example}')`);
  const account = text('AccountId');
  if (account !== undefined && !isIdOf(twitterAdsId, account)) throw new PlanError(`ManageAudienceUsers: AccountId ${JSON.stringify(account)} is not a Twitter Ads id`);
  const given = (text('OperationType') ?? 'Update').toLowerCase();
  if (given !== 'update' && given !== 'delete') throw new PlanError(`ManageAudienceUsers: OperationType is Update (add users) or Delete (remove them), got ${JSON.stringify(text('OperationType'))}`);
  const users: Array<Partial<Record<UserKey, string[]>>> = [];
  for (const id of identifiers) {
    const values = (text(id.parameter) ?? '').split(',').filter((v) => v.trim() !== '');
    values.forEach((value, i) => {
      const normal = id.normalise(value);
      // The value itself stays out of the message: it is personal data.
      if (normal === undefined) throw new PlanError(`ManageAudienceUsers: value ${i + 1} of @${id.parameter} is not a valid ${id.key.replace('_', ' ')}`);
      users.push({ [id.key]: [id.hashed ? sha256(normal) : normal] });
    });
  }
  if (users.length === 0) throw new PlanError(`ManageAudienceUsers needs users: @UserEmail, @UserDeviceID, @UserHandle, @UserTwitterID or @PartnerId (comma-separated values)`);
  const time = (name: string) => {
    const value = args.get(name);
    if (value === undefined || value === null) return undefined;
    const date = value instanceof Date ? value : parseDateLiteral(String(value));
    if (!date) throw new PlanError(`ManageAudienceUsers: @${name} must be a timestamp, e.g. '2026-12-01T00:00:00Z'`);
    return date.toISOString().replace(/\.000Z$/, 'Z');
  };
  const effectiveAt = time('EffectiveAt');
  const expiresAt = time('ExpiresAt');
  if (effectiveAt && expiresAt && Date.parse(expiresAt) <= Date.parse(effectiveAt)) throw new PlanError('ManageAudienceUsers: @ExpiresAt must be after @EffectiveAt');
  return { ...(account ? { account } : {}), audience, operation: given === 'update' ? 'Update' : 'Delete', users, ...(effectiveAt ? { effectiveAt } : {}), ...(expiresAt ? { expiresAt } : {}) };
}

/** The request bodies: one per 2,500 users, each one operation. */
export function audienceUsersBodies(request: AudienceUsersRequest): unknown[][] {
  const bodies: unknown[][] = [];
  for (let i = 0; i < request.users.length; i += USERS_PER_CALL) {
    const params = {
      users: request.users.slice(i, i + USERS_PER_CALL),
      ...(request.effectiveAt ? { effective_at: request.effectiveAt } : {}),
      ...(request.expiresAt ? { expires_at: request.expiresAt } : {}),
    };
    bodies.push([{ operation_type: request.operation, params }]);
  }
  return bodies;
}

export function manageAudienceUsers(client: TwitterAdsClient): Procedure {
  return {
    name: 'ManageAudienceUsers',
    description: 'Adds users to a custom audience (OperationType Update) or removes them (Delete); identifiers are normalised and sent SHA-256 hashed, 2,500 a call.',
    parameters: [
      { name: 'AudienceId', type: 'String', required: true, description: 'The custom audience.' },
      { name: 'OperationType', type: 'String', required: false, description: 'Update (add, the default) or Delete (remove).' },
      { name: 'UserEmail', type: 'String', required: false, description: 'Comma-separated email addresses (trimmed, lower-cased, hashed).' },
      { name: 'UserDeviceID', type: 'String', required: false, description: 'Comma-separated device ids: IDFA, AdID or Android id (lower-cased, hashed).' },
      { name: 'UserHandle', type: 'String', required: false, description: 'Comma-separated @handles (without @, lower-cased, hashed).' },
      { name: 'UserTwitterID', type: 'String', required: false, description: 'Comma-separated numeric user ids (hashed).' },
      { name: 'PartnerId', type: 'String', required: false, description: 'Comma-separated partner user ids (sent as given).' },
      { name: 'EffectiveAt', type: 'Datetime', required: false, description: 'When the users take effect.' },
      { name: 'ExpiresAt', type: 'Datetime', required: false, description: 'When the users expire; after EffectiveAt.' },
      { name: 'AccountId', type: 'String', required: false, description: 'The ads account; default: the AccountId property, else the first account.' },
    ],
    results: [
      { name: 'AccountId', type: 'String' },
      { name: 'AudienceId', type: 'String' },
      { name: 'Success', type: 'Boolean' },
      { name: 'UsersAffected', type: 'Long' },
      { name: 'ErrorMessage', type: 'String' },
    ],
    async run(args, signal): Promise<Row[]> {
      const request = audienceUsersRequest(args);
      const options: CallOptions = { signal, onCall: () => {} };
      const account = request.account ?? (await client.defaultAccount(options));
      const path = `/accounts/${encodeURIComponent(account)}/custom_audiences/${encodeURIComponent(request.audience)}/users`;
      let affected = 0;
      let sent = 0;
      for (const body of audienceUsersBodies(request)) {
        const answer = await client.write('POST', path, { json: body }, options);
        const data = typeof answer === 'object' && answer !== null ? (answer as { data?: { success_count?: unknown; total_count?: unknown } }).data : undefined;
        if (typeof data?.success_count !== 'number' || typeof data.total_count !== 'number') {
          throw new ApiError(`Malformed response from Twitter Ads for POST ${path}: expected {"data": {"success_count", "total_count"}}`, 200, 'MALFORMED_RESPONSE');
        }
        affected += data.success_count;
        sent += ((body[0] as { params: { users: unknown[] } }).params.users).length;
      }
      // The API says a count that differs from the users sent is an error to retry.
      const complete = affected === sent;
      return [{ AccountId: account, AudienceId: request.audience, Success: complete, UsersAffected: affected, ErrorMessage: complete ? null : `the API processed ${affected} of ${sent} users; send the request again` }];
    },
  };
}
