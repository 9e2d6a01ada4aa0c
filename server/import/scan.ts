/**
 * One streaming pass over a CSV file before the engine reads it:
 *  - encoding: UTF-8 (with or without BOM) is kept; anything that is not valid UTF-8 is read as GB18030
 *    (a superset of GBK/GB2312) and transcoded, streamed, to a temporary UTF-8 file — unless it is UTF-8 with a
 *    few broken sequences (a source system that cut a field in the middle of a character): then it stays UTF-8,
 *    the broken bytes replaced by U+FFFD (see looksLikeBrokenUtf8);
 *  - physical line numbers: the engine numbers records (`_row_number`, see recordsSql in ./index.ts), but a quoted field may hold
 *    line breaks, so record n does not always start on line n + 2. The pass notes every record after which
 *    the two drift apart ("breaks"), usually none.
 * Never holds more than one chunk in memory.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isUtf8 } from 'node:buffer';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import iconv from 'iconv-lite';

export interface ScanResult {
  encoding: 'utf-8' | 'utf-8-bom' | 'gb18030';
  /** The UTF-8 file the engine should read (the original, or the transcoded copy). */
  path: string;
  /** Data records after the header, as the engine numbers them. */
  records: number;
  /** [first data record, extra lines before it]: from that record on, line = record + 2 + extra. Sorted. */
  breaks: Array<[number, number]>;
  /** Characters GB18030 could not decode, or broken UTF-8 sequences of a UTF-8 file (replaced by U+FFFD). */
  undecodable: number;
  /**
   * Physical line (1-based) of a quoted field still open at the end of the file, else null. The engine reads such a
   * field to the end of the file without complaint: every record after it would vanish into that one field.
   */
  unclosedQuoteLine: number | null;
  /** The file ends its lines with a bare CR (old Mac "CSV (Macintosh)"): read from a copy with LF line ends. */
  crOnly?: boolean;
}

export class NotTextError extends Error {}

const QUOTE = 34, NL = 10, CR = 13, COMMA = 44, SPACE = 32, TAB = 9;

/** Bytes at the end of `b` that start a UTF-8 sequence not finished within `b` (0–3). */
function incompleteUtf8Tail(b: Buffer): number {
  for (let k = 1; k <= Math.min(3, b.length); k++) {
    const c = b[b.length - k]!;
    if ((c & 0xc0) === 0x80) continue;
    const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    return need > k ? k : 0;
  }
  return 0;
}

/** Record/line bookkeeping of a CSV byte stream (RFC 4180 quoting, as the engine parses it). */
export class LineMapper {
  private inQuote = false;
  private quoteAtChunkEnd = false;
  /** Last byte other than space/tab seen outside the current position (for "quote opens a field?"). */
  private lastSig = NL;
  private lastByte = NL;
  private record = -1; // -1 while in the header
  private extraInRecord = 0;
  private cumulative = 0;
  /** Line breaks seen so far (the current physical line is this + 1), and the line where the open quoted field began. */
  private newlines = 0;
  private quoteLine = 0;
  readonly breaks: Array<[number, number]> = [];

  private endRecord(): void {
    this.record++;
    if (this.extraInRecord > 0) {
      this.cumulative += this.extraInRecord;
      this.extraInRecord = 0;
      this.breaks.push([this.record, this.cumulative]);
    }
  }

