import type { Catalog, TableSource } from '../source/contract.js';
import type { TableInfo } from './types.js';

/** Name lookup over a fixed set of sources (case-insensitive, aliases included). */
export class SourceCatalog implements Catalog {
  private readonly byName = new Map<string, TableSource>();

  constructor(private readonly sources: readonly TableSource[]) {
    for (const source of sources) {
      for (const name of [source.info.name, ...source.info.aliases]) this.byName.set(name.toLowerCase(), source);
    }
  }

  tables(): readonly TableInfo[] {
    return this.sources.map((s) => s.info);
  }

  lookup(name: string): TableSource | undefined {
    return this.byName.get(name.toLowerCase());
  }
}
