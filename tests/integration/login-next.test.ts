/** The sign-in form's `next`: a path on this site, never another host however it is spelled (an open redirect). */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getDb, closeDb } from '../../server/db/client';
import { addUser } from '../../server/auth/users';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xy-next-'));
before(async () => {
  process.env.XINYAN_DATA_DIR = dataDir;
  const db = await getDb({ dataDir });
  await addUser(db, { name: 'nx', password: 'nx-password-1', role: 'leader', regionCode: '' });
});
after(async () => { await closeDb(); fs.rmSync(dataDir, { recursive: true, force: true }); });

async function signIn(next: string, name = 'nx', password = 'nx-password-1'): Promise<string> {
  const { POST } = await import('../../app/api/auth/login/route');
  const body = new URLSearchParams({ name, password, next });
  const res = await POST(new Request('http://127.0.0.1/api/auth/login', { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } }));
  assert.equal(res.status, 303);
  return res.headers.get('location') ?? '';
}

test('after signing in, a path on this site is kept', async () => {
  assert.equal(await signIn('/research?r=220100&m=2026-09#t'), '/research?r=220100&m=2026-09#t');
  assert.equal(await signIn('/'), '/');
});

test('a next that a browser reads as another host sends to / (after success and after a failed attempt alike)', async () => {
  for (const bad of ['//evil.example/x', '/\\evil.example/x', '/\t/evil.example', '/\n/evil.example', 'https://evil.example', '/\\/evil.example']) {
    const loc = await signIn(bad);
    assert.ok(!loc.startsWith('/login'), loc);
    assert.equal(new URL(loc, 'http://127.0.0.1:3000/').host, '127.0.0.1:3000', `${JSON.stringify(bad)} → ${loc}`);
    const failed = await signIn(bad, 'ghost', 'wrong-password');
    const again = new URL(failed, 'http://127.0.0.1:3000/').searchParams.get('next') ?? '/';
    assert.equal(new URL(again, 'http://127.0.0.1:3000/').host, '127.0.0.1:3000', `${JSON.stringify(bad)} kept in the retry link`);
  }
});
