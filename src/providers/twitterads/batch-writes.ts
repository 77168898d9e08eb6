/**
 * INSERT, UPDATE and DELETE on Campaigns and LineItems through the Ads API batch endpoints: up to
 * 40 operations a call, each batch applied all or nothing by the API. Rows name their account
 * with AccountId; UPDATE and DELETE, keyed by Id alone, act on the default account.
 */
import type { ApiColumn, ApiTableSchema } from '../../catalog/api-table-schema.js';
import { sourceOf } from '../../catalog/api-table-schema.js';
import type { Row, Value } from '../../catalog/types.js';
import type { WritableTable } from '../../connection/writes.js';
import { ApiError, PlanError } from '../../errors.js';
import { isIdOf } from '../../source/key-values.js';
import { tweetId, twitterAdsId } from '../../../schemas/twitterads/common.js';
import type { CallOptions } from '../api-client.js';
import type { TwitterAdsClient } from './client.js';

type Operation = { readonly operation_type: 'Create' | 'Update' | 'Delete'; readonly params: Record<string, string> };

/** API text for a value: whole-second UTC timestamps, booleans and numbers as text. */
export function apiParam(column: ApiColumn, value: Value): string {
  if (value === null) return '';
  if (value instanceof Date) return value.toISOString().replace(/\.\d{3}Z$/, 'Z');
  if (column.type === 'Boolean' && typeof value !== 'boolean') {
    const text = String(value).toLowerCase();
    if (text !== 'true' && text !== 'false' && text !== '1' && text !== '0') throw new PlanError(`${column.name} must be true or false, got ${JSON.stringify(value)}`);
    return text === 'true' || text === '1' ? 'true' : 'false';
  }
  return String(value);
}

export function batchWriter(schema: ApiTableSchema, client: TwitterAdsClient): WritableTable {
  const writes = schema.writes;
  if (!writes) throw new Error(`${schema.name} declares no writes`);
  const column = (name: string) => schema.columns.find((c) => c.name === name)!;
  const options = (signal: AbortSignal): CallOptions => ({ signal, onCall: () => {} });

  /** Sends operations for one account in batches; answers the ids the API returns, in order. */
  const send = async (accountId: string, operations: readonly Operation[], signal: AbortSignal): Promise<string[]> => {
    const ids: string[] = [];
    const path = writes.endpoint.replace(':account_id', encodeURIComponent(accountId));
    for (let i = 0; i < operations.length; i += writes.batchLimit) {
      const body = await client.write('POST', path, { json: operations.slice(i, i + writes.batchLimit) }, options(signal));
      const data = typeof body === 'object' && body !== null ? (body as { data?: unknown }).data : undefined;
      if (!Array.isArray(data)) throw new ApiError(`Malformed response from Twitter Ads for POST ${path}: expected {"data": [...]}`, 200, 'MALFORMED_RESPONSE');
      for (const item of data) ids.push(String((item as { id?: unknown }).id));
    }
    return ids;
  };

  const idFormat = schema.filters.find((f) => f.column === 'Id')?.idFormat ?? twitterAdsId;
  /** A key that cannot be an id of the API matches no row: it is not sent and not counted. */
  const byKey = async (keys: readonly string[], params: Record<string, string>, type: 'Update' | 'Delete', signal: AbortSignal) => {
    const ids = keys.filter((id) => isIdOf(idFormat, id));
    if (ids.length === 0) return 0;
    const account = await client.defaultAccount(options(signal));
    await send(account, ids.map((id) => ({ operation_type: type, params: { [writes.idParam]: id, ...params } })), signal);
    return ids.length;
  };

  return {
    table: schema.name,
    keyColumn: 'Id',
    ...(writes.insert
      ? {
          insert: {
            columns: [...writes.insert.required.map((name) => ({ name, required: true })), ...writes.insert.optional.map((name) => ({ name, required: false }))],
            async run(rows: readonly Row[], signal: AbortSignal) {
              const byAccount = new Map<string, Operation[]>();
              const order: Array<{ account: string; index: number }> = [];
              for (const row of rows) {
                const account = typeof row.AccountId === 'string' ? checkedId(row.AccountId, 'AccountId', schema.name) : await client.defaultAccount(options(signal));
                const params: Record<string, string> = {};
                for (const [name, value] of Object.entries(row)) if (name !== 'AccountId' && value !== null) params[sourceOf(column(name))] = apiParam(column(name), value);
                const list = byAccount.get(account) ?? [];
                byAccount.set(account, list);
                order.push({ account, index: list.length });
                list.push({ operation_type: 'Create', params });
              }
              const created = new Map<string, string[]>();
              for (const [account, operations] of byAccount) created.set(account, await send(account, operations, signal));
              return order.map(({ account, index }) => ({ Id: created.get(account)![index]!, AccountId: account }));
            },
          },
        }
      : {}),
    ...(writes.update
      ? {
          update: {
            columns: writes.update,
            run: (keys: readonly string[], values: Row, signal: AbortSignal) =>
              byKey(keys, Object.fromEntries(Object.entries(values).map(([name, value]) => [sourceOf(column(name)), apiParam(column(name), value)])), 'Update', signal),
          },
        }
      : {}),
    ...(writes.delete ? { delete: { run: (keys: readonly string[], signal: AbortSignal) => byKey(keys, {}, 'Delete', signal) } } : {}),
  };
}

