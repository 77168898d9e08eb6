/**
 * The business account a request is made for or on (hashtag search's `user_id`, the node that
 * business discovery and mentions are read as fields of): the query's AccountId, else the connection's.
 */
import { graphId } from '../../../schemas/instagram/common.js';
import { plannedKey, type KeyColumn } from '../../source/key-column.js';
import type { InstagramClient } from './client.js';

/** AccountId as a key column whose value goes to `name` (`user_id`, `ig_user_id`). */
export function businessAccountKey(name: string): KeyColumn {
  return plannedKey('AccountId', ['='], { name, idFormat: graphId, note: 'default: the business account' });
}

/** The connection's business account when known without a call (BusinessAccountId, or found by an earlier query). */
export function knownAccount(client: InstagramClient, known: { account?: string }): string | undefined {
  const configured = client.describeDefault('businessAccount');
  return known.account ?? (/^\d+$/.test(configured) ? configured : undefined);
}
