// Serialised answer fragments kept between requests: a batch of 50 reads asks for the same media,
// fields and metrics again and again, so the JSON text of each is built once. Every entry is a
// function of the record, its key and the store's state; any write to the store (and the admin
// reset) drops them all, so a cached answer is always the one a fresh build would give.

/** Entries kept per record under free-form keys (metric lists) before that record's are dropped. */
const MAX_KEYS_PER_RECORD = 64;

export class AnswerCache {
  private byObject = new WeakMap<object, WeakMap<object, string>>();
  private byText = new WeakMap<object, Map<string, string>>();

  /** Forgets everything: called on every write to the store. */
  clear(): void {
    this.byObject = new WeakMap();
    this.byText = new WeakMap();
  }

  /** The text for (record, key object), built on first use. */
  objectKeyed(record: object, key: object, build: () => string): string {
    let entries = this.byObject.get(record);
    if (entries === undefined) this.byObject.set(record, (entries = new WeakMap()));
    let text = entries.get(key);
    if (text === undefined) entries.set(key, (text = build()));
    return text;
  }

  /** The text for (record, key text), built on first use. */
  textKeyed(record: object, key: string, build: () => string): string {
    let entries = this.byText.get(record);
    if (entries === undefined) this.byText.set(record, (entries = new Map()));
    let text = entries.get(key);
    if (text === undefined) {
      text = build();
      if (entries.size >= MAX_KEYS_PER_RECORD) entries.clear();
      entries.set(key, text);
    }
    return text;
  }
}
