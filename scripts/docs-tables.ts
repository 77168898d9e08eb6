/** Regenerates the key-column tables of README.md from the schemas (`npm run docs:tables`). */
import { readFileSync, writeFileSync } from 'node:fs';
import { keyColumnTable, replaceSection } from '../src/source/key-column-docs.js';
import { tableDocs } from '../src/providers/table-docs.js';

const path = new URL('../README.md', import.meta.url);
let readme = readFileSync(path, 'utf8');
for (const [provider, docs] of Object.entries(tableDocs)) readme = replaceSection(readme, `keycolumns:${provider}`, keyColumnTable(docs));
writeFileSync(path, readme);
