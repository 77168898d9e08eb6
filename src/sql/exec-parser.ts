/**
 * `EXEC|EXECUTE proc [@]Name = value, ...` (CData style). Parsed by hand: no node-sql-parser
 * grammar accepts both this and the rest of our SQL. A value is a literal or a parameter.
 */
import { SqlSyntaxError } from '../errors.js';
import type { ExecArgument, ExecStatement, LiteralExpr, ParamExpr } from './ir.js';
import { positionOf } from './position.js';
import { isOp, isWord, type Token } from './tokenizer.js';

export function parseExec(sql: string, tokens: readonly Token[], endToken: Token): ExecStatement {
  let i = 1; // tokens[0] is EXEC or EXECUTE
  let positional = 0;
  const at = (k: number): Token => tokens[k] ?? endToken;
  const fail = (message: string, token: Token): never => {
    const { line, column } = positionOf(sql, token.start);
    const found = token.kind === 'eof' || token.text === ';' ? 'end of statement' : `"${token.text}"`;
    throw new SqlSyntaxError(`${message} but found ${found}`, line, column);
  };
  const nameToken = at(i);
  if (nameToken.kind !== 'word' && nameToken.kind !== 'ident') fail('Expected a procedure name', nameToken);
  let procedure = nameToken.value;
  i++;
  while (isOp(at(i), '.')) {
    const part = at(i + 1);
    if (part.kind !== 'word' && part.kind !== 'ident') fail('Expected a name after "."', part);
    procedure = part.value; // a schema prefix names the same procedure
    i += 2;
  }
  const args: ExecArgument[] = [];
  while (i < tokens.length) {
    const argName = at(i);
    if (argName.kind !== 'named' && argName.kind !== 'word' && argName.kind !== 'ident')
      fail('Expected a parameter name (@Name = value); positional EXEC arguments are not supported', argName);
    if (!isOp(at(i + 1), '=')) fail(`Expected "=" after ${argName.text}`, at(i + 1));
    let k = i + 2;
    let value: LiteralExpr | ParamExpr;
    const v = at(k);
    if (isOp(v, '-') && at(k + 1).kind === 'number') {
      value = { kind: 'Literal', value: -Number(at(k + 1).text) };
      k++;
    } else if (v.kind === 'string') value = { kind: 'Literal', value: v.value };
    else if (v.kind === 'number') value = { kind: 'Literal', value: Number(v.text) };
    else if (v.kind === 'positional') value = { kind: 'Param', ref: { kind: 'Positional', index: positional++ } };
    else if (v.kind === 'named') value = { kind: 'Param', ref: { kind: 'Named', name: v.value } };
    else if (isWord(v, 'TRUE', 'FALSE')) value = { kind: 'Literal', value: v.text.toUpperCase() === 'TRUE' };
    else if (isWord(v, 'NULL')) value = { kind: 'Literal', value: null };
    else return fail('Expected a literal or a parameter', v);
    const name = argName.value;
    if (args.some((a) => a.name.toLowerCase() === name.toLowerCase())) fail(`Parameter ${name} is given twice`, argName);
    args.push({ name, value });
    i = k + 1;
    if (i >= tokens.length) break;
    if (!isOp(at(i), ',')) fail('Expected ","', at(i));
    i++;
    if (i >= tokens.length) fail('Expected a parameter after ","', at(i));
  }
  return { kind: 'Exec', procedure, args };
}
