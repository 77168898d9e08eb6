/** Body parsers for the validate layer: JSON, optionally checked against a zod schema. */
import type { ZodType } from 'zod';
import type { BodyParser } from './types.js';

export function jsonBody(schema?: ZodType, expected?: string): BodyParser {
  return (body) => {
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      return { ok: false, detail: `invalid JSON (${body.length} bytes)` };
    }
    if (!schema) return { ok: true, value: json };
    const checked = schema.safeParse(json);
    if (checked.success) return { ok: true, value: checked.data };
    const issue = checked.error.issues[0];
    const where = issue ? ` (at ${issue.path.length > 0 ? issue.path.join('.') : 'the top'}: ${issue.message})` : '';
    return { ok: false, detail: `${expected ? `expected ${expected}` : 'unexpected shape'}${where}` };
  };
}
