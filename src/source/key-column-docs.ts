/**
 * README rows generated from the key columns (`npm run docs:tables`; a test checks the README is
 * current), so that the documentation of what each table's API applies cannot drift from the binder.
 */
import type { KeyColumn } from './key-column.js';

export interface TableDoc {
  readonly name: string;
  readonly aliases: readonly string[];
  /** `GET accounts/:account_id/campaigns`. */
  readonly endpoint: string;
  readonly keyColumns: readonly KeyColumn[];
}

export function keyColumnTable(tables: readonly TableDoc[]): string {
  const lines = ['| Table (alias) | Endpoint | Key columns: operators → where they go |', '|---|---|---|'];
  for (const t of tables) {
    const name = t.aliases.length > 0 ? `${t.name} (${t.aliases.join(', ')})` : t.name;
    const keys = t.keyColumns.map(describeKey).join('; ') || '—';
    lines.push(`| ${name} | \`${t.endpoint}\` | ${keys} |`);
  }
  return lines.join('\n');
}

function describeKey(k: KeyColumn): string {
  const ops = k.operators.map((o) => (o === 'LIKE_PREFIX' ? "LIKE 'x%'" : o)).join(' ');
  const target = k.target;
  const where =
    target.in === 'path' ? `\`:${target.name}\` (a call each)` : target.in === 'query' ? `\`${target.name}\`${(target.maxValues ?? 1) > 1 ? ` (${target.maxValues} a call)` : ''}` : `\`${target.name}\``;
  const notes: string[] = [];
  if (k.note) notes.push(k.note);
  if (k.require === 'required') notes.push(k.default ? `required, default: ${'resolve' in k.default ? k.default.resolve : k.default.constant}` : 'required');
  if (k.require === 'any_of') notes.push('one of these required');
  else if (k.default && 'constant' in k.default) notes.push(`default ${k.default.constant}`);
  if (k.exactness === 'inexact') notes.push('re-checked');
  if (k.values) notes.push(`one of ${k.values.join(', ')}`);
  if (k.idFormat) notes.push(k.idFormat.name);
  return `${k.column} ${ops} → ${where}${notes.length > 0 ? ` (${notes.join(', ')})` : ''}`;
}

/** `README` with the text between `<!-- name:start -->` and `<!-- name:end -->` replaced. */
export function replaceSection(readme: string, name: string, body: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const a = readme.indexOf(start);
  const b = readme.indexOf(end);
  if (a < 0 || b < a) throw new Error(`README has no ${start} ... ${end} section`);
  return `${readme.slice(0, a + start.length)}\n${body}\n${readme.slice(b)}`;
}
