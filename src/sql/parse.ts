/** SQL text → IR statements: tokenize, split on `;`, then EXPLAIN/EXEC by hand and the rest through the MySQL grammar. */
import { SqlSyntaxError } from '../errors.js';
import type { SelectStatement, Statement } from './ir.js';
import { parseWithMySqlGrammar } from './mysql-adapter.js';
import { rewriteForParser } from './dialect-rewrite.js';
import { parseExec } from './exec-parser.js';
import { positionOf } from './position.js';
import { checkStatementLength, checkStatementLimits } from './limits.js';
import { parseReplication } from './replication-statement.js';
import { isOp, isWord, tokenize, type Token } from './tokenizer.js';

export function parseStatements(sql: string): Statement[] {
  checkStatementLength(sql);
  const tokens = tokenize(sql);
  const statements: Statement[] = [];
  let start = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.kind === 'eof' || isOp(token, ';')) {
      const body = tokens.slice(start, i);
      if (body.length > 0) {
        const statement = parseOne(sql, body, token);
        checkStatementLimits(statement);
        statements.push(statement);
      }
      start = i + 1;
    }
  }
  return statements;
}

function parseOne(sql: string, tokens: readonly Token[], endToken: Token): Statement {
  const first = tokens[0]!;
  if (isWord(first, 'EXEC', 'EXECUTE')) return parseExec(sql, tokens, endToken);
  if (isWord(first, 'EXPLAIN')) {
    const analyze = isWord(tokens[1], 'ANALYZE');
    const rest = tokens.slice(analyze ? 2 : 1);
    const head = rest[0] ?? endToken;
    if (!isWord(head, 'SELECT', 'WITH')) {
      const { line, column } = positionOf(sql, head.start);
      throw new SqlSyntaxError(`EXPLAIN takes a SELECT statement but found ${head.kind === 'eof' || head.text === ';' ? 'end of statement' : `"${head.text}"`}`, line, column);
    }
    const query = parseWithMySqlGrammar(sql, rewriteForParser(sql, rest, endToken));
    if (query.kind !== 'Select') throw new Error('unreachable: EXPLAIN body is not a SELECT');
    return { kind: 'Explain', analyze, query };
  }
  if (isWord(first, 'CACHE', 'REPLICATE')) {
    return parseReplication(sql, tokens, endToken, (select) => parseWithMySqlGrammar(sql, rewriteForParser(sql, select, endToken)) as SelectStatement);
  }
  if (!isWord(first, 'SELECT', 'WITH', 'INSERT', 'UPDATE', 'DELETE')) {
    const { line, column } = positionOf(sql, first.start);
    throw new SqlSyntaxError(`Expected SELECT, WITH, INSERT, UPDATE, DELETE, EXEC or EXPLAIN but found "${first.text}"`, line, column);
  }
  return parseWithMySqlGrammar(sql, rewriteForParser(sql, tokens, endToken));
}
