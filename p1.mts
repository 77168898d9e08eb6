import { parseStatements } from './src/sql/parse.ts';
for (const s of process.argv.slice(2)) { try { const st: any = parseStatements(s)[0]; console.log(JSON.stringify(st.where ?? st.items[0].expr)); } catch (e: any) { console.log('ERR', e.constructor.name, e.message); } }
