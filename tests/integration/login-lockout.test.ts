/**
 * The sign-in lockout (登录失败处理: five failures of a name within 15 minutes lock it for 15 minutes) holds across
 * the processes serving one database and across a restart: the failures are rows of `login_attempts`, not a Map in
 * one process. A second process is simulated by a fresh instance of the users module (its own in-process state, the
 * same database), a restart by closing the engine and opening the data directory again with a fresh module; on a
 * ClickHouse server a real second process signs in too.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getDb, closeDb, type Db } from '../../server/db/client';
import * as users from '../../server/auth/users';
import { loginErrorText } from '../../server/auth/loginError';
import { runJsonChild } from './child-process';
import { serverOnly } from './leases';
import { dispatch } from '../../server/cli/dispatch';

type Users = typeof users;
const here = path.dirname(fileURLToPath(import.meta.url));
let instances = 0;
/** The users module as another process (or a restarted one) has it: none of this process's in-memory state. */
async function otherProcess(): Promise<Users> {
  return (await import(`${new URL('../../server/auth/users.ts', import.meta.url).href}?process=${++instances}`)) as Users;
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xy-lockout-'));
let db: Db;
const MIN = 60_000;
before(async () => {
  process.env.XINYAN_DATA_DIR = dataDir;
  db = await getDb({ dataDir });
  for (const name of ['split', 'reset', 'expire', 'restart', 'page', 'child', 'unlock', 'free'])
    await users.addUser(db, { name, role: 'analyst', regionCode: '', password: `right-${name}-1` });
});
after(async () => { await closeDb(); fs.rmSync(dataDir, { recursive: true, force: true }); });

test('failures made through two processes add up: five in all lock the name in both, even with the right password', async () => {
  const b = await otherProcess();
  const t0 = Date.now();
  for (let i = 0; i < 3; i++) assert.equal(await users.login(db, 'split', `wrong-a${i}`, t0 + i * MIN), null);
  for (let i = 3; i < 5; i++) assert.equal(await b.login(db, 'split', `wrong-b${i}`, t0 + i * MIN), null);
  assert.equal(await users.loginLocked(db, 'split', t0 + 5 * MIN), 14, 'the first process sees the lock the second completed');
  assert.equal(await b.loginLocked(db, 'split', t0 + 5 * MIN), 14);
  assert.equal(await users.login(db, 'split', 'right-split-1', t0 + 5 * MIN), null, 'locked: the right password does not sign in');
  const c = await otherProcess();
  assert.equal(await c.login(db, 'split', 'right-split-1', t0 + 6 * MIN), null, 'nor in a third process');
  assert.equal(await c.loginLocked(db, 'reset', t0 + 6 * MIN), 0, 'other names are not locked');
});

test('a success in one process clears the failures made in another', async () => {
  const b = await otherProcess();
  const t0 = Date.now();
  for (let i = 0; i < 4; i++) assert.equal(await users.login(db, 'reset', `wrong-${i}`, t0 + i * MIN), null);
  assert.equal((await b.login(db, 'reset', 'right-reset-1', t0 + 4 * MIN))?.name, 'reset');
  assert.equal(await users.login(db, 'reset', 'wrong-4', t0 + 5 * MIN), null);
  assert.equal(await users.loginLocked(db, 'reset', t0 + 5 * MIN), 0, 'one failure after the success: not locked');
  assert.equal((await users.login(db, 'reset', 'right-reset-1', t0 + 6 * MIN))?.name, 'reset');
  for (let i = 0; i < 5; i++) assert.equal(await users.login(db, 'reset', `again-${i}`, t0 + (7 + i) * MIN), null);
  assert.equal(await b.loginLocked(db, 'reset', t0 + 12 * MIN), 14, 'five failures after the success lock the name');
});

test('the lock ends 15 minutes after the fifth failure; failures while locked do not count', async () => {
  const t0 = Date.now();
  for (let i = 0; i < 5; i++) assert.equal(await users.login(db, 'expire', `wrong-${i}`, t0 + i * MIN), null);
  const b = await otherProcess();
  assert.equal(await b.loginLocked(db, 'expire', t0 + 18 * MIN + 1), 1, 'locked from the fifth failure (minute 4) until minute 19');
  for (let i = 0; i < 4; i++) assert.equal(await b.login(db, 'expire', `while-locked-${i}`, t0 + (15 + i) * MIN), null);
  assert.equal(await b.login(db, 'expire', 'right-expire-1', t0 + 19 * MIN - 1), null, 'still locked a moment before');
  assert.equal(await b.loginLocked(db, 'expire', t0 + 19 * MIN), 0);
  const c = await otherProcess();
  assert.equal(await c.login(db, 'expire', 'wrong-after', t0 + 19 * MIN), null);
  assert.equal(await c.loginLocked(db, 'expire', t0 + 19 * MIN), 0, 'the failures made while locked did not count');
  assert.equal((await c.login(db, 'expire', 'right-expire-1', t0 + 20 * MIN))?.name, 'expire');
  // Failures spread over more than 15 minutes do not add up.
  for (let i = 0; i < 8; i++) assert.equal(await c.login(db, 'expire', 'wrong', t0 + 30 * MIN + i * 4 * MIN), null);
  assert.equal(await (await otherProcess()).loginLocked(db, 'expire', t0 + 59 * MIN), 0);
});

test('a restart keeps the lock', async () => {
  const t0 = Date.now();
  for (let i = 0; i < 5; i++) assert.equal(await users.login(db, 'restart', `wrong-${i}`, t0 + i * MIN), null);
  await closeDb();
  db = await getDb({ dataDir });
  const restarted = await otherProcess();
  assert.equal(await restarted.loginLocked(db, 'restart', t0 + 5 * MIN), 14);
  assert.equal(await restarted.login(db, 'restart', 'right-restart-1', t0 + 5 * MIN), null);
  assert.equal((await restarted.login(db, 'restart', 'right-restart-1', t0 + 20 * MIN))?.name, 'restart');
});

test('the sign-in route sends a name locked by another process to the page\'s "locked" message, with the minutes left', async () => {
  const b = await otherProcess();
  // The fifth failure 10 minutes ago: 5 minutes of the lock are left.
  const t0 = Date.now() - 10 * MIN;
  for (let i = 0; i < 5; i++) assert.equal(await b.login(db, 'page', `wrong-${i}`, t0 + i), null);
  const { POST } = await import('../../app/api/auth/login/route');
  const body = new URLSearchParams({ name: 'page', password: 'right-page-1', next: '/' });
  const res = await POST(new Request('http://127.0.0.1/api/auth/login', { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } }));
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('set-cookie'), null, 'no session');
  const sp = new URL(res.headers.get('location') ?? '', 'http://127.0.0.1/').searchParams;
  assert.equal(sp.get('error'), 'locked');
  assert.equal(sp.get('wait'), '5');
  assert.equal(loginErrorText(sp.get('error') ?? undefined, sp.get('wait') ?? undefined), '登录失败次数过多，该账号已暂时锁定，请 5 分钟后再试');
  // Not a fresh 15 minutes at each attempt; a wait that is not 1–15 (typed into the address) reads as 15.
  for (const wait of [undefined, '', '0', '16', '2.5', 'x']) assert.match(loginErrorText('locked', wait) ?? '', /请 15 分钟后再试$/);
  assert.equal(loginErrorText('1'), '用户名或密码错误');
  assert.equal(loginErrorText(undefined), null);
});

