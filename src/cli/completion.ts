/** Tab completion for the terminal: dot-commands at the start of a line, otherwise table, column and keyword names. */
import type { Connection } from '../connection/types.js';
import { DOT_COMMAND_NAMES } from './dot-commands.js';

const KEYWORDS = ['SELECT', 'FROM', 'WHERE', 'JOIN', 'ON', 'GROUP BY', 'ORDER BY', 'LIMIT', 'INSERT INTO', 'VALUES', 'UPDATE', 'SET', 'DELETE FROM', 'EXEC', 'EXPLAIN', 'AND', 'OR', 'IN', 'LIKE', 'IS NULL', 'NOT'];

/** A readline completer: [matches, the word being completed]. */
export function createCompleter(conn: Connection): (line: string) => [string[], string] {
  let names: string[] | undefined;
  return (line) => {
    if (/^\s*\.\S*$/.test(line)) {
      const word = line.trim();
      return [DOT_COMMAND_NAMES.filter((name) => name.startsWith(word)), word];
    }
    names ??= [
      ...new Set(conn.tables().flatMap((table) => [table.name, ...table.aliases, ...table.columns.map((column) => column.name)])),
      ...conn.procedures().map((procedure) => procedure.name),
      ...KEYWORDS,
    ];
    const word = /[\w.]*$/.exec(line)?.[0] ?? '';
    if (word === '') return [[], word];
    const lower = word.toLowerCase();
    return [names.filter((name) => name.toLowerCase().startsWith(lower)), word];
  };
}
