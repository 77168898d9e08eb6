/**
 * `CACHE [table] [WITH opt, …] <select>` and `REPLICATE [table] [WITH opt, …] <select>`, as CData
 * has them; options TRUNCATE, AUTOCOMMIT, SCHEMA ONLY, DROP EXISTING, ALTER SCHEMA. The SELECT is
 * parsed by the ordinary grammar, from the same text, so its error positions stay true.
 */
import { SqlSyntaxError } from '../errors.js';
import type { ReplicationOptions, ReplicationStatement } from './ir/replication.js';
import type { SelectStatement } from './ir/select.js';
import { positionOf } from './position.js';
import { isOp, isWord, type Token } from './tokenizer.js';

export function parseReplication(sql: string, tokens: readonly Token[], endToken: Token, parseSelect: (tokens: readonly Token[]) => SelectStatement): ReplicationStatement {
  const verb = tokens[0]!.text.toUpperCase() as 'CACHE' | 'REPLICATE';
  const options: { -readonly [K in keyof ReplicationOptions]: boolean } = { truncate: false, autocommit: false, schemaOnly: false, dropExisting: false, alterSchema: false };
  let i = 1;
  const fail = (token: Token | undefined, message: string): never => {
    const { line, column } = positionOf(sql, (token ?? endToken).start);
    throw new SqlSyntaxError(message, line, column);
  };
  let table: string | undefined;
  const first = tokens[i];
  if (first && !isWord(first, 'WITH', 'SELECT') && (first.kind === 'word' || first.kind === 'ident')) {
    table = first.value;
    i++;
  }
  if (isWord(tokens[i], 'WITH')) {
    i++;
    for (;;) {
      const token = tokens[i];
      if (isWord(token, 'TRUNCATE')) (options.truncate = true), i++;
      else if (isWord(token, 'AUTOCOMMIT')) (options.autocommit = true), i++;
      else if (isWord(token, 'SCHEMA') && isWord(tokens[i + 1], 'ONLY')) (options.schemaOnly = true), (i += 2);
      else if (isWord(token, 'DROP') && isWord(tokens[i + 1], 'EXISTING')) (options.dropExisting = true), (i += 2);
      else if (isWord(token, 'ALTER') && isWord(tokens[i + 1], 'SCHEMA')) (options.alterSchema = true), (i += 2);
      else fail(token, `${verb} WITH takes TRUNCATE, AUTOCOMMIT, SCHEMA ONLY, DROP EXISTING or ALTER SCHEMA but found "${token?.text ?? 'end of statement'}"`);
      if (isOp(tokens[i], ',')) i++;
      else if (!isWord(tokens[i], 'SELECT')) continue;
      else break;
    }
  }
  if (!isWord(tokens[i], 'SELECT')) fail(tokens[i], `${verb} takes a SELECT statement but found "${tokens[i]?.text ?? 'end of statement'}"`);
  return { kind: 'Replication', verb, ...(table !== undefined ? { table } : {}), options, query: parseSelect(tokens.slice(i)) };
}
