/** The header record of a UTF-8 CSV file, read from its first bytes. */
import fs from 'node:fs';

/** Parses CSV fields up to the end of the first record. Returns null when no complete record is found. */
export function parseFirstRecord(text: string): string[] | null {
  const fields: string[] = [];
  let i = 0;
  let field = '';
  let quoted = false;
  let atStart = true;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') { field += '"'; i += 2; continue; }
        quoted = false; i++; continue;
      }
      field += c; i++; continue;
    }
    if (c === '"' && atStart && field.trim() === '') { quoted = true; field = ''; atStart = false; i++; continue; }
    if (c === ',') { fields.push(field); field = ''; atStart = true; i++; continue; }
    if (c === '\n' || c === '\r') { fields.push(field); return fields; }
    field += c; atStart = false; i++;
  }
  if (quoted) return null;
  fields.push(field);
  return fields;
}

export function readHeader(file: string): string[] | null {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(1 << 20);
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    let text = buf.subarray(0, n).toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return parseFirstRecord(text);
  } finally {
    fs.closeSync(fd);
  }
}

/** Header names compared case-insensitively, trimmed. */
export function normaliseColumn(name: string): string {
  return name.replace(/^\uFEFF/, '').trim().toLowerCase();
}