  /** Feeds the next chunk of the file (after any BOM). */
  push(buf: Buffer): void {
    const len = buf.length;
    if (len === 0) return;
    let i = 0;
    if (this.quoteAtChunkEnd) {
      this.quoteAtChunkEnd = false;
      if (buf[0] === QUOTE) i = 1; // escaped "" split across chunks: still quoted
      else { this.inQuote = false; this.lastSig = QUOTE; }
    }
    let nextNl = buf.indexOf(NL, i);
    while (i < len) {
      const q = buf.indexOf(QUOTE, i);
      const end = q < 0 ? len : q;
      while (nextNl >= 0 && nextNl < end) {
        this.newlines++;
        if (this.inQuote) this.extraInRecord++;
        else this.endRecord();
        nextNl = buf.indexOf(NL, nextNl + 1);
      }
      if (q < 0) break;
      if (!this.inQuote) {
        // A quote opens a quoted field only at the start of a field (after spaces the engine trims).
        const before = this.lastSigBefore(buf, q);
        if (before === COMMA || before === NL || before === CR) { this.inQuote = true; this.quoteLine = this.newlines + 1; }
        i = q + 1;
      } else if (q + 1 < len) {
        if (buf[q + 1] === QUOTE) i = q + 2;
        else { this.inQuote = false; i = q + 1; }
      } else {
        this.quoteAtChunkEnd = true;
        i = len;
      }
    }
    // Remember the last significant byte for a quote at the start of the next chunk.
    let k = len - 1;
    while (k >= 0 && (buf[k] === SPACE || buf[k] === TAB)) k--;
    if (k >= 0) this.lastSig = buf[k]!;
    this.lastByte = buf[len - 1]!;
  }

  private lastSigBefore(buf: Buffer, q: number): number {
    let k = q - 1;
    while (k >= 0 && (buf[k] === SPACE || buf[k] === TAB)) k--;
    return k >= 0 ? buf[k]! : this.lastSig;
  }

  /** Data records seen (a last record without a final newline counts). */
  finish(): number {
    if (this.quoteAtChunkEnd) { this.quoteAtChunkEnd = false; this.inQuote = false; }
    const unterminated = this.lastByte !== NL ? 1 : 0;
    return Math.max(0, this.record + unterminated);
  }

  /** After finish(): the physical line (1-based) where a quoted field that the file never closes began, else null. */
  unclosedQuoteLine(): number | null {
    return this.inQuote ? this.quoteLine : null;
  }
}

/** Well-formed multi-byte UTF-8 sequences (`good`) and bytes that start no well-formed sequence (`bad`) in `b`. */
export function utf8Tally(b: Uint8Array): { good: number; bad: number } {
  let good = 0, bad = 0;
  for (let i = 0; i < b.length;) {
    const c = b[i]!;
    if (c < 0x80) { i++; continue; }
    const need = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : 0;
    let k = 1;
    while (need > 0 && k <= need && i + k < b.length && (b[i + k]! & 0xc0) === 0x80) k++;
    if (need > 0 && k > need) { good++; i += k; } else { bad++; i++; }
  }
  return { good, bad };
}

/**
 * Not valid UTF-8, but UTF-8 nonetheless? Chinese text in GB18030 read as UTF-8 gives a well-formed sequence for
 * roughly one character in six (a 2-byte GBK character whose bytes happen to fall in UTF-8's ranges) and broken bytes
 * for the rest, so over a file well-formed sequences are a fraction of broken ones. UTF-8 with some characters cut in
 * two has the opposite: a few broken bytes among many well-formed characters. Reading such a file as GB18030
 * would turn every Chinese character of it into mojibake.
 */
export function looksLikeBrokenUtf8(t: { good: number; bad: number }): boolean {
  return t.bad > 0 && t.bad * 4 < t.good;
}

/** Lead bytes of multi-byte sequences in bytes [0, end) of a file known to be valid UTF-8 there. */
function countUtf8Sequences(file: string, end: number): number {
  if (end <= 0) return 0;
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(Math.min(end, 1 << 20));
    let n = 0;
    for (let pos = 0; pos < end;) {
      const got = fs.readSync(fd, buf, 0, Math.min(buf.length, end - pos), pos);
      if (got <= 0) break;
      for (let i = 0; i < got; i++) if (buf[i]! >= 0xc0) n++;
      pos += got;
    }
    return n;
  } finally {
    fs.closeSync(fd);
  }
}

