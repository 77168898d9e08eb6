// Serialised answer fragments kept between requests: a batch of 50 reads asks for the same media,
// fields and metrics again and again, so the JSON text of each is built once. Every entry is a
// function of its record (or request text), its key and the store's state; any write to the store
// (and the admin reset) drops them all, so a cached answer is always the one a fresh build would give.
import { RawJson } from '../shared/raw-json.js';

/** Entries kept per record under free-form keys (metric lists, paging) before that record's are dropped. */
const MAX_KEYS_PER_RECORD = 64;
/** Whole answers kept by request text (?ids= reads) before all are dropped. */
const MAX_REQUEST_KEYS = 4096;

export class AnswerCache {
  private byObject = new WeakMap<object, WeakMap<object, RawJson>>();
  private byText = new WeakMap<object, Map<string, RawJson>>();
  private byRequest = new Map<string, RawJson>();

  /** Forgets everything: called on every write to the store. */
  clear(): void {
    this.byObject = new WeakMap();
    this.byText = new WeakMap();
    this.byRequest = new Map();
  }

  /** The text for (record, key object), built on first use. */
  objectKeyed(record: object, key: object, build: () => string): RawJson {
    let entries = this.byObject.get(record);
    if (entries === undefined) this.byObject.set(record, (entries = new WeakMap()));
    let raw = entries.get(key);
    if (raw === undefined) entries.set(key, (raw = new RawJson(build())));
    return raw;
  }

  /** The text for (record, key text), built on first use. */
  textKeyed(record: object, key: string, build: () => string): RawJson {
    let entries = this.byText.get(record);
    if (entries === undefined) this.byText.set(record, (entries = new Map()));
    let raw = entries.get(key);
    if (raw === undefined) {
      raw = new RawJson(build());
      if (entries.size >= MAX_KEYS_PER_RECORD) entries.clear();
      entries.set(key, raw);
    }
    return raw;
  }

  /** A whole answer remembered by its request's text (see GraphApi.multiRead for what it may hold). */
  request(key: string): RawJson | undefined {
    return this.byRequest.get(key);
  }

  rememberRequest(key: string, raw: RawJson): void {
    if (this.byRequest.size >= MAX_REQUEST_KEYS) this.byRequest.clear();
    this.byRequest.set(key, raw);
  }
}
