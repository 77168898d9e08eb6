// The JSON text of a stored row (a campaign, a line item...), kept while the account's objects are
// unchanged: a list of 1,000 rows is mostly the same rows again. Writes change rows in place and a
// write to one kind can change another's fields, so the key is every kind's version for the account.
import type { AdsStore, EntityKind } from './store.js';

const KINDS: readonly EntityKind[] = ['funding_instrument', 'campaign', 'line_item', 'promoted_tweet', 'media'];

const texts = new WeakMap<object, { state: string; text: string }>();

/** Identifies the state of every stored object of the account: rows' texts made in it still hold. */
export function accountState(store: AdsStore, accountId: string): string {
  return KINDS.map((kind) => store.version(accountId, kind)).join('.');
}

/** JSON.stringify(row), remembered for the account state it was made in. */
export function rowJson(row: object, state: string): string {
  const known = texts.get(row);
  if (known !== undefined && known.state === state) return known.text;
  const text = JSON.stringify(row);
  texts.set(row, { state, text });
  return text;
}