function checkText(first: Buffer, file: string): void {
  if (first.length >= 4 && first[0] === 0x50 && first[1] === 0x4b && first[2] === 0x03 && first[3] === 0x04) {
    throw new NotTextError(`${file} 不是 CSV 文本文件（看起来是 Excel 或压缩文件；Excel 文件请以 .xlsx 为扩展名）`);
  }
  if ((first[0] === 0xff && first[1] === 0xfe) || (first[0] === 0xfe && first[1] === 0xff)) {
    throw new NotTextError(`${file} 是 UTF-16 编码，不支持；请另存为 UTF-8 或 GB18030 编码的 CSV`);
  }
  const probe = first.subarray(0, 65536);
  if (probe.includes(0)) throw new NotTextError(`${file} 不是 CSV 文本文件（含二进制内容）`);
}

/**
 * Lines ended by a bare CR (Excel's "CSV (Macintosh)"): no LF in the first MB, but a CR. The engine does not take a
 * bare CR for the end of a record, so such a file would be one record — the header — and every row gone unreported.
 */
function usesCrLineEnds(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(1 << 20);
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    const head = buf.subarray(0, n);
    return !head.includes(NL) && head.includes(CR);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * A copy of `file` with every CR turned into LF (byte for byte: CR and LF are never part of a GB18030 or UTF-8
 * multi-byte character, so this holds for either encoding; a line break inside a quoted field stays a line break).
 */
async function crToLf(file: string, out: string): Promise<string> {
  const swap = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      const b = Buffer.from(chunk);
      for (let i = b.indexOf(CR); i >= 0; i = b.indexOf(CR, i + 1)) b[i] = NL;
      cb(null, b);
    },
  });
  await pipeline(fs.createReadStream(file, { highWaterMark: 1 << 20 }), swap, fs.createWriteStream(out));
  return out;
}

/**
 * Scans `file`; if it is not UTF-8, transcodes it from GB18030 into `tmpDir` and scans the copy.
 * `onBytes` reports progress in bytes of the original file.
 */
