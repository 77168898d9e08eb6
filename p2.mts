import { parseStatements } from './src/sql/parse.ts';
import { formatExpr } from './src/sql/format.ts';
const t: any = {"kind":"Unary","op":"NOT","operand":{"kind":"InList","operand":{"kind":"Like","operand":{"kind":"Literal","value":0},"pattern":{"kind":"Literal","value":null},"negated":false},"items":[{"kind":"Literal","value":null}],"negated":false}};
const text = formatExpr(t); console.log(text);
console.log(JSON.stringify((parseStatements('SELECT 1 FROM t WHERE ' + text)[0] as any).where));
const {Parser}=await import('node-sql-parser/build/mysql.js' as any); const p=new (Parser as any)();
console.log(JSON.stringify(p.astify("SELECT 1 FROM t WHERE NOT (0 LIKE NULL) IN (NULL)").where));
