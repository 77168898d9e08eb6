// A JSON text already serialised, standing for its value in an answer body: cached fragments
// (a projected node, an insights answer) are written as they are instead of being rebuilt and
// stringified again. Only whole bodies and the containers built from them (toJsonText callers)
// may hold one; JSON.stringify would not know it, so it must never sit inside a plain object.

export class RawJson {
  private quotedText: string | undefined;

  constructor(readonly text: string) {}

  /** JSON.stringify(text): the body as a batch answer carries it, made once per (cached) instance. */
  get quoted(): string {
    return (this.quotedText ??= JSON.stringify(this.text));
  }
}

/** JSON.stringify(body), where the body itself may already be serialised. */
export function toJsonText(body: unknown): string {
  return body instanceof RawJson ? body.text : JSON.stringify(body);
}

/** JSON.stringify(JSON.stringify(body)): a batch item's body field. */
export function toQuotedJsonText(body: unknown): string {
  return body instanceof RawJson ? body.quoted : JSON.stringify(JSON.stringify(body));
}
