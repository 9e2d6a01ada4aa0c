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