/**
 * PromotedTweets: INSERT (LineItemId, TweetId) attaches tweets to a line item, 50 tweet ids a call;
 * DELETE detaches, one call per id. The API has no batch endpoint and no update for them.
 */
export function promotedTweetsWriter(client: TwitterAdsClient): WritableTable {
  const options = (signal: AbortSignal): CallOptions => ({ signal, onCall: () => {} });
  return {
    table: 'PromotedTweets',
    keyColumn: 'Id',
    insert: {
      columns: [
        { name: 'LineItemId', required: true },
        { name: 'TweetId', required: true },
        { name: 'AccountId', required: false },
      ],
      async run(rows, signal) {
        const groups = new Map<string, { account: string; lineItem: string; tweets: string[] }>();
        for (const [i, row] of rows.entries()) {
          if (typeof row.LineItemId !== 'string' || row.TweetId === null || row.TweetId === undefined) throw new PlanError(`INSERT INTO PromotedTweets, row ${i + 1}: LineItemId and TweetId are needed`);
          // One value is one id: '1,2,3' would otherwise attach three tweets.
          checkedId(row.LineItemId, 'LineItemId', 'PromotedTweets', i);
          checkedId(String(row.TweetId), 'TweetId', 'PromotedTweets', i, tweetId);
          const account = typeof row.AccountId === 'string' ? checkedId(row.AccountId, 'AccountId', 'PromotedTweets', i) : await client.defaultAccount(options(signal));
          const key = `${account}/${row.LineItemId}`;
          const group = groups.get(key) ?? { account, lineItem: row.LineItemId, tweets: [] };
          groups.set(key, group);
          group.tweets.push(String(row.TweetId));
        }
        const created: Row[] = [];
        for (const { account, lineItem, tweets } of groups.values()) {
          for (let i = 0; i < tweets.length; i += 50) {
            const path = `/accounts/${encodeURIComponent(account)}/promoted_tweets`;
            const body = await client.write('POST', path, { query: { line_item_id: lineItem, tweet_ids: tweets.slice(i, i + 50).join(',') } }, options(signal));
            const data = typeof body === 'object' && body !== null ? (body as { data?: unknown }).data : undefined;
            if (!Array.isArray(data)) throw new ApiError(`Malformed response from Twitter Ads for POST ${path}: expected {"data": [...]}`, 200, 'MALFORMED_RESPONSE');
            for (const item of data) created.push({ Id: String((item as { id?: unknown }).id), AccountId: account });
          }
        }
        return created;
      },
    },
    delete: {
      async run(keys, signal) {
        const ids = keys.filter((id) => isIdOf(twitterAdsId, id));
        if (ids.length === 0) return 0;
        const account = await client.defaultAccount(options(signal));
        for (const id of ids) await client.write('DELETE', `/accounts/${encodeURIComponent(account)}/promoted_tweets/${encodeURIComponent(id)}`, {}, options(signal));
        return ids.length;
      },
    },
  };
}

/** An id an INSERT names must be one id of the API: a PlanError before any call otherwise. */
function checkedId(value: string, column: string, table: string, row?: number, format = twitterAdsId): string {
  if (!isIdOf(format, value)) throw new PlanError(`INSERT INTO ${table}${row === undefined ? '' : `, row ${row + 1}`}: ${column} ${JSON.stringify(value)} is not a ${format.name} (e.g. '${format.example}')`);
  return value;
}
