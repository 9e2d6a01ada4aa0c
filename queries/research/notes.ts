/**
 * 研判 notes: a saved workbench view (URL filters + view) with a written finding. Notes are scoped like data:
 * a note carries the region it is about (the view's region filter, else the author's own region) and is listed
 * only to viewers whose regionScope covers it. The briefing pulls findings with `listNotes(db, viewer, {month})`.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '../../server/db/client';
import { sql, p, and } from '../../server/db/sql';
import { regionPrefix } from '../../server/domain/region';
import { cnTime } from '../../server/db/time';
import { regionScope, inScope, canSeeEnterprises, type Viewer } from '../../server/auth/viewer';
import { filtersFromSearch } from '../filters';

export const NOTE_VIEWS = ['distribution', 'matrix', 'trend', 'migration', 'concentrations', 'rising', 'enterprises'] as const;

export const saveNoteInput = z.object({
  /** The view's URL query string, e.g. '?m=2026-10&r=220100&view=matrix'. */
  search: z.string().max(2000).regex(/^(\?.*)?$/),
  view: z.enum(NOTE_VIEWS),
  title: z.string().trim().min(1).max(100),
  finding: z.string().trim().min(1).max(5000),
});

export const noteRow = z.object({
  id: z.string(), created_at: z.string(), author: z.string(), month: z.string(), model: z.string(),
  region_code: z.string(), region_name: z.string(), industry_code: z.string(), search: z.string(), view: z.string(),
  title: z.string(), finding: z.string(),
});
export type Note = z.infer<typeof noteRow>;

export class NoteAccessError extends Error {}

function regionColumns(code: string): { province_code: string; prefecture_code: string; county_code: string } {
  const c = code.slice(0, 6);
  if (!c) return { province_code: '', prefecture_code: '', county_code: '' };
  const province = `${c.slice(0, 2)}0000`;
  const prefecture = c.endsWith('0000') ? '' : `${c.slice(0, 4)}00`;
  const county = c.endsWith('00') ? '' : c;
  return { province_code: province, prefecture_code: prefecture, county_code: county };
}

/** Saves a note (analysts and administrators). The note's region must lie inside the author's scope. */
export async function saveNote(db: Db, viewer: Viewer, raw: z.input<typeof saveNoteInput>): Promise<{ id: string }> {
  if (!canSeeEnterprises(viewer)) throw new NoteAccessError('只有分析研判人员可以保存研判记录');
  const inp = saveNoteInput.parse(raw);
  const f = filtersFromSearch(new URLSearchParams(inp.search));
  const region = f.region ?? viewer.regionCode;
  if (region && !inScope(viewer, region)) throw new NoteAccessError('研判记录的地区超出了您的数据范围');
  const id = randomUUID();
  await db.insert('research_notes', [{
    id, created_at: Math.floor(Date.now() / 1000), author: viewer.name, month: f.month ?? '', model: f.model,
    region_code: region, ...regionColumns(region), industry_code: f.industry ?? '',
    search: inp.search, view: inp.view, title: inp.title, finding: inp.finding, deleted: 0, version: Date.now(),
  }]);
  return { id };
}

/**
 * Notes the viewer may read, newest first: within their region scope (a note about the whole province is not shown
 * to a county analyst), optionally of one month. Partners get none (findings may name enterprises).
 */
/**
 * Notes of the viewer's scope, newest first. `region` narrows them further to a region inside the scope (the
 * briefing's region filter) before the limit: filtered after it, a county's notes older than the province's 50 newest
 * were left out.
 */
export async function listNotes(db: Db, viewer: Viewer, opts: { month?: string; limit?: number; region?: string } = {}): Promise<Note[]> {
  if (viewer.role === 'partner') return [];
  const month = opts.month && /^\d{4}-\d{2}$/.test(opts.month) ? opts.month : undefined;
  const cols = { province: 'province_code', prefecture: 'prefecture_code', county: 'county_code' };
  const scope = viewer.regionCode ? sql`region_code != '' AND ${regionScope(viewer, cols)}` : sql`1`;
  // (As inScope: a note's region lies in the filter's when its code starts with the filter's province/prefecture/county digits.)
  const region = opts.region && /^\d{6}$/.test(opts.region)
    ? sql`region_code != '' AND startsWith(region_code, ${p.str(regionPrefix(opts.region))})` : null;
  const rows = await db.rows<unknown>(sql`
    SELECT n.id AS id, ${cnTime('n.created_at', '%Y-%m-%d %H:%i')} AS created_at, n.author AS author, n.month AS month, n.model AS model,
           n.region_code AS region_code, ifNull(rg.name, '') AS region_name, n.industry_code AS industry_code,
           n.search AS search, n.view AS view, n.title AS title, n.finding AS finding
    FROM (SELECT * FROM research_notes FINAL WHERE ${and([sql`deleted = 0`, scope, region, month ? sql`month = ${p.str(month)}` : null])}) AS n
    LEFT JOIN (SELECT code, any(name) AS name FROM regions GROUP BY code) AS rg ON rg.code = n.region_code
    ORDER BY n.created_at DESC, n.id
    LIMIT ${p.uint(Math.min(500, opts.limit ?? 100))}
    SETTINGS join_use_nulls = 1`, 'research.listNotes');
  return rows.map((r) => noteRow.parse(r));
}

/** Deletes a note: its author or an administrator. */
export async function deleteNote(db: Db, viewer: Viewer, id: string): Promise<boolean> {
  const cur = await db.one<Record<string, unknown>>(sql`SELECT * FROM research_notes FINAL WHERE id = ${p.str(id)} AND deleted = 0`, 'research.deleteNote');
  if (!cur) return false;
  if (cur.author !== viewer.name && viewer.role !== 'admin') throw new NoteAccessError('只能删除自己保存的研判记录');
  await db.insert('research_notes', [{ ...cur, deleted: 1, version: Date.now() }]);
  return true;
}
