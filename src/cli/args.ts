/** Command-line arguments → what to do. Pure: no I/O, so every case is testable. */
import { PROVIDER_NAMES } from '../providers/registry.js';
import { maskConnectionString } from './mask.js';

export const PROVIDERS = PROVIDER_NAMES;
export type Provider = (typeof PROVIDERS)[number];

/** Formats `--format` accepts (DESIGN §2). The REPL's `.mode` also has `line`. */
export const SCRIPT_FORMATS = ['table', 'csv', 'json', 'ndjson'] as const;
export type ScriptFormat = (typeof SCRIPT_FORMATS)[number];

export type CliCommand =
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | { readonly kind: 'emulator'; readonly argv: string[] }
  | {
      readonly kind: 'connect';
      readonly provider: Provider;
      readonly connectionString: string;
      /** The `-e` texts, in order; empty means open the REPL. */
      readonly scripts: string[];
      readonly format: ScriptFormat | undefined;
      /** Print token and secret columns (EXEC GetOAuthAccessToken) as they are; only with -e. */
      readonly showSecrets: boolean;
    }
  | { readonly kind: 'usage-error'; readonly message: string };

export const USAGE = `Usage:
  socialsql <provider> [connection-string]                 open the interactive shell
  socialsql <provider> [connection-string] -e "<sql>" [--format table|csv|json|ndjson]
                                                           run statements and exit
  socialsql emulator <provider> [--port N] [--seed N] [--scale N] [--latency MS] [...]
                                                           serve the local API emulator
  socialsql --help | --version

Providers: twitterads, instagram
Without a connection string, socialsql connects to the built-in emulator (Emulator=true).

Options:
  -e, --execute <sql>   Run one or more ;-separated statements (may repeat); stops at the first error
  --format <format>     Output for -e (and the shell's starting .mode):
                          table   box table with a (N rows) footer (default)
                          csv     header row, then one line per row; NULL is empty
                          json    one JSON array of row objects per statement, each on its own line
                          ndjson  one JSON object per row
  --show-secrets        With -e: print token and secret columns (EXEC GetOAuthAccessToken) instead of ****
  -h, --help            Show this help
  --version             Print the version

Environment:
  SOCIALSQL_HISTORY     Shell history file (default $XDG_CONFIG_HOME/socialsql/history)
  SOCIALSQL_DEBUG=1     Add stack traces to error messages

Examples:
  socialsql twitterads
  socialsql twitterads -e "SELECT Id, Name FROM Campaigns LIMIT 5" --format csv
  socialsql instagram "InitiateOAuth=GETANDREFRESH;OAuthClientId=...;OAuthClientSecret=..."
`;

export function parseArgs(argv: readonly string[]): CliCommand {
  // Everything after `emulator` belongs to the emulator, including its own --help.
  if (argv[0] === 'emulator') return { kind: 'emulator', argv: argv.slice(1) };
  if (argv.includes('--help') || argv.includes('-h')) return { kind: 'help' };
  if (argv.includes('--version')) return { kind: 'version' };

  const positionals: string[] = [];
  const scripts: string[] = [];
  let format: ScriptFormat | undefined;
  let showSecrets = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inlineValue] = splitInlineValue(arg);
    if (flag === '-e' || flag === '--execute') {
      const value = inlineValue ?? argv[++i];
      if (value === undefined) return usageError(`${flag} needs an SQL statement`);
      scripts.push(value);
    } else if (flag === '--format') {
      const value = inlineValue ?? argv[++i];
      if (!isScriptFormat(value)) return usageError(`--format must be one of ${SCRIPT_FORMATS.join(', ')}`);
      format = value;
    } else if (flag === '--show-secrets') {
      showSecrets = true;
    } else if (arg.startsWith('-') && arg !== '-') {
      return usageError(`unknown option ${flag}`);
    } else {
      positionals.push(arg);
    }
  }

  const [provider, connectionString, ...extra] = positionals;
  if (provider === undefined) return usageError('missing <provider>');
  if (!isProvider(provider)) {
    // A connection string given without a provider lands here; don't echo its secrets.
    const shown = provider.includes('=') ? maskConnectionString(provider) : provider;
    return usageError(`unknown provider "${shown}" (expected ${PROVIDERS.join(' or ')})`);
  }
  // Never echo the extra argument: it may be a misplaced secret.
  if (extra.length > 0) return usageError('too many arguments (quote the connection string: it contains ;)');
  if (showSecrets && scripts.length === 0) return usageError('--show-secrets works only with -e: the shell always masks secrets');
  return { kind: 'connect', provider, connectionString: connectionString ?? '', scripts, format, showSecrets };
}

/** `--format=csv` → [`--format`, `csv`]; other arguments pass through. */
function splitInlineValue(arg: string): [string, string | undefined] {
  if (!arg.startsWith('--')) return [arg, undefined];
  const equals = arg.indexOf('=');
  return equals === -1 ? [arg, undefined] : [arg.slice(0, equals), arg.slice(equals + 1)];
}

function usageError(message: string): CliCommand {
  return { kind: 'usage-error', message };
}

export function isProvider(value: string): value is Provider {
  return (PROVIDERS as readonly string[]).includes(value);
}

function isScriptFormat(value: string | undefined): value is ScriptFormat {
  return value !== undefined && (SCRIPT_FORMATS as readonly string[]).includes(value);
}
