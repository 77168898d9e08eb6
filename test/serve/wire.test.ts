/**
 * The wire layer against an independent implementation: pg-protocol (node-postgres's own) parses the
 * messages we serialize, and serializes the client messages we parse.
 */
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { parse, serialize } from 'pg-protocol';
import * as msg from '../../src/serve/wire/backend-messages.js';
import { parseCancelRequest, parseFrontendMessage, ProtocolViolation } from '../../src/serve/wire/frontend-messages.js';

async function parsed(...messages: Uint8Array[]): Promise<Record<string, unknown>[]> {
  const stream = new PassThrough();
  const out: Record<string, unknown>[] = [];
  const done = parse(stream, (m) => out.push(m as unknown as Record<string, unknown>));
  for (const m of messages) stream.write(Buffer.from(m));
  stream.end();
  await done;
  return out;
}

test('backend messages read back through pg-protocol', async () => {
  const [rd, row, cc, err, ready, key, pd] = await parsed(
    msg.rowDescription([{ name: 'Id', typeOid: 25, typeSize: -1, format: 0 }, { name: 'Budget', typeOid: 20, typeSize: 8, format: 1 }]),
    msg.dataRow([new TextEncoder().encode('héllo'), null]),
    msg.commandComplete('SELECT 1'),
    msg.errorResponse({ severity: 'ERROR', code: '42601', message: 'Syntax error: unexpected "WHER"', position: 27, detail: 'd', hint: 'h' }),
    msg.readyForQuery('transaction'),
    msg.backendKeyData(4242, 99),
    msg.parameterDescription([25, 23]),
  );
  assert.deepEqual((rd!.fields as { name: string; dataTypeID: number; format: string }[]).map((f) => [f.name, f.dataTypeID, f.format]), [['Id', 25, 'text'], ['Budget', 20, 'binary']]);
  assert.deepEqual(row!.fields, ['héllo', null]);
  assert.equal(cc!.text, 'SELECT 1');
  assert.equal(err!.code, '42601');
  assert.equal(err!.position, '27');
  assert.equal(err!.message, 'Syntax error: unexpected "WHER"');
  assert.equal(err!.detail, 'd');
  assert.equal(ready!.status, 'T');
  assert.deepEqual([key!.processID, key!.secretKey], [4242, 99]);
  assert.deepEqual(pd!.dataTypeIDs, [25, 23]);
  const kinds = await parsed(msg.parseComplete(), msg.bindComplete(), msg.closeComplete(), msg.noData(), msg.portalSuspended(), msg.emptyQueryResponse());
  assert.deepEqual(kinds.map((k) => k.name), ['parseComplete', 'bindComplete', 'closeComplete', 'noData', 'portalSuspended', 'emptyQuery']);
});

test('client messages from pg-protocol parse into data', () => {
  assert.deepEqual(parseFrontendMessage(serialize.query('SELECT 1')), { kind: 'Query', sql: 'SELECT 1' });
  assert.deepEqual(parseFrontendMessage(serialize.parse({ name: 's1', text: 'SELECT $1', types: [25] })), { kind: 'Parse', statement: 's1', sql: 'SELECT $1', paramTypes: [25] });
  const bind = parseFrontendMessage(serialize.bind({ portal: 'p', statement: 's1', values: ['a', null, Buffer.from([1, 2])], binary: true }));
  assert.equal(bind.kind, 'Bind');
  if (bind.kind === 'Bind') {
    assert.equal(bind.portal, 'p');
    assert.equal(bind.statement, 's1');
    assert.deepEqual(bind.paramFormats, [0, 0, 1]);
    assert.deepEqual(bind.params.map((p) => (p === null ? null : [...p])), [[97], null, [1, 2]]);
    assert.deepEqual(bind.resultFormats, [1]);
  }
  assert.deepEqual(parseFrontendMessage(serialize.describe({ type: 'P', name: 'p' })), { kind: 'Describe', target: 'P', name: 'p' });
  assert.deepEqual(parseFrontendMessage(serialize.execute({ portal: 'p', rows: 10 })), { kind: 'Execute', portal: 'p', maxRows: 10 });
  assert.deepEqual(parseFrontendMessage(serialize.close({ type: 'S', name: 's1' })), { kind: 'Close', target: 'S', name: 's1' });
  assert.deepEqual(parseFrontendMessage(serialize.sync()), { kind: 'Sync' });
  assert.deepEqual(parseFrontendMessage(serialize.flush()), { kind: 'Flush' });
  assert.deepEqual(parseFrontendMessage(serialize.end()), { kind: 'Terminate' });
  assert.deepEqual(parseCancelRequest(serialize.cancel(77, 88)), { processId: 77, secretKey: 88 });
  assert.equal(parseCancelRequest(serialize.query('x')), undefined);
});

test('a truncated or malformed client message is a protocol violation, not a crash', () => {
  const good = serialize.parse({ name: 's', text: 'SELECT 1', types: [25, 23] });
  assert.throws(() => parseFrontendMessage(good.subarray(0, good.length - 3)), ProtocolViolation);
  const bind = Buffer.from(serialize.bind({ values: ['x'] }));
  bind.writeInt16BE(7, 7); // a format code that is neither 0 nor 1
  assert.throws(() => parseFrontendMessage(bind), ProtocolViolation);
});
