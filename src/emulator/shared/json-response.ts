// Writes a JSON response, applying the transport faults (truncated body,
// connection reset mid-body) that exercise a client's error handling.
import type { ServerResponse } from 'node:http';
import { JsonBytes } from './json-bytes.js';
import { toJsonText } from './raw-json.js';

export interface TransportFaults {
  truncateBody: boolean;
  resetMidBody: boolean;
}

export function sendJson(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: unknown,
  faults: TransportFaults = { truncateBody: false, resetMidBody: false },
): void {
  preparedJson(status, headers, body, faults)(res);
}

/** The response encoded now and written when called: an emulator computes, then waits out its latency. */
export function preparedJson(
  status: number,
  headers: Record<string, string>,
  body: unknown,
  faults: TransportFaults = { truncateBody: false, resetMidBody: false },
): (res: ServerResponse) => void {
  if (body instanceof JsonBytes) return (res) => sendPayload(res, status, headers, body.bytes, faults);
  const text = toJsonText(body);
  if (!faults.truncateBody && !faults.resetMidBody) {
    // The common case: no copy into a Buffer of our own; the socket encodes the string once.
    return (res) => {
      res.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(text)) });
      res.end(text);
    };
  }
  const bytes = Buffer.from(text, 'utf8');
  return (res) => sendPayload(res, status, headers, bytes, faults);
}

function sendPayload(res: ServerResponse, status: number, headers: Record<string, string>, bytes: Buffer, faults: TransportFaults): void {
  let payload = bytes;
  let finalStatus = status;
  if (faults.truncateBody && payload.length > 2) {
    // A complete HTTP message whose JSON is malformed: cut it before its last third.
    payload = payload.subarray(0, Math.max(1, Math.floor((payload.length * 2) / 3)));
    finalStatus = 200;
  }
  res.writeHead(finalStatus, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(payload.length),
  });
  if (faults.resetMidBody) {
    // Headers promise the full length; the client gets part of it, then a reset.
    const part = payload.subarray(0, Math.max(1, Math.floor(payload.length / 2)));
    res.write(part, () => res.socket?.destroy());
    return;
  }
  res.end(payload);
}

/** Reads the whole request body as text (bodies here are small: forms and batch JSON). */
export async function readBody(req: AsyncIterable<Buffer | string>, limitBytes = 1_000_000): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += buf.length;
    if (size > limitBytes) throw new Error('request body too large');
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}
