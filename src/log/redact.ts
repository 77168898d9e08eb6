/**
 * Removes credentials from any text that may leave the process (error messages, log lines):
 * every known secret value, as a whole token only (a short token never turns `HTTP` into
 * `H****P`), and every credential-shaped parameter or header, whatever its value.
 */
export const MASK = '****';

/** Characters a token is made of: a secret is masked only where it is not part of a longer token. */
const TOKEN_CHAR = 'A-Za-z0-9_';

const credentialPatterns: readonly [RegExp, string][] = [
  // OAuth 1.0a header and query parameters: oauth_token="…", oauth_signature=…
  [/(oauth_[a-z_]*(?:token|signature|verifier|secret|nonce)[a-z_]*)(\s*=\s*)("?)[^",&\s]*/gi, `$1$2$3${MASK}`],
  // OAuth 2.0 and Graph parameters, in query strings, forms and JSON.
  [/((?:access_token|client_secret|appsecret_proof|refresh_token|fb_exchange_token|input_token|password)["']?\s*[=:]\s*["']?)[^&\s"',}]+/gi, `$1${MASK}`],
  [/(\bcode=)[^&\s"]+/gi, `$1${MASK}`],
  [/(Authorization["']?\s*[:=]\s*["']?)(?:Bearer |OAuth |Basic )?[^\n"',}]+/gi, `$1${MASK}`],
  [/(Bearer\s+)[A-Za-z0-9_\-.~+/=%]+/g, `$1${MASK}`],
];

export function redact(text: string, secrets: readonly (string | undefined)[] = []): string {
  let result = text;
  const known = [...new Set(secrets.filter((s): s is string => typeof s === 'string' && s.trim() !== ''))].sort((a, b) => b.length - a.length);
  for (const secret of known) {
    const pattern = new RegExp(`(?<![${TOKEN_CHAR}])${escapeRegExp(secret)}(?![${TOKEN_CHAR}])`, 'g');
    result = result.replace(pattern, MASK);
  }
  for (const [pattern, replacement] of credentialPatterns) result = result.replace(pattern, replacement);
  return result;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