export async function scanCsv(original: string, tmpDir: string, onBytes?: (done: number, total: number) => void): Promise<ScanResult> {
  const name = path.basename(original);
  const total = fs.statSync(original).size;
  if (total === 0) throw new NotTextError(`${name} 是空文件（没有表头）`);
  const crOnly = usesCrLineEnds(original);
  const file = crOnly ? await crToLf(original, path.join(tmpDir, `${name}.lf.csv`)) : original;
  const mapper = new LineMapper();
  let carry: Buffer = Buffer.alloc(0);
  let utf8 = true;
  let first = true;
  let bom = false;
  let done = 0;
  // Once the text is found not to be valid UTF-8: well-formed and broken sequences so far (see looksLikeBrokenUtf8).
  // The scan goes on only while the file still looks like UTF-8; GB18030 text shows itself within the first chunk.
  let tally: { good: number; bad: number } | null = null;
  const stream = fs.createReadStream(file, { highWaterMark: 1 << 20 });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (first) {
        checkText(chunk, name);
        bom = chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf;
        first = false;
      }
      const whole = carry.length ? Buffer.concat([carry, chunk]) : chunk;
      const tail = incompleteUtf8Tail(whole);
      const body = whole.subarray(0, whole.length - tail);
      if (utf8 && !isUtf8(body)) {
        utf8 = false;
        tally = { good: countUtf8Sequences(file, done - carry.length), bad: 0 };
      }
      if (tally) {
        const t = utf8Tally(body);
        tally.good += t.good;
        tally.bad += t.bad;
        if (tally.bad >= 64 && !looksLikeBrokenUtf8(tally)) break;
      }
      carry = Buffer.from(whole.subarray(whole.length - tail));
      mapper.push(bom && done === 0 ? chunk.subarray(3) : chunk);
      done += chunk.length;
      onBytes?.(done, total);
    }
  } finally {
    stream.destroy();
  }
  const encoding = bom ? 'utf-8-bom' : 'utf-8';
  if (utf8 && carry.length === 0) {
    return { encoding, path: file, records: mapper.finish(), breaks: mapper.breaks, undecodable: 0, unclosedQuoteLine: mapper.unclosedQuoteLine(), crOnly };
  }
  if (done === total) {
    // Read to the end: the last bytes may be a sequence cut short by the end of the file.
    tally ??= { good: countUtf8Sequences(file, total - carry.length), bad: 0 };
    if (carry.length) tally.bad++;
    if (looksLikeBrokenUtf8(tally)) return { ...await transcodeBrokenUtf8(file, tmpDir, encoding, mapper, total, onBytes), crOnly };
  }
  // Not UTF-8: GB18030 (superset of GBK and GB2312), transcoded to a temporary UTF-8 copy.
  const out = path.join(tmpDir, `${name}.utf8.csv`);
  const gbMapper = new LineMapper();
  let undecodable = 0;
  done = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      gbMapper.push(chunk); // iconv-lite strips a BOM while decoding
      cb(null, chunk);
    },
  });
  const decoder = iconv.decodeStream('gb18030');
  const encoder = new Transform({
    transform(text: string | Buffer, _enc, cb) {
      const s = typeof text === 'string' ? text : text.toString('utf8');
      for (let k = s.indexOf('\uFFFD'); k >= 0; k = s.indexOf('\uFFFD', k + 1)) undecodable++;
      cb(null, Buffer.from(s, 'utf8'));
    },
    decodeStrings: false,
  });
  const src = fs.createReadStream(file, { highWaterMark: 1 << 20 });
  src.on('data', (c) => { done += c.length; onBytes?.(done, total); });
  await pipeline(src, decoder, encoder, counter, fs.createWriteStream(out));
  return { encoding: 'gb18030', path: out, records: gbMapper.finish(), breaks: gbMapper.breaks, undecodable, unclosedQuoteLine: gbMapper.unclosedQuoteLine(), crOnly };
}

/**
 * UTF-8 with broken sequences: a UTF-8 copy with each broken sequence replaced by U+FFFD (the decoder keeps every
 * ASCII byte, so quotes, commas and line breaks — and the line map of the scan — stay as they were).
 */
async function transcodeBrokenUtf8(file: string, tmpDir: string, encoding: ScanResult['encoding'], mapper: LineMapper, total: number,
  onBytes?: (done: number, total: number) => void): Promise<ScanResult> {
  const out = path.join(tmpDir, `${path.basename(file)}.utf8.csv`);
  const decoder = new TextDecoder('utf-8', { fatal: false });
  let replaced = 0;
  const count = (s: string) => { for (let k = s.indexOf('\uFFFD'); k >= 0; k = s.indexOf('\uFFFD', k + 1)) replaced++; return s; };
  let done = 0;
  const fix = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      done += chunk.length;
      onBytes?.(done, total);
      cb(null, Buffer.from(count(decoder.decode(chunk, { stream: true })), 'utf8'));
    },
    flush(cb) { cb(null, Buffer.from(count(decoder.decode()), 'utf8')); },
  });
  await pipeline(fs.createReadStream(file, { highWaterMark: 1 << 20 }), fix, fs.createWriteStream(out));
  return { encoding, path: out, records: mapper.finish(), breaks: mapper.breaks, undecodable: replaced, unclosedQuoteLine: mapper.unclosedQuoteLine() };
}

/** Physical line (1-based) of data record `rec` (0-based) given the scan's breaks. */
export function lineOfRecord(rec: number, breaks: ReadonlyArray<readonly [number, number]>): number {
  let lo = 0, hi = breaks.length - 1, extra = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (breaks[mid]![0] <= rec) { extra = breaks[mid]![1]; lo = mid + 1; } else hi = mid - 1;
  }
  return rec + 2 + extra;
}
