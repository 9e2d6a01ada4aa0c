/** The upload's multipart reader (server/import/upload.ts): parts split anywhere across chunks come out byte for byte. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { multipartBoundary, saveMultipart } from '../../server/import/upload';

test('multipartBoundary reads the boundary, quoted or not; other types give null', () => {
  assert.equal(multipartBoundary('multipart/form-data; boundary=abc123'), 'abc123');
  assert.equal(multipartBoundary('multipart/form-data; charset=utf-8; boundary="a b"'), 'a b');
  assert.equal(multipartBoundary('text/plain'), null);
  assert.equal(multipartBoundary(null), null);
});

test('files split across chunks at every size are saved exactly; near-boundaries inside a file are content', async () => {
  const b = 'BoUnDaRy42';
  const one = Buffer.from(`event_id,uscc\r\n--BoUnDaRy4\r\n--BoUnDaRy\r\nE1,"多行\r\n内容"\r\n`);
  const two = Buffer.concat([Buffer.from([0xd6, 0xd0, 0xce, 0xc4, 0x0d, 0x0a]), Buffer.from('\r\n-')]);
  const body = Buffer.concat([
    Buffer.from(`preamble\r\n--${b}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n`),
    Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="files"; filename="C:\\导出\\events.csv"\r\nContent-Type: text/csv\r\n\r\n`), one,
    Buffer.from(`\r\n--${b}\r\nContent-Disposition: form-data; name="files"; filename="roles.csv"\r\n\r\n`), two,
    Buffer.from(`\r\n--${b}\r\nContent-Disposition: form-data; name="files"; filename="x.txt"\r\n\r\nignored\r\n--${b}--\r\n`),
  ]);
  for (const size of [1, 2, 3, 5, 7, 11, 64, body.length]) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xy-upload-unit-'));
    try {
      const stream = new ReadableStream<Uint8Array>({
        start(c) { for (let i = 0; i < body.length; i += size) c.enqueue(body.subarray(i, i + size)); c.close(); },
      });
      const r = await saveMultipart(stream, b, dir, { field: 'files', maxBytes: 1e9, tooLarge: 'too large',
        accept: (name) => { const base = name.split(/[\\/]/).pop()!; return /\.csv$/.test(base) ? base : null; } });
      assert.deepEqual([...r.saved.entries()], [['events.csv', one.length], ['roles.csv', two.length]], `chunk ${size}`);
      assert.deepEqual(r.ignored, ['x.txt'], `chunk ${size}`);
      assert.ok(fs.readFileSync(path.join(dir, 'events.csv')).equals(one), `chunk ${size}`);
      assert.ok(fs.readFileSync(path.join(dir, 'roles.csv')).equals(two), `chunk ${size}`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
});

test('a body cut short, or larger than allowed, is refused', async () => {
  const b = 'B';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xy-upload-unit-'));
  try {
    const body = (s: string) => new ReadableStream<Uint8Array>({ start(c) { c.enqueue(Buffer.from(s)); c.close(); } });
    const opts = { field: 'files', maxBytes: 10, tooLarge: '文件过大', accept: (n: string) => n };
    await assert.rejects(saveMultipart(body(`--B\r\nContent-Disposition: form-data; name="files"; filename="a.csv"\r\n\r\nabc`), b, dir, opts), /上传不完整/);
    await assert.rejects(saveMultipart(body(`--B\r\nContent-Disposition: form-data; name="files"; filename="b.csv"\r\n\r\n0123456789ABC\r\n--B--\r\n`), b, dir, opts),
      (e: unknown) => (e as { status?: number }).status === 413);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
