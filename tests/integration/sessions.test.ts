/**
 * Sessions end on the server when their user signs out: the signed-out cookie (or a copy of it) no longer signs
 * anyone in, while the same user's other sessions go on; a tampered or expired cookie never did.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getDb, closeDb, type Db } from '../../server/db/client';
import { addUser, issueSession, revokeSession, viewerFromSession } from '../../server/auth/users';

let db: Db;
before(async () => {
  db = await getDb({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'xy-sessions-')) });
  await addUser(db, { name: 'ana', role: 'analyst', regionCode: '', password: 'pass-ana-1' });
});
after(async () => { await closeDb(); });

test('signing out ends that session on the server, not the user\'s other sessions', async () => {
  const office = (await issueSession(db, 'ana')).value;
  const laptop = (await issueSession(db, 'ana')).value;
  assert.deepEqual(await viewerFromSession(db, office), { name: 'ana', role: 'analyst', regionCode: '' });
  await revokeSession(db, office);
  assert.equal(await viewerFromSession(db, office), null, 'the signed-out cookie no longer works');
  assert.equal((await viewerFromSession(db, laptop))?.name, 'ana', 'another session of the same user goes on');
  const rows = await db.rows<{ n: number }>({ text: 'SELECT toUInt32(count()) AS n FROM revoked_sessions WHERE expires_at > now()', params: {} });
  assert.equal(Number(rows[0]!.n), 1, 'recorded in the database, for the other processes serving it');
});

test('a tampered cookie signs no one in, and revoking it records nothing', async () => {
  const s = (await issueSession(db, 'ana')).value;
  const [payload, mac] = s.split('.');
  const forged = Buffer.from(JSON.stringify({ n: 'admin', exp: Date.now() + 3600_000, sid: 'x' })).toString('base64url');
  assert.equal(await viewerFromSession(db, `${forged}.${mac}`), null);
  await revokeSession(db, `${forged}.${mac}`);
  assert.equal(await viewerFromSession(db, `${payload}.${mac}`).then((v) => v?.name), 'ana');
});

test('replacing an account (a new password after a leak, users add --force) ends the sessions opened before it', async () => {
  await addUser(db, { name: 'leak', role: 'analyst', regionCode: '', password: 'old-password-1' });
  const before = (await issueSession(db, 'leak')).value;
  assert.equal((await viewerFromSession(db, before))?.name, 'leak');
  await addUser(db, { name: 'leak', role: 'leader', regionCode: '', password: 'new-password-2' });
  assert.equal(await viewerFromSession(db, before), null, 'the session of the old password no longer signs in');
  const after = (await issueSession(db, 'leak')).value;
  assert.deepEqual(await viewerFromSession(db, after), { name: 'leak', role: 'leader', regionCode: '' });
});

test('five failed sign-ins of a name within 15 minutes lock it for 15 minutes, even with the right password', async () => {
  const { login, loginLocked } = await import('../../server/auth/users');
  await addUser(db, { name: 'guess', role: 'analyst', regionCode: '', password: 'right-password-1' });
  // Now, not a fixed day: the failures are rows of login_attempts, dropped a day after (TTL).
  const t0 = Date.now();
  for (let i = 0; i < 4; i++) assert.equal(await login(db, 'guess', `wrong-${i}`, t0 + i * 60_000), null);
  assert.equal(await loginLocked(db, 'guess', t0 + 4 * 60_000), 0, 'four failures: not locked');
  assert.equal(await login(db, 'guess', 'wrong-4', t0 + 4 * 60_000), null);
  assert.equal(await loginLocked(db, 'guess', t0 + 5 * 60_000), 14);
  assert.equal(await login(db, 'guess', 'right-password-1', t0 + 5 * 60_000), null, 'locked: the right password does not sign in');
  assert.equal(await loginLocked(db, 'ana', t0 + 5 * 60_000), 0, 'other names are not locked');
  assert.equal((await login(db, 'guess', 'right-password-1', t0 + 20 * 60_000))?.name, 'guess', 'unlocked 15 minutes later');
  // Failures spread over more than 15 minutes do not add up.
  for (let i = 0; i < 8; i++) assert.equal(await login(db, 'guess', 'wrong', t0 + 30 * 60_000 + i * 4 * 60_000), null);
  assert.equal(await loginLocked(db, 'guess', t0 + 30 * 60_000 + 29 * 60_000), 0);
});
