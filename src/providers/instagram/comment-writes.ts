/**
 * Writes on Comments and Replies: INSERT posts a comment or reply, UPDATE sets Hidden, DELETE
 * removes. Every row is validated before the first call.
 */
import type { Row } from '../../catalog/types.js';
import type { WritableTable } from '../../connection/writes.js';
import { PlanError } from '../../errors.js';
import { isIdOf } from '../../source/key-values.js';
import { graphId } from '../../../schemas/instagram/common.js';
import type { CallOptions } from '../api-client.js';
import { checkCommentText } from './comment-rules.js';
import type { InstagramClient } from './client.js';

const idOf = (body: unknown, path: string): string => {
  const id = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).id : undefined;
  if (typeof id !== 'string') throw new PlanError(`POST ${path} answered without an id`);
  return id;
};

/** Keys that can be Graph ids; any other matches no comment, so it is not sent (`..` would move the path). */
function graphIds(keys: readonly string[]): string[] {
  return keys.filter((id) => isIdOf(graphId, id));
}

function callOptions(signal: AbortSignal): CallOptions {
  return { signal, onCall: () => {} };
}

/** INSERT INTO <table> (<parent>, Text): POST /{parent}/<edge>?message=. */
function insertUnder(client: InstagramClient, table: string, parent: string, edge: string): NonNullable<WritableTable['insert']> {
  return {
    columns: [
      { name: parent, required: true },
      { name: 'Text', required: true },
    ],
    async run(rows, signal) {
      const checked = rows.map((row, i) => {
        const where = `INSERT INTO ${table}, row ${i + 1}`;
        const parentId = row[parent];
        if (typeof parentId !== 'string' || !isIdOf(graphId, parentId)) throw new PlanError(`${where}: ${parent} must be a ${graphId.name} (e.g. '${graphId.example}')`);
        return { parentId, text: checkCommentText(row.Text ?? null, where) };
      });
      const created: Row[] = [];
      for (const { parentId, text } of checked) {
        const path = `/${encodeURIComponent(parentId)}/${edge}`;
        created.push({ Id: idOf(await client.write('POST', path, { message: text }, callOptions(signal)), path) });
      }
      return created;
    },
  };
}

export function commentWriters(client: InstagramClient): WritableTable[] {
  const comments: WritableTable = {
    table: 'Comments',
    keyColumn: 'Id',
    insert: insertUnder(client, 'Comments', 'MediaId', 'comments'),
    update: {
      columns: ['Hidden'],
      async run(keys, values, signal) {
        const hidden = values.Hidden;
        if (typeof hidden !== 'boolean') throw new PlanError('UPDATE Comments: Hidden must be true or false');
        const ids = graphIds(keys);
        for (const id of ids) await client.write('POST', `/${encodeURIComponent(id)}`, { hide: String(hidden) }, callOptions(signal));
        return ids.length;
      },
    },
    delete: {
      async run(keys, signal) {
        const ids = graphIds(keys);
        for (const id of ids) await client.write('DELETE', `/${encodeURIComponent(id)}`, {}, callOptions(signal));
        return ids.length;
      },
    },
  };
  const replies: WritableTable = { table: 'Replies', keyColumn: 'Id', insert: insertUnder(client, 'Replies', 'CommentId', 'replies') };
  return [comments, replies];
}