test('on a server, failures made by another process lock the name in this one', { skip: serverOnly }, async () => {
  const run = await runJsonChild<{ signedIn: boolean; locked: number }>(path.join(here, 'login-child.ts'), [dataDir, 'child', 'wrong-password', '5']);
  assert.deepEqual(run.lines.map((l) => l.locked), [0, 0, 0, 0, 15]);
  assert.equal(await users.loginLocked(db, 'child'), 15);
  assert.equal(await users.login(db, 'child', 'right-child-1'), null);
});

test('`users unlock NAME` lifts a lock in every process (within the 30 s a process trusts a lock it saw) and is listed and audited', async () => {
  const cli = async (argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await dispatch(['users', ...argv], { out: (x) => out.push(x), err: (x) => err.push(x), progress: () => {}, stdin: '', db: async () => db, actor: 'ops' });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };
  for (let i = 0; i < 5; i++) assert.equal(await users.login(db, 'unlock', `wrong-${i}`), null);
  const b = await otherProcess();
  assert.equal(await b.login(db, 'unlock', 'right-unlock-1'), null, 'locked: this process has now seen the lock');
  const listed = JSON.parse((await cli(['list', '--json'])).out) as { users: Array<{ name: string; locked_minutes: number }> };
  assert.equal(listed.users.find((u) => u.name === 'unlock')?.locked_minutes, 15);
  assert.equal(listed.users.find((u) => u.name === 'free')?.locked_minutes, 0);
  assert.match((await cli(['list'])).out, /unlock\tanalyst\t全部\t登录已锁定（剩余 15 分钟）/);
  const r = await cli(['unlock', 'unlock', '--json']);
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(JSON.parse(r.out), { user: 'unlock', was_locked: true, locked_minutes: 15 });
  // This process signs in at once; another that saw the lock trusts it at most 30 s more.
  assert.equal((await users.login(db, 'unlock', 'right-unlock-1'))?.name, 'unlock');
  assert.equal((await b.login(db, 'unlock', 'right-unlock-1', Date.now() + 31_000))?.name, 'unlock');
  assert.equal(await (await otherProcess()).loginLocked(db, 'unlock'), 0);
  // The failures are cleared too: four more do not lock.
  for (let i = 0; i < 4; i++) assert.equal(await users.login(db, 'unlock', `again-${i}`), null);
  assert.equal(await users.loginLocked(db, 'unlock'), 0);
  assert.equal((await cli(['unlock', 'nobody'])).code, 1, 'an unknown user: bad input');
  assert.equal((await cli(['unlock'])).code, 2, 'no name: usage');
  const { flushAudit } = await import('../../server/auth/audit');
  await flushAudit(db);
  const rows = await db.rows<{ user: string; target: string; detail: string }>({ text: "SELECT user, target, detail FROM audit_log WHERE target = 'cli users.unlock'", params: {} });
  assert.equal(rows.length, 1);
  assert.equal(rows[0]!.user, 'ops');
  assert.deepEqual(JSON.parse(String(rows[0]!.detail)), { user: 'unlock', locked_minutes: 15 });
});
