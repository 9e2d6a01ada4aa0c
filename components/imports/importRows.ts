/** Normalises import records and reject pages for display (tolerant of snake_case / camelCase and JSON text). */
import { formatCn } from '@/server/db/time';

export interface FileCounts { file: string; accepted: number; rejected: number }
export interface ImportView {
  id: string; source: string; startedAt: string; finishedAt: string; status: string; user: string;
  files: FileCounts[]; notices: string[]; message: string;
}
export interface RejectView { file: string; line: number; key: string; reason: string; raw: string }

type Obj = Record<string, unknown>;
const s = (v: unknown) => (v === null || v === undefined ? '' : v instanceof Date ? formatCn(v) : String(v));
const pick = (o: Obj, ...keys: string[]): unknown => { for (const k of keys) if (o[k] !== undefined && o[k] !== null) return o[k]; return undefined; };

export function toImportView(row: unknown): ImportView {
  const o = (row ?? {}) as Obj;
  let summary = pick(o, 'summary');
  if (typeof summary === 'string') { try { summary = JSON.parse(summary) as unknown; } catch { summary = {}; } }
  const sum = (summary ?? {}) as Obj;
  const filesObj = (pick(o, 'files') ?? sum.files ?? {}) as Obj;
  const files: FileCounts[] = Object.entries(filesObj).map(([file, c]) => {
    const cc = (c ?? {}) as Obj;
    return { file, accepted: Number(cc.accepted ?? 0), rejected: Number(cc.rejected ?? 0) };
  });
  const rawNotices = pick(o, 'notices') ?? sum.notices ?? [];
  const notices = Array.isArray(rawNotices) ? rawNotices.map((n) => (typeof n === 'string' ? n : s((n as Obj).message ?? JSON.stringify(n)))) : [];
  return {
    id: s(pick(o, 'import_id', 'importId', 'id')),
    source: s(pick(o, 'source', 'dir')),
    startedAt: s(pick(o, 'started_at', 'startedAt')),
    finishedAt: s(pick(o, 'finished_at', 'finishedAt')),
    status: s(pick(o, 'status')),
    user: s(pick(o, 'user', 'actor')),
    files, notices,
    message: s(pick(o, 'message', 'error')),
  };
}

export function toRejectPage(res: unknown): { rows: RejectView[]; total: number | null } {
  const list = Array.isArray(res) ? res : (((res ?? {}) as Obj).rows as unknown[] | undefined) ?? [];
  const totalRaw = Array.isArray(res) ? undefined : pick((res ?? {}) as Obj, 'total', 'count');
  return {
    rows: list.map((r) => { const o = (r ?? {}) as Obj; return { file: s(o.file), line: Number(o.line ?? 0), key: s(o.key), reason: s(o.reason), raw: s(o.raw) }; }),
    total: totalRaw === undefined ? null : Number(totalRaw),
  };
}

export const STATUS_LABEL: Record<string, string> = { running: '进行中', done: '完成', failed: '失败' };

/**
 * 'YYYY-MM-DD HH:MM:SS' in China time (server/db/time.ts): the server's import records already are (shown as they
 * are); an ISO instant with a zone ('…Z') is converted — never the browser's own zone.
 */
export function fmtTime(t: string): string {
  if (!t) return '';
  if (/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(t)) return t;
  return formatCn(t);
}
