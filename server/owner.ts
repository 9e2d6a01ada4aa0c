/**
 * chdb lets only one process open a data directory. When the workbench server holds it, it leaves
 * `<dataDir>/.server.json` (port, pid, secret token; mode 0600) and CLI commands are handed to it
 * over loopback (`POST /api/cli`) instead of opening the engine themselves.
 */
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';

export interface OwnerInfo { pid: number; port: number; token: string; startedAt: string }

export function ownerFile(dataDir: string): string { return path.join(dataDir, '.server.json'); }

export function claimOwnership(dataDir: string, port: number): OwnerInfo {
  fs.mkdirSync(dataDir, { recursive: true });
  const info: OwnerInfo = { pid: process.pid, port, token: crypto.randomBytes(24).toString('hex'), startedAt: new Date().toISOString() };
  fs.writeFileSync(ownerFile(dataDir), JSON.stringify(info), { mode: 0o600 });
  const release = () => { try { const cur = readOwner(dataDir); if (cur?.pid === process.pid) fs.unlinkSync(ownerFile(dataDir)); } catch { /* already gone */ } };
  process.once('exit', release);
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => { release(); process.exit(0); });
  return info;
}

export function readOwner(dataDir: string): OwnerInfo | undefined {
  try {
    const info = JSON.parse(fs.readFileSync(ownerFile(dataDir), 'utf8')) as OwnerInfo;
    process.kill(info.pid, 0); // throws when the process is gone
    return info;
  } catch {
    return undefined;
  }
}

export function tokenMatches(dataDir: string, token: string | null): boolean {
  const info = readOwner(dataDir);
  if (!info || !token || info.pid !== process.pid) return false;
  const a = Buffer.from(info.token);
  const b = Buffer.from(token);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}
