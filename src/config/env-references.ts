/**
 * `${NAME}` inside a property value (in the configuration file or a connection string) is the
 * environment variable NAME, so that secrets live in the environment, never on a command line.
 * `$${` stands for a literal `${`.
 */
import { ConnectionStringError } from '../errors.js';

export type Environment = Readonly<Record<string, string | undefined>>;

const REFERENCE = /\$\$\{|\$\{([^}]*)\}/g;
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `where` names the value for error messages (`OAuthClientSecret in connection agency-eu`); never the value. */
export function expandEnvReferences(value: string, env: Environment, where: string): string {
  return value.replace(REFERENCE, (match, name: string | undefined) => {
    if (match === '$${') return '${';
    if (name === undefined || !VARIABLE_NAME.test(name)) {
      throw new ConnectionStringError(`${where}: "\${${name ?? ''}}" is not a valid environment variable reference (expected \${NAME})`);
    }
    const found = env[name];
    if (found === undefined) throw new ConnectionStringError(`${where} refers to the environment variable ${name}, which is not set`);
    return found;
  });
}
