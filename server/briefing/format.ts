/**
 * Number formats of the briefing, shared by the sentence writer and the document so a figure reads the same in a
 * sentence, a headline card and the PDF. Pure and locale-independent (no Intl: the server and the browser agree).
 */

/** 98123 → "98,123". */
export function fmtCount(n: number): string {
  const s = String(Math.round(Math.abs(n)));
  return `${n < 0 ? '−' : ''}${s.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
}

/** Enterprises for a sentence: "9.8 万户" from ten thousand up, else "1,503 户". */
export function fmtHouseholds(n: number): string {
  if (n >= 10_000) return `${(Math.round(n / 1000) / 10).toFixed(1)} 万户`;
  return `${fmtCount(n)} 户`;
}

/** A share (fraction) as a percentage with one decimal: 0.01534 → "1.5%". */
export function fmtShare(x: number, digits = 1): string {
  return `${(x * 100).toFixed(digits)}%`;
}

/** Share of `part` in `whole`, 0 when whole is 0. */
export const share = (part: number, whole: number): number => (whole > 0 ? part / whole : 0);

/**
 * Change between two shares in percentage points, rounded to one decimal (what the reader sees). Shares whose
 * one-decimal percentages are equal count as no change, so "1.5% → 1.5%" never reads "上升 0.0 个百分点".
 */
export function pointChange(cur: number, prev: number): number {
  // The tenths of a percent fmtShare prints (toFixed, as shown), not Math.round(x * 1000): the two disagree on
  // binary halves (23/80 = 0.2875 prints "28.7%" but rounds to 288), which read "28.7% → 28.7%, 上升 0.1".
  const tenths = (x: number) => Math.round(Number((x * 100).toFixed(1)) * 10);
  return (tenths(cur) - tenths(prev)) / 10;
}

/** "较上月上升 0.2 个百分点" / "较上月下降 0.2 个百分点" / "与上月持平". */
export function changePhrase(cur: number, prev: number, against: string): string {
  const d = pointChange(cur, prev);
  if (d === 0) return `与${against}持平`;
  return `较${against}${d > 0 ? '上升' : '下降'} ${Math.abs(d).toFixed(1)} 个百分点`;
}

/** Compact change for a card: "+0.2 个百分点", "−0.2 个百分点", "持平"; "—" when there is nothing to compare with. */
export function changeBadge(cur: number, prev: number | null): string {
  if (prev === null) return '—';
  const d = pointChange(cur, prev);
  if (d === 0) return '持平';
  return `${d > 0 ? '+' : '−'}${Math.abs(d).toFixed(1)} 个百分点`;
}

/** '2026-10' → '2026年10月'. */
export function monthLabel(m: string): string {
  const [y, mm] = m.split('-');
  return `${y}年${Number(mm)}月`;
}
