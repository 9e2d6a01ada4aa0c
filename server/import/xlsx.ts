/**
 * .xlsx → temporary UTF-8 CSV, streamed with exceljs' WorkbookReader (the first worksheet). An extra first
 * column `__line` carries each row's spreadsheet row number, which becomes the reject's line.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';

export const LINE_COLUMN = '__line';

function two(n: number): string { return String(n).padStart(2, '0'); }

/** Text of one cell value as a CSV field would hold it (dates as YYYY-MM-DD). */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) {
    const iso = `${v.getUTCFullYear()}-${two(v.getUTCMonth() + 1)}-${two(v.getUTCDate())}`;
    const time = v.getUTCHours() + v.getUTCMinutes() + v.getUTCSeconds();
    return time === 0 ? iso : `${iso} ${two(v.getUTCHours())}:${two(v.getUTCMinutes())}:${two(v.getUTCSeconds())}`;
  }
  if (typeof v === 'object') {
    const o = v as { richText?: Array<{ text: string }>; text?: unknown; result?: unknown; hyperlink?: string; error?: string };
    if (Array.isArray(o.richText)) return o.richText.map((r) => r.text).join('');
    if ('result' in o) return cellText(o.result);
    if (o.text !== undefined) return cellText(o.text);
    if (o.error) return '';
    return '';
  }
  return String(v);
}

function csvField(s: string): string {
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Writes the first worksheet of `xlsxPath` as CSV to `csvPath`. Returns the number of data rows written. */
export async function xlsxToCsv(xlsxPath: string, csvPath: string): Promise<number> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(xlsxPath, {
    sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'emit',
  });
  const out = fs.createWriteStream(csvPath);
  let width = -1;
  let rows = 0;
  const write = async (line: string) => {
    if (!out.write(line + '\n')) await new Promise<void>((r) => out.once('drain', () => r()));
  };
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const values = (row.values as unknown[]) ?? [];
        const cells: string[] = [];
        for (let c = 1; c < values.length; c++) cells.push(cellText(values[c]).replace(/\r\n?/g, '\n'));
        if (width < 0) {
          // Header row: its last non-empty cell fixes the width.
          while (cells.length && cells[cells.length - 1]!.trim() === '') cells.pop();
          if (cells.length === 0) continue;
          width = cells.length;
          await write([LINE_COLUMN, ...cells].map(csvField).join(','));
          continue;
        }
        if (cells.every((s) => s.trim() === '')) continue;
        // Cells beyond the header's width stay: the engine sees more fields than the header and rejects the row.
        while (cells.length && cells[cells.length - 1]!.trim() === '') cells.pop();
        await write([String(row.number), ...cells].map(csvField).join(','));
        rows++;
      }
      break; // first worksheet only
    }
  } finally {
    await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  }
  return rows;
}
