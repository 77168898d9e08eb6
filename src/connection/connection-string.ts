/**
 * `Key=value;Key2='a;b'` → ordered key/value pairs. Keys keep their spelling here; matching them
 * against the known properties (case-insensitively) is the property schema's job.
 * Values may be quoted with '...', "..." (a doubled quote escapes itself) or {...}.
 */
import { ConnectionStringError } from '../errors.js';

export interface ConnectionStringEntry {
  readonly key: string;
  readonly value: string;
}

export function parseConnectionString(text: string): ConnectionStringEntry[] {
  const entries: ConnectionStringEntry[] = [];
  let i = 0;
  while (i < text.length) {
    const keyStart = i;
    while (i < text.length && text[i] !== '=' && text[i] !== ';') i++;
    const key = text.slice(keyStart, i).trim();
    if (text[i] !== '=') {
      if (key !== '') throw noValue(key, keyStart);
      i++;
      continue;
    }
    if (key === '') throw new ConnectionStringError(`Connection string has a value with no property name at position ${i + 1}`);
    i++;
    while (text[i] === ' ' || text[i] === '\t') i++;
    const [value, next] = readValue(text, i, key);
    i = next;
    while (text[i] === ' ' || text[i] === '\t') i++;
    if (i < text.length && text[i] !== ';') {
      throw new ConnectionStringError(`Unexpected text after the quoted value of "${key}" at position ${i + 1}`);
    }
    i++;
    entries.push({ key, value });
  }
  return entries;
}

function readValue(text: string, start: number, key: string): [string, number] {
  const open = text[start];
  if (open === "'" || open === '"' || open === '{') {
    const close = open === '{' ? '}' : open;
    let value = '';
    let i = start + 1;
    for (;;) {
      if (i >= text.length) throw new ConnectionStringError(`The value of "${key}" has an unclosed ${open}`);
      if (text[i] === close) {
        if (close !== '}' && text[i + 1] === close) {
          value += close;
          i += 2;
          continue;
        }
        return [value, i + 1];
      }
      value += text[i];
      i++;
    }
  }
  let end = start;
  while (end < text.length && text[end] !== ';') end++;
  return [text.slice(start, end).trim(), end];
}

/**
 * A fragment without `=`. It may be a secret typed with the wrong separator
 * (`OAuthClientSecret:MY-SECRET`), so only its leading name is echoed, never the whole fragment.
 */
function noValue(fragment: string, start: number): ConnectionStringError {
  const name = /^[A-Za-z][A-Za-z0-9_]*/.exec(fragment)?.[0];
  const rest = name ? fragment.slice(name.length).trimStart() : fragment;
  const hint = rest.startsWith(':') ? '; a colon does not assign a value, use =' : '';
  if (name && rest === '') return new ConnectionStringError(`Connection string property "${name}" has no value (expected ${name}=value)`);
  return new ConnectionStringError(
    `Connection string text at position ${start + 1}${name ? ` (starting with "${name}")` : ''} is not Name=value${hint}; the rest of that fragment is not shown in case it is a secret`,
  );
}
