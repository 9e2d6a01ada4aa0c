import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getDb, closeDb } from '../../server/db/client';
import { audit, flushAudit } from '../../server/auth/audit';
import { trusted } from '../../server/db/sql';
import { appRouter } from '../../server/trpc/root';
import { createCallerFactory } from '../../server/trpc/init';
import { addUser } from '../../server/auth/users';
import { loadReferenceData } from '../../server/reference/load';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xy-audit-'));
after(async () => { await closeDb(); fs.rmSync(dataDir, { recursive: true, force: true }); });

test('audit entries are written with their time, user and action, and read back by the admin procedure', async () => {
  const db = await getDb({ dataDir });
  await loadReferenceData(db);
  const before = Date.now();
  audit(db, { name: 'zhang', role: 'analyst', regionCode: '' }, 'export', 'research.export', { filters: { region: '220100' } }, '10.0.0.7');
  await flushAudit(db);
  const rows = await db.rows<{ user: string; action: string; target: string; detail: string; ip: string; ms: number }>(
    trusted('SELECT user, action, target, detail, ip, toUnixTimestamp64Milli(ts) AS ms FROM audit_log'));
  assert.equal(rows.length, 1);
  assert.equal(rows[0]!.user, 'zhang');
  assert.equal(rows[0]!.action, 'export');
  assert.equal(rows[0]!.ip, '10.0.0.7');
  assert.match(rows[0]!.detail, /220100/);
  const ms = Number(rows[0]!.ms);
  assert.ok(ms >= before - 5 && ms <= Date.now() + 5, `timestamp ${ms} within the call`);

  // Calls through authed procedures are logged; the admin reads them; others may not.
  await addUser(db, { name: 'boss', role: 'admin', regionCode: '', password: 'boss-password' });
  const caller = createCallerFactory(appRouter)({ db: async () => db, viewer: { name: 'boss', role: 'admin', regionCode: '' }, ip: '127.0.0.1' });
  await caller.system.me();
  await new Promise((r) => setTimeout(r, 50));
  const log = await caller.admin.auditLog({ limit: 10 });
  assert.ok(log.some((r) => r.user === 'boss' && r.target === 'system.me' && r.action === 'view'), JSON.stringify(log));
  const analyst = createCallerFactory(appRouter)({ db: async () => db, viewer: { name: 'zhang', role: 'analyst', regionCode: '' }, ip: '' });
  await assert.rejects(() => analyst.admin.auditLog({ limit: 10 }), /无权/);
});

