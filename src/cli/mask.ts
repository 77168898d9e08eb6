/**
 * Masks a connection string for display. Deliberately lenient (it never throws):
 * it runs on input that may be malformed, and whatever it cannot read as `Key=value`
 * is masked whole rather than risk echoing a secret.
 */

const SECRET_KEY = /secret|token|key|password|verifier/i;
export const MASK = '****';

export function maskConnectionString(connectionString: string): string {
  return splitPairs(connectionString)
    .map((pair) => {
      if (pair.trim() === '') return pair;
      const equals = pair.indexOf('=');
      if (equals === -1) return MASK;
      const key = pair.slice(0, equals);
      return SECRET_KEY.test(key) ? `${key}=${MASK}` : pair;
    })
    .join(';');
}

/** Splits on `;` outside '...', "..." and {...} values, as the connection-string syntax quotes them. */
function splitPairs(text: string): string[] {
  const pairs: string[] = [];
  let current = '';
  let closer: string | undefined;
  let atValueStart = false;
  for (const ch of text) {
    if (closer !== undefined) {
      current += ch;
      if (ch === closer) closer = undefined;
      continue;
    }
    if (ch === ';') {
      pairs.push(current);
      current = '';
      atValueStart = false;
      continue;
    }
    current += ch;
    if (ch === '=') {
      atValueStart = true;
      continue;
    }
    if (atValueStart && (ch === "'" || ch === '"' || ch === '{')) closer = ch === '{' ? '}' : ch;
    if (ch !== ' ' && ch !== '\t') atValueStart = false;
  }
  pairs.push(current);
  return pairs;
}
