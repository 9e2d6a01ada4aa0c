/** Audit log: who (with their data scope) viewed, exported or changed what, when. Buffered and flushed in batches. */
import { onBeforeClose, type Db } from '../db/client';
import type { Viewer } from './viewer';

interface Entry { ts: string; user: string; role: string; region_code: string; action: string; target: string; detail: string; ip: string }
const g = globalThis as unknown as { __xinyanAudit?: { buf: Entry[]; timer?: NodeJS.Timeout } };
const state = (g.__xinyanAudit ??= { buf: [] });

/**
 * `viewer`: who acted — a signed-in viewer, or for a failed sign-in only the name tried (`role` '': nobody is signed
 * in, and the name may be no one's).
 */
export function audit(db: Db, viewer: Viewer | { name: string; role: '' } | null, action: string, target: string, detail: unknown, ip: string): void {
  let d = typeof detail === 'string' ? detail : JSON.stringify(detail ?? null);
  if (d.length > 2000) d = d.slice(0, 2000) + '…';
  // Unix seconds with milliseconds, as a string: DateTime64(3) reads it exactly, whatever the server's time zone.
  state.buf.push({
    ts: (Date.now() / 1000).toFixed(3), user: viewer?.name ?? '', role: viewer?.role ?? '',
    region_code: viewer && 'regionCode' in viewer ? viewer.regionCode : '', action, target, detail: d, ip,
  });
  onBeforeClose(flushAudit);
  if (!state.timer) {
    state.timer = setTimeout(() => { state.timer = undefined; void flushAudit(db); }, 1000);
    state.timer.unref();
  }
}

export async function flushAudit(db: Db): Promise<void> {
  const rows = state.buf.splice(0, state.buf.length);
  if (!rows.length) return;
  try {
    await db.insert('audit_log', rows);
  } catch (e) {
    // Keep the entries for the next flush (bounded), and say so: a lost audit trail must not be silent.
    state.buf.unshift(...rows.slice(-10_000));
    console.error(`audit log write failed (${rows.length} entries kept for retry):`, (e as Error).message);
  }
}
