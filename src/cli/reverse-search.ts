/**
 * Ctrl-R reverse history search, as in bash and psql: Node's readline has none. It wraps the
 * interface's key handler (`_ttyWrite`, kept by Node for compatibility): while searching, typed
 * characters refine the search, Ctrl-R steps to older matches, Enter runs the match, Ctrl-G or
 * Esc gives up, and any other key accepts the match for editing.
 */
import type { Interface } from 'node:readline';

interface Key {
  readonly name?: string;
  readonly ctrl?: boolean;
  readonly meta?: boolean;
}

type KeyHandler = (text: string | undefined, key: Key | undefined) => void;

interface ReadlineInternals {
  _ttyWrite: KeyHandler;
  _refreshLine(): void;
  line: string;
  cursor: number;
}

/** The index of the first entry at or after `from` containing `query` (case-insensitive), or -1. */
export function findInHistory(entries: readonly string[], query: string, from: number): number {
  const needle = query.toLowerCase();
  for (let i = Math.max(0, from); i < entries.length; i++) if (entries[i]!.toLowerCase().includes(needle)) return i;
  return -1;
}

export function enableReverseSearch(rl: Interface, newestFirst: () => readonly string[]): void {
  const internals = rl as unknown as ReadlineInternals;
  if (typeof internals._ttyWrite !== 'function' || typeof internals._refreshLine !== 'function') return;
  const original = internals._ttyWrite.bind(rl);
  let search: { query: string; index: number; savedLine: string; savedPrompt: string; failed: boolean } | undefined;

  const show = (): void => {
    if (search === undefined) return;
    const entries = newestFirst();
    const match = search.index === -1 ? '' : (entries[search.index] ?? '');
    rl.setPrompt(`(${search.failed ? 'failed ' : ''}reverse-i-search)'${search.query}': `);
    internals.line = match;
    internals.cursor = Math.max(0, match.toLowerCase().indexOf(search.query.toLowerCase()));
    internals._refreshLine();
  };
  const end = (line: string): void => {
    if (search === undefined) return;
    rl.setPrompt(search.savedPrompt);
    search = undefined;
    internals.line = line;
    internals.cursor = line.length;
    internals._refreshLine();
  };
  const lookFrom = (from: number): void => {
    if (search === undefined) return;
    const found = findInHistory(newestFirst(), search.query, from);
    search.failed = found === -1;
    if (found !== -1) search.index = found;
  };

  internals._ttyWrite = (text, key) => {
    if (search === undefined) {
      if (key?.ctrl === true && key.name === 'r') {
        search = { query: '', index: -1, savedLine: internals.line, savedPrompt: rl.getPrompt(), failed: false };
        show();
        return;
      }
      return original(text, key);
    }
    const entries = newestFirst();
    const current = search.index === -1 ? '' : (entries[search.index] ?? '');
    if (key?.ctrl === true && key.name === 'r') {
      lookFrom(search.index + 1);
      return show();
    }
    if ((key?.ctrl === true && key.name === 'g') || key?.name === 'escape') return end(search.savedLine);
    if (key?.ctrl === true && key.name === 'c') {
      end(search.savedLine);
      return original(text, key);
    }
    if (key?.name === 'backspace') {
      search.query = search.query.slice(0, -1);
      lookFrom(0);
      return show();
    }
    if (key?.name === 'return' || key?.name === 'enter') {
      end(current);
      return original(text, key);
    }
    if (text !== undefined && text.length === 1 && key?.ctrl !== true && key?.meta !== true && text >= ' ') {
      search.query += text;
      lookFrom(search.index === -1 ? 0 : search.index);
      return show();
    }
    // Any other key: keep the match on the line and let readline handle the key.
    end(current);
    return original(text, key);
  };
}