test('a failed sign-in is logged under the name tried with no role (it was logged as 合作研究 whoever tried)', async () => {
  process.env.XINYAN_DATA_DIR = dataDir;
  const db = await getDb({ dataDir });
  const { POST } = await import('../../app/api/auth/login/route');
  const form = (name: string, password: string) => {
    const body = new URLSearchParams({ name, password, next: '/' });
    return new Request('http://127.0.0.1/api/auth/login', { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': '6.6.6.6, 10.0.0.9' } });
  };
  const bad = await POST(form('boss', 'not-the-password'));
  assert.equal(bad.status, 303);
  assert.match(bad.headers.get('location') ?? '', /error=1/);
  // Not a form (a script posting JSON): no 500, the sign-in page again.
  const json = await POST(new Request('http://127.0.0.1/api/auth/login', { method: 'POST', body: '{"name":"x"}', headers: { 'content-type': 'application/json' } }));
  assert.equal(json.status, 303);
  assert.match(json.headers.get('location') ?? '', /^\/login\?error=1/);
  const good = await POST(form('boss', 'boss-password'));
  assert.equal(good.headers.get('location'), '/');
  await flushAudit(db);
  const rows = await db.rows<{ user: string; role: string; action: string; ip: string }>(
    trusted("SELECT user, role, action, ip FROM audit_log WHERE action IN ('login', 'login_failed') ORDER BY ts"));
  assert.deepEqual(rows.map((r) => ({ ...r })), [
    { user: 'boss', role: '', action: 'login_failed', ip: '10.0.0.9' },
    { user: '', role: '', action: 'login_failed', ip: '' },
    { user: 'boss', role: 'admin', action: 'login', ip: '10.0.0.9' },
  ]);
});

test('calls refused for the role or the data scope are logged as denied, with what was asked', async () => {
  const db = await getDb({ dataDir });
  const viewer = (name: string, role: 'analyst' | 'partner', regionCode = '') => createCallerFactory(appRouter)({ db: async () => db, viewer: { name, role, regionCode }, ip: '10.0.0.5' });
  await assert.rejects(() => viewer('zhang', 'analyst').admin.auditLog({ limit: 10 }), /无权/);
  await assert.rejects(() => viewer('p1', 'partner').briefing.get({}), /无权/);
  await assert.rejects(() => viewer('cc', 'analyst', '220100').briefing.get({ region: '220200' }), /超出了您的数据范围/);
  await new Promise((r) => setTimeout(r, 50));
  await flushAudit(db);
  const admin = createCallerFactory(appRouter)({ db: async () => db, viewer: { name: 'boss', role: 'admin', regionCode: '' }, ip: '' });
  const denied = (await admin.admin.auditLog({ action: 'denied', limit: 10 })).filter((r) => r.ip === '10.0.0.5');
  assert.deepEqual(denied.map((r) => [r.user, r.role, r.target, r.detail, r.ip]).sort(), [
    ['cc', 'analyst', 'briefing.get', '{"region":"220200"}', '10.0.0.5'],
    ['p1', 'partner', 'briefing.get', '{}', '10.0.0.5'],
    ['zhang', 'analyst', 'admin.auditLog', '{"limit":10}', '10.0.0.5'],
  ]);
});

test('an entry keeps the data scope the user had when they acted', async () => {
  const db = await getDb({ dataDir });
  const cc = createCallerFactory(appRouter)({ db: async () => db, viewer: { name: 'cc2', role: 'analyst', regionCode: '220100' }, ip: '10.0.0.6' });
  const all = createCallerFactory(appRouter)({ db: async () => db, viewer: { name: 'all2', role: 'analyst', regionCode: '' }, ip: '10.0.0.6' });
  await cc.system.me();
  await all.system.me();
  await new Promise((r) => setTimeout(r, 50));
  await flushAudit(db);
  const admin = createCallerFactory(appRouter)({ db: async () => db, viewer: { name: 'boss', role: 'admin', regionCode: '' }, ip: '' });
  const rows = (await admin.admin.auditLog({ limit: 50 })).filter((r) => r.ip === '10.0.0.6');
  assert.deepEqual(rows.map((r) => [r.user, r.region_code, r.region_name]).sort(), [['all2', '', ''], ['cc2', '220100', '长春市']]);
});

test('signing out is logged, and ends the session', async () => {
  process.env.XINYAN_DATA_DIR = dataDir;
  const db = await getDb({ dataDir });
  const { NextRequest } = await import('next/server');
  const { POST } = await import('../../app/api/auth/logout/route');
  const { issueSession, viewerFromSession, SESSION_COOKIE } = await import('../../server/auth/users');
  const s = (await issueSession(db, 'boss')).value;
  const res = await POST(new NextRequest('http://127.0.0.1/api/auth/logout', { method: 'POST', headers: { cookie: `${SESSION_COOKIE}=${encodeURIComponent(s)}`, 'x-forwarded-for': '6.6.6.6, 10.0.0.8' } }));
  assert.equal(res.status, 303);
  assert.equal(await viewerFromSession(db, s), null);
  await flushAudit(db);
  const admin = createCallerFactory(appRouter)({ db: async () => db, viewer: { name: 'boss', role: 'admin', regionCode: '' }, ip: '' });
  const rows = await admin.admin.auditLog({ action: 'logout', limit: 10 });
  assert.deepEqual(rows.map((r) => [r.user, r.role, r.target, r.ip]), [['boss', 'admin', '/logout', '10.0.0.8']]);
});

test('creating or replacing an account from the command line is logged', async () => {
  const db = await getDb({ dataDir });
  const { dispatch } = await import('../../server/cli/dispatch');
  const run = (argv: string[], stdin: string) => dispatch(['users', ...argv], { out: () => {}, err: () => {}, progress: () => {}, stdin, db: async () => db, actor: 'cli' });
  assert.equal(await run(['add', 'newbie', '--role', 'analyst', '--region', '220100'], 'newbie-password\n'), 0);
  assert.equal(await run(['add', 'newbie', '--role', 'admin', '--force'], 'other-password\n'), 0);
  await flushAudit(db);
  const rows = await db.rows<{ user: string; role: string; action: string; target: string; detail: string }>(
    trusted("SELECT user, role, action, target, detail FROM audit_log WHERE target LIKE 'cli users%' ORDER BY ts"));
  assert.deepEqual(rows.map((r) => ({ ...r, detail: JSON.parse(r.detail) as unknown })), [
    { user: 'cli', role: '', action: 'change', target: 'cli users.add', detail: { user: 'newbie', role: 'analyst', region: '220100' } },
    { user: 'cli', role: '', action: 'change', target: 'cli users.replace', detail: { user: 'newbie', role: 'admin', region: '', was: { role: 'analyst', region: '220100' } } },
  ]);
});
