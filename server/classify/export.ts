/**
 * `export classes`: one line per enterprise (uscc, class, score, reasons), paged by uscc so any size streams. The
 * reasons are the top ones; what the other indicators add is `other_points` (JSONL) and the last item of the CSV's
 * reasons text (其他指标合计), so that an exported line adds up to its score as the stored one does.
 */
import type { Db } from '../db/client';
import { sql, p } from '../db/sql';

export interface Reason { indicator: string; name: string; value: number; points: number }
export interface ClassRow { uscc: string; class: string; score: number; reasons: Reason[]; other_points: number }

type RawRow = { uscc: string; class: string; score: number; other_points: number; reasons: Array<[string, string, number, number]> | Reason[] };

export function normaliseReasons(r: RawRow['reasons']): Reason[] {
  return r.map((x) => (Array.isArray(x) ? { indicator: x[0], name: x[1], value: Number(x[2]), points: Number(x[3]) } : { ...x, value: Number(x.value), points: Number(x.points) }));
}

function csvCell(s: string): string { return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s; }
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

export function reasonsText(rs: Reason[], otherPoints = 0): string {
  const items = rs.map((r) => `${r.name}(${round(r.value)})=${round(r.points, 1)}`);
  if (round(otherPoints, 1) !== 0) items.push(`其他指标合计=${round(otherPoints, 1)}`);
  return items.join('; ');
}

export async function streamClassExport(db: Db, o: { month: string; modelId: string; format: 'jsonl' | 'csv' }, write: (line: string) => void, pageSize = 50_000): Promise<number> {
  let after = '';
  let n = 0;
  if (o.format === 'csv') write('uscc,class,score,reasons');
  for (;;) {
    const rows = await db.rows<RawRow>(sql`
      SELECT uscc, class, round(toFloat64(score), 2) AS score, round(toFloat64(other_points), 2) AS other_points, reasons FROM class_results
      WHERE model_id = ${p.str(o.modelId)} AND month = ${p.date(`${o.month}-01`)} AND uscc > ${p.str(after)}
      ORDER BY uscc LIMIT ${p.uint(pageSize)}`, 'export.classes');
    for (const r of rows) {
      const reasons = normaliseReasons(r.reasons);
      if (o.format === 'jsonl') write(JSON.stringify({ uscc: r.uscc, class: r.class, score: Number(r.score), reasons, other_points: Number(r.other_points) }));
      else write([r.uscc, r.class, String(r.score), csvCell(reasonsText(reasons, Number(r.other_points)))].join(','));
    }
    n += rows.length;
    if (rows.length < pageSize) break;
    after = rows[rows.length - 1]!.uscc;
  }
  return n;
}
