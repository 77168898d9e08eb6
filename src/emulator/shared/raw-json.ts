// A JSON text already serialised, standing for its value in an answer body: cached fragments
// (a projected node, an insights answer) are written as they are instead of being rebuilt and
// stringified again. Only whole bodies and the containers built from them (toJsonText callers)
// may hold one; JSON.stringify would not know it, so it must never sit inside a plain object.

export class RawJson {
  constructor(readonly text: string) {}
}

/** JSON.stringify(body), where the body itself may already be serialised. */
export function toJsonText(body: unknown): string {
  return body instanceof RawJson ? body.text : JSON.stringify(body);
}
