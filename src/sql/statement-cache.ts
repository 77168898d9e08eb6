/**
 * Parsed statements by SQL text, so a statement repeated with new parameters skips the tokenizer
 * and the grammar. Entries are deep-frozen: everything after the parser rebuilds rather than
 * edits the IR (bindParameters maps it), and freezing makes a stray edit fail loudly instead of
 * changing what the next run of the same text sees.
 */
import { LRUCache } from 'lru-cache';
import type { Statement } from './ir.js';
import { parseStatements } from './parse.js';

export interface StatementCacheLimits {
  /** Distinct SQL texts kept. */
  readonly maxEntries: number;
  /** Characters of SQL text kept in all (the IR grows with the text). */
  readonly maxTextChars: number;
}

export const DEFAULT_STATEMENT_CACHE_LIMITS: StatementCacheLimits = { maxEntries: 256, maxTextChars: 4_000_000 };

export class StatementCache {
  private readonly entries: LRUCache<string, readonly Statement[]>;

  constructor(limits: StatementCacheLimits = DEFAULT_STATEMENT_CACHE_LIMITS) {
    this.entries = new LRUCache<string, readonly Statement[]>({
      max: limits.maxEntries,
      maxSize: limits.maxTextChars,
      // lru-cache wants a positive size; '' never reaches the cache with a statement in it anyway.
      sizeCalculation: (_value, sql) => Math.max(1, sql.length),
    });
  }

  /** parseStatements(sql), from the cache when the same text was parsed before. Errors are not cached. */
  parse(sql: string): readonly Statement[] {
    const hit = this.entries.get(sql);
    if (hit !== undefined) return hit;
    const statements = deepFreeze(parseStatements(sql));
    this.entries.set(sql, statements);
    return statements;
  }

  get size(): number {
    return this.entries.size;
  }
}

/** Freezes every object and array reachable from `root` (iteratively: the IR can be deep). */
function deepFreeze<T>(root: T): T {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object' || Object.isFrozen(node)) continue;
    // A Date literal keeps its time in an internal slot freezing cannot reach; nothing in the engine calls its setters.
    Object.freeze(node);
    for (const child of Object.values(node)) if (child !== null && typeof child === 'object') stack.push(child);
  }
  return root;
}
