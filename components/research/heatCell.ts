/**
 * What a heat-matrix cell says (pure): its accessible label and its tooltip's lines. A mean score the viewer does not
 * get (partners: null) is left out — it read 平均分 0 / 平均分：0.0 on every partner's cell.
 */
import { fmtInt, fmtPct, WITHHELD } from '../palette';
import type { HeatCell } from './HeatMatrix';

export function cellLabel(row: string, col: string, cell: HeatCell): string {
  const head = `${row} × ${col}：`;
  if (cell.n === null) return `${head}${WITHHELD}`;
  const cd = cell.cd === null ? 'C+D 已隐藏' : `C+D ${fmtInt(cell.cd)} 户（${fmtPct(cell.share ?? 0)}）`;
  return `${head}${fmtInt(cell.n)} 户，${cd}${cell.meanScore === null ? '' : `，平均分 ${cell.meanScore.toFixed(0)}`}`;
}

/** The tooltip's lines under the title. */
export function cellTipLines(cell: HeatCell): string[] {
  if (cell.n === null) return [`企业数${WITHHELD}（少于 10 户，或可据以推算）`];
  return [
    `企业数：${fmtInt(cell.n)}`,
    `C+D：${cell.cd === null ? '已隐藏（防止由合计推算）' : `${fmtInt(cell.cd)}（${fmtPct(cell.share ?? 0)}，95%区间 ${fmtPct(cell.lo ?? 0)}–${fmtPct(cell.hi ?? 0)}）`}`,
    ...(cell.meanScore === null ? [] : [`平均分：${cell.meanScore.toFixed(1)}`]),
  ];
}
