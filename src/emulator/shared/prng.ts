// Seeded randomness for emulator data. Data must never depend on Math.random,
// so that the same --seed always serves byte-identical objects.

/** mulberry32: tiny, fast, good enough for synthetic data. Returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a over the parts, so any (seed, kind, index) tuple gets its own independent stream. */
export function hashSeed(...parts: Array<string | number>): number {
  return hashOnward(0x811c9dc5, parts);
}

/** hashSeed(...first, ...rest) given hashSeed's state after `first` (hashOnward(prefix, [])): hot callers hash a shared prefix once. */
export function hashOnward(prefix: number, parts: ReadonlyArray<string | number>): number {
  let h = prefix;
  for (const part of parts) {
    const text = String(part);
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    h ^= 0x1f; // separator so ("ab","c") differs from ("a","bc")
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A random stream for one named thing. */
export function streamFor(...parts: Array<string | number>): Random {
  return new Random(mulberry32(hashSeed(...parts)));
}

export class Random {
  constructor(private readonly next: () => number) {}
  float(): number {
    return this.next();
  }
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(probability: number): boolean {
    return this.next() < probability;
  }
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from empty list');
    return item;
  }
}
