/**
 * INSERT, UPDATE and DELETE on CustomAudiences: `POST accounts/:id/custom_audiences` (name,
 * description), `PUT …/custom_audiences/:id` and `DELETE …/custom_audiences/:id`, one call per row
 * (the API has no batch endpoint for audiences). Names are checked (1 to 255 characters) before any call.
 */
import type { Row, Value } from '../../catalog/types.js';
import type { WritableTable } from '../../connection/writes.js';
import { ApiError, PlanError } from '../../errors.js';
import { isIdOf } from '../../source/key-values.js';
import { twitterAdsId } from '../../../schemas/twitterads/common.js';
import type { CallOptions } from '../api-client.js';
import type { TwitterAdsClient } from './client.js';

const MAX_NAME = 255;

function checkedName(value: Value | undefined, where: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_NAME) {
    throw new PlanError(`${where}: Name must be text of 1 to ${MAX_NAME} characters, got ${typeof value === 'string' ? `${value.length} characters` : JSON.stringify(value ?? null)}`);
  }
  return value;
}

function fields(values: Row, where: string): Record<string, string> {
  const query: Record<string, string> = {};
  if ('Name' in values) query.name = checkedName(values.Name, where);
  if ('Description' in values) query.description = values.Description === null ? '' : String(values.Description);
  return query;
}

const idOf = (body: unknown, path: string): string => {
  const data = typeof body === 'object' && body !== null ? (body as { data?: { id?: unknown } }).data : undefined;
  if (typeof data?.id !== 'string') throw new ApiError(`Malformed response from Twitter Ads for POST ${path}: expected {"data": {"id": ...}}`, 200, 'MALFORMED_RESPONSE');
  return data.id;
};

export function customAudiencesWriter(client: TwitterAdsClient): WritableTable {
  const options = (signal: AbortSignal): CallOptions => ({ signal, onCall: () => {} });
  /** PUT or DELETE by id on the default account; an id the account does not have is a row that is not there. */
  const byKey = async (keys: readonly string[], method: 'PUT' | 'DELETE', query: Record<string, string>, signal: AbortSignal) => {
    const ids = keys.filter((id) => isIdOf(twitterAdsId, id));
    if (ids.length === 0) return 0;
    const account = await client.defaultAccount(options(signal));
    let applied = 0;
    for (const id of ids) {
      try {
        await client.write(method, `/accounts/${encodeURIComponent(account)}/custom_audiences/${encodeURIComponent(id)}`, { query }, options(signal));
        applied++;
      } catch (error) {
        if (!(error instanceof ApiError && error.status === 404)) throw error;
      }
    }
    return applied;
  };
  return {
    table: 'CustomAudiences',
    keyColumn: 'Id',
    insert: {
      columns: [
        { name: 'Name', required: true },
        { name: 'Description', required: false },
        { name: 'AccountId', required: false },
      ],
      async run(rows, signal) {
        const planned = rows.map((row, i) => {
          const where = `INSERT INTO CustomAudiences, row ${i + 1}`;
          const account = row.AccountId === undefined || row.AccountId === null ? undefined : String(row.AccountId);
          if (account !== undefined && !isIdOf(twitterAdsId, account)) throw new PlanError(`${where}: AccountId ${JSON.stringify(account)} is not a Twitter Ads id (e.g. '${twitterAdsId.example}')`);
          return { account, query: fields(row, where) };
        });
        const created: Row[] = [];
        for (const { account, query } of planned) {
          const id = account ?? (await client.defaultAccount(options(signal)));
          const path = `/accounts/${encodeURIComponent(id)}/custom_audiences`;
          created.push({ Id: idOf(await client.write('POST', path, { query }, options(signal)), path), AccountId: id });
        }
        return created;
      },
    },
    update: {
      columns: ['Name', 'Description'],
      run: (keys, values, signal) => byKey(keys, 'PUT', fields(values, 'UPDATE CustomAudiences'), signal),
    },
    delete: { run: (keys, signal) => byKey(keys, 'DELETE', {}, signal) },
  };
}
