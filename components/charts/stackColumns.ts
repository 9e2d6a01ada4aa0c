/**
 * The columns of a stacked time series (pure, browser-safe): what d3.stack reads, which columns are drawn, and what the
 * tooltip of one column says. A withheld value (null: partners' suppressed counts) is never shown as 0 — not in the
 * tooltip, and with `gaps` not in the drawing either: a month of class shares whose counts are withheld was stacked as
 * 0 %, and the share trend fell to nothing and rose again in months where nothing had changed.
 */
import { WITHHELD } from '../palette';

export interface StackSeries { key: string; label: string; values: Array<number | null> }

/**
 * Rows for d3.stack (a withheld value stacks as 0) and whether each column is drawn: every column, or with `gaps` only
 * the columns where no series is withheld (a stack with a hole in it does not show the shares of the rest).
 */
export function stackColumns(length: number, series: readonly StackSeries[], gaps = false): { rows: Array<Record<string, number>>; defined: boolean[] } {
  const rows = Array.from({ length }, (_, i) => Object.fromEntries(series.map((s) => [s.key, s.values[i] ?? 0])) as Record<string, number>);
  const defined = Array.from({ length }, (_, i) => !gaps || series.every((s) => s.values[i] != null));
  return { rows, defined };
}

/** One column's tooltip: every series' value (withheld said so), and their sum — withheld when any part is. */
export function columnTip(series: readonly StackSeries[], i: number, format: (n: number) => string, missing: string = WITHHELD): { rows: Array<{ key: string; label: string; text: string }>; total: string } {
  const vals = series.map((s) => s.values[i] ?? null);
  const total = vals.some((v) => v === null) ? missing : format(vals.reduce<number>((a, v) => a + (v ?? 0), 0));
  return { rows: series.map((s, k) => ({ key: s.key, label: s.label, text: vals[k] === null ? missing : format(vals[k]!) })), total };
}

/**
 * The drawn columns with no drawn neighbour: an area through one point has no width, so such a column (a month
 * between two withheld ones, or a trend of one month) showed nothing; the chart draws it as a narrow bar.
 */
export function isolatedColumns(defined: readonly boolean[]): boolean[] {
  return defined.map((d, i) => d && !defined[i - 1] && !defined[i + 1]);
}
