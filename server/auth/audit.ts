/** Audit log: who viewed or exported what, when. Buffered and flushed in batches. */
import type { Db } from '../db/client';
import type { Viewer } from './viewer';

interface Entry { ts: number; user: string; role: string; action: string; target: string; detail: string; ip: string }
const g = globalThis as unknown as { __xinyanAudit?: { buf: Entry[]; timer?: NodeJS.Timeout } };
const state = (g.__xinyanAudit ??= { buf: [] });

export function audit(db: Db, viewer: Viewer | null, action: string, target: string, detail: unknown, ip: string): void {
  let d = typeof detail === 'string' ? detail : JSON.stringify(detail ?? null);
  if (d.length > 2000) d = d.slice(0, 2000) + '…';
  state.buf.push({ ts: Date.now() / 1000, user: viewer?.name ?? '', role: viewer?.role ?? '', action, target, detail: d, ip });
  state.timer ??= setTimeout(() => { state.timer = undefined; void flushAudit(db); }, 1000);
}

export async function flushAudit(db: Db): Promise<void> {
  const rows = state.buf.splice(0, state.buf.length);
  if (rows.length) await db.insert('audit_log', rows).catch(() => { state.buf.unshift(...rows); });
}
