/** The client's address recorded in the audit log: the entry a proxy we run wrote, never one the client chose. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clientAddress } from '../../server/auth/clientAddress';

const h = (x: Record<string, string>) => new Headers(x);

test('one proxy (or Next alone): the rightmost x-forwarded-for entry, not a forged leftmost one', () => {
  // nginx appended the address it saw to what the client sent
  assert.equal(clientAddress(h({ 'x-forwarded-for': '10.0.0.1, 203.0.113.7' }), 1), '203.0.113.7');
  assert.equal(clientAddress(h({ 'x-forwarded-for': '198.51.100.4' }), 1), '198.51.100.4');
  assert.equal(clientAddress(h({ 'x-forwarded-for': ' 198.51.100.4 ,, ' }), 1), '198.51.100.4');
});

test('two proxies: the second entry from the right; more than are listed: the leftmost', () => {
  assert.equal(clientAddress(h({ 'x-forwarded-for': '1.2.3.4, 203.0.113.7, 10.1.1.1' }), 2), '203.0.113.7');
  assert.equal(clientAddress(h({ 'x-forwarded-for': '203.0.113.7' }), 3), '203.0.113.7');
});

test('no x-forwarded-for: x-real-ip, else nothing', () => {
  assert.equal(clientAddress(h({ 'x-real-ip': '192.0.2.9' }), 1), '192.0.2.9');
  assert.equal(clientAddress(h({}), 1), '');
});

test('XINYAN_TRUSTED_PROXIES sets the count; a bad value counts as one', () => {
  const old = process.env.XINYAN_TRUSTED_PROXIES;
  try {
    process.env.XINYAN_TRUSTED_PROXIES = '2';
    assert.equal(clientAddress(h({ 'x-forwarded-for': 'a, b, c' })), 'b');
    process.env.XINYAN_TRUSTED_PROXIES = 'x';
    assert.equal(clientAddress(h({ 'x-forwarded-for': 'a, b, c' })), 'c');
  } finally {
    if (old === undefined) delete process.env.XINYAN_TRUSTED_PROXIES; else process.env.XINYAN_TRUSTED_PROXIES = old;
  }
});
