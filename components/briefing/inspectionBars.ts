/**
 * The briefing's problem-rate bars (section 五): one bar per class that has inspections with a result. A class without
 * any had a bar at 0.0% — read as "inspected, nothing found" — beside the table's "—"; it now has no bar, and a month
 * without inspections no chart (the page says 本月无抽查检查记录).
 */
import type { BarDatum } from '@/components/charts/BarChart';
import { CLASS_COLORS } from '@/components/palette';
import type { InspectionClassFigures } from '@/server/briefing/types';
import { fmtCount, share } from '@/server/briefing/format';

export function inspectionBars(rows: readonly InspectionClassFigures[]): BarDatum[] {
  return rows.filter((r) => r.withResult > 0).map((r) => ({
    key: r.class, label: `${r.class}类`, value: 100 * share(r.problems, r.withResult), color: CLASS_COLORS[r.class],
    detail: [`检查 ${fmtCount(r.inspections)} 户次`, `有结果 ${fmtCount(r.withResult)} 户次`],
  }));
}
