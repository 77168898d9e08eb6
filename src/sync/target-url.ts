/** Replication targets are URLs (DESIGN §2): `sqlite:./ads.db`, `sqlite::memory:` or `postgres://user@host:port/db`. */
import { ConnectionStringError } from '../errors.js';

export type TargetSpec =
  | { readonly kind: 'sqlite'; readonly file: string }
  | { readonly kind: 'postgres'; readonly url: string };

export function parseTargetUrl(text: string): TargetSpec {
  const value = text.trim();
  if (/^sqlite:/i.test(value)) {
    const file = value.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (file === '') throw new ConnectionStringError('A SQLite target needs a file: sqlite:./ads.db');
    return { kind: 'sqlite', file };
  }
  if (/^postgres(ql)?:\/\//i.test(value)) {
    try {
      new URL(value);
    } catch {
      throw new ConnectionStringError('A PostgreSQL target must be a URL: postgres://user@host:port/db');
    }
    return { kind: 'postgres', url: value };
  }
  throw new ConnectionStringError('A target is sqlite:FILE or postgres://user@host:port/db');
}

/** The URL with any password replaced, for messages and progress lines. */
export function shownTargetUrl(text: string): string {
  return text.replace(/^(postgres(?:ql)?:\/\/[^:/@]*):[^@/]*@/i, '$1:****@');
}
