/**
 * Browser-test server: a fresh data directory with a small seeded province, classified, with one user per
 * role (tests/e2e/users.ts), then `next start` on it. Requires `next build` first.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { dispatch } from '../server/cli/dispatch';
import { closeDb, getDb } from '../server/db/client';
import { E2E_USERS } from '../tests/e2e/users';
import { checkEnterprise, registerRepair } from '../server/repair/register';
import { clearStale } from '../server/classify/housekeeping';
import { pastLease } from '../tests/integration/leases';
import type { Viewer } from '../server/auth/viewer';

const port = Number(process.argv[2] ?? 3199);
const dataDir = process.env.E2E_DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'xinyan-e2e-'));
process.env.XINYAN_DATA_DIR = dataDir;

async function run(argv: string[], stdin = ''): Promise<void> {
  const code = await dispatch(argv, {
    out: (s) => console.log(s), err: (s) => console.error(s), progress: () => {}, stdin,
    db: () => getDb({ dataDir }), actor: 'e2e',
  });
  if (code !== 0) throw new Error(`${argv.join(' ')} exited ${code}`);
}

/**
 * A credit repair whose re-classification died with its process: the repair is registered (its credit_repair event
 * written, its re-classification recorded as running) and never run; the housekeeping of the next start closes it
 * as failed. tests/e2e/objections.spec.ts runs it again from the register. Basis text: 信用修复申请书（E2E-中断）.
 */
async function plantInterruptedRepair(): Promise<void> {
  const db = await getDb({ dataDir });
  const viewer: Viewer = { name: 'e2e', role: 'admin', regionCode: '' };
  const candidates = await db.rows<{ uscc: string }>({ text: `SELECT DISTINCT uscc FROM events WHERE category = 'penalty'
    AND amount_yuan > 1000 AND event_date BETWEEN '2025-06-01' AND '2026-03-15' ORDER BY uscc DESC LIMIT 40`, params: {} });
  for (const { uscc } of candidates) {
    const rec = (await checkEnterprise(db, viewer, uscc, '2026-10-15')).records.find((r) => r.eligibility.status === 'eligible');
    if (!rec) continue;
    const res = await registerRepair(db, viewer, { uscc, eventId: rec.event_id, basis: '信用修复申请书（E2E-中断）', repairDate: '2026-10-15' });
    if (!res.reclass) throw new Error('the planted repair re-classifies no month');
    await pastLease(db);
    await clearStale(db);
    return;
  }
  throw new Error('no repairable penalty for the interrupted-repair fixture');
}

async function main() {
  const marker = path.join(dataDir, '.e2e-ready');
  if (!fs.existsSync(marker)) {
    await run(['seed', '--enterprises', '6000', '--months', '24', '--seed', '7', '--end-month', '2026-10', '--out', path.join(dataDir, 'seed-out')]);
    // The 24 seeded months (2024-11 … 2026-10), not the history the seed writes before them (setup.ts).
    await run(['classify', '--all', '--since', '2024-11']);
    await run(['warnings', '--all', '--since', '2024-11']);
    // --force: a run that died before the marker left its users; a re-run sets them again.
    for (const u of E2E_USERS) await run(['users', 'add', u.name, '--role', u.role, ...(u.region ? ['--region', u.region] : []), '--force'], u.password);
    await plantInterruptedRepair();
    fs.writeFileSync(marker, new Date().toISOString());
  }
  await closeDb();
  const child = spawn(process.execPath, [path.join('node_modules', 'next', 'dist', 'bin', 'next'), 'start', '-p', String(port), '-H', '127.0.0.1'], {
    stdio: 'inherit', env: { ...process.env, XINYAN_DATA_DIR: dataDir, PORT: String(port) },
  });
  const stop = () => { child.kill('SIGTERM'); };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  child.on('exit', (code) => process.exit(code ?? 0));
}

main().catch((e) => { console.error(e); process.exit(1); });
