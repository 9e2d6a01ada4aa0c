/**
 * Import dates: YYYY-MM-DD, YYYY/MM/DD (one-digit month/day allowed with a separator) and YYYYMMDD.
 * The engine-side twin is `dateProblemSql` / `dateValueSql` in ./sqlparts.ts; tests check both agree.
 */
export type DateProblem = 'empty' | 'shape' | 'impossible' | 'range';

/**
 * Accepted dates: from the founding of the PRC (registries hold state-owned enterprises registered in the 1950s)
 * to the end of 2100. Stored as Date32 (migration 010).
 */
export const DATE_MIN = '1949-10-01';
export const DATE_MAX = '2100-12-31';

export function parseImportDate(text: string): { date: string } | { problem: DateProblem } {
  if (text === '') return { problem: 'empty' };
  let y: number, m: number, d: number;
  let mm: RegExpExecArray | null;
  if ((mm = /^(\d{4})(\d{2})(\d{2})$/.exec(text)) || (mm = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text)) || (mm = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(text))) {
    y = Number(mm[1]); m = Number(mm[2]); d = Number(mm[3]);
  } else return { problem: 'shape' };
  if (m < 1 || m > 12 || d < 1) return { problem: 'impossible' };
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const monthLen = m === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
  if (d > monthLen) return { problem: 'impossible' };
  const iso = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  if (iso < DATE_MIN || iso > DATE_MAX) return { problem: 'range' };
  return { date: iso };
}

export const DATE_PROBLEM_TEXT: Record<DateProblem, string> = {
  empty: '缺少日期',
  shape: '日期格式无法识别（应为 YYYY-MM-DD、YYYY/MM/DD 或 YYYYMMDD）',
  impossible: '日期不存在',
  range: `日期超出可接受范围（${DATE_MIN} 至 ${DATE_MAX}）`,
};
