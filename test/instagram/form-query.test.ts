/** The client writes query strings itself (fan-outs build thousands): they must equal URLSearchParams's. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTransport } from '../../src/http/transport.js';
import { silentLogger } from '../../src/log/logger.js';
import { formQuery, InstagramClient } from '../../src/providers/instagram/client.js';

test('formQuery writes what URLSearchParams writes', () => {
  const cases: Record<string, string>[] = [
    {},
    { metric: 'reach,views,shares', fields: 'id,media_type' },
    { q: "a b!'()~*-._", 'k e&y=': 'v=1&2+3%/?#' },
    { text: 'é😀\n"\\[]:@$;', 2: 'two', 1: 'one' },
    { lone: '\uD800x', other: '\uDC00' },
    { empty: '', '': 'blank key' },
  ];
  for (const query of cases) assert.equal(formQuery(query), new URLSearchParams(query).toString(), JSON.stringify(query));
});

test('url() encodes a frozen query once and a changed one afresh', async () => {
  const transport = createTransport({ timeoutSeconds: 5 });
  const client = new InstagramClient({
    baseUrl: 'http://127.0.0.1:9',
    version: 'v24.0',
    session: { token: async () => 'T', renew: async () => false, secrets: () => ['T'] },
    transport,
    maxConcurrency: 8,
    maxRateLimitDelay: 60,
    cacheTtlSeconds: 0,
    pageSize: 25,
    logger: silentLogger,
  });
  try {
    const shared = Object.freeze({ metric: 'reach,views' });
    assert.equal(client.url('/1/insights', shared), 'http://127.0.0.1:9/v24.0/1/insights?metric=reach%2Cviews');
    assert.equal(client.url('/2/insights', shared), 'http://127.0.0.1:9/v24.0/2/insights?metric=reach%2Cviews');
    const mutable: Record<string, string> = { fields: 'id' };
    assert.equal(client.url('/3', mutable), 'http://127.0.0.1:9/v24.0/3?fields=id');
    mutable.fields = 'id,text';
    assert.equal(client.url('/3', mutable), 'http://127.0.0.1:9/v24.0/3?fields=id%2Ctext');
    assert.equal(client.url('/4/insights', shared), 'http://127.0.0.1:9/v24.0/4/insights?metric=reach%2Cviews');
  } finally {
    await transport.close();
  }
});
