/**
 * The upload of an import folder (app/api/import): a multipart/form-data body streamed part by part to files on disk.
 * `Request.formData()` held the whole body in memory — about twice the files' size (400 MB of CSV: 0.9 GB) in the
 * server process that also runs the engine, for uploads allowed up to 4 GB.
 */
import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

export class UploadError extends Error {
  constructor(message: string, readonly status: number) { super(message); }
}

export interface SavedUpload {
  /** Saved files: the name they were saved under (lower case, as `accept` returned it) → bytes. */
  saved: Map<string, number>;
  /** File parts not saved (`accept` returned null), by the name the browser sent. */
  ignored: string[];
}

/** The boundary of a multipart/form-data content type, or null. */
export function multipartBoundary(contentType: string | null): string | null {
  if (!contentType || !/^multipart\/form-data\s*;/i.test(contentType)) return null;
  const m = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return m ? (m[1] ?? m[2] ?? null) : null;
}

function dispositionOf(head: string): { name: string; filename: string | null } {
  const line = head.split('\r\n').find((l) => /^content-disposition\s*:/i.test(l)) ?? '';
  // Browsers send names as they are, a double quote as %22 (HTML's multipart/form-data encoding): a backslash is a
  // character of the name (a Windows path), not an escape.
  const param = (key: string) => {
    const m = new RegExp(`;\\s*${key}="([^"]*)"`, 'i').exec(line) ?? new RegExp(`;\\s*${key}=([^;\\s]+)`, 'i').exec(line);
    return m ? m[1]!.replace(/%22/g, '"') : null;
  };
  return { name: param('name') ?? '', filename: param('filename') };
}

/**
 * Streams the multipart `body` into `dir`: every file part of the field `field` goes to `dir/<accept(filename)>`
 * (a part `accept` answers null for is skipped, its name listed as ignored; `accept` throws an UploadError to refuse
 * the upload). More than `maxBytes` in saved files stops it with 413. On any error the caller removes `dir`.
 */
export async function saveMultipart(body: WebReadableStream<Uint8Array> | ReadableStream<Uint8Array>, boundary: string, dir: string,
  opts: { field: string; maxBytes: number; tooLarge: string; accept: (filename: string) => string | null }): Promise<SavedUpload> {
  const delim = Buffer.from(`\r\n--${boundary}`);
  const saved = new Map<string, number>();
  const ignored: string[] = [];
  let total = 0;
  // The body starts with '--boundary' (after an optional preamble): a leading CRLF makes every delimiter alike.
  let buf: Buffer = Buffer.from('\r\n');
  let state: 'preamble' | 'after-delim' | 'head' | 'body' | 'done' = 'preamble';
  let sink: fs.WriteStream | null = null;
  let sinkName = '';
  let sinkError: Error | null = null;

  const write = async (b: Buffer) => {
    if (!b.length) return;
    if (sink) {
      if (sinkError) throw sinkError;
      total += b.length;
      if (total > opts.maxBytes) throw new UploadError(opts.tooLarge, 413);
      saved.set(sinkName, (saved.get(sinkName) ?? 0) + b.length);
      if (!sink.write(b)) await once(sink, 'drain');
    }
  };
  const closeSink = async () => {
    if (!sink) return;
    const s = sink;
    sink = null;
    await new Promise<void>((resolve, reject) => s.end((e?: Error | null) => (e ? reject(e) : resolve())));
  };

  const stream = Readable.fromWeb(body as WebReadableStream<Uint8Array>);
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
      for (;;) {
        if (state === 'preamble' || state === 'body') {
          const at = buf.indexOf(delim);
          if (at < 0) {
            // Keep what could be the start of a delimiter cut by the chunk's end.
            const keep = Math.min(buf.length, delim.length - 1);
            if (state === 'body') await write(buf.subarray(0, buf.length - keep));
            buf = buf.subarray(buf.length - keep);
            break;
          }
          if (state === 'body') { await write(buf.subarray(0, at)); await closeSink(); }
          buf = buf.subarray(at + delim.length);
          state = 'after-delim';
        }
        if (state === 'after-delim') {
          if (buf.length < 2) break;
          if (buf[0] === 0x2d && buf[1] === 0x2d) { state = 'done'; break; }
          const eol = buf.indexOf('\r\n');
          if (eol < 0) { if (buf.length > 1024) throw new UploadError('请求不是有效的文件上传（multipart/form-data）', 400); break; }
          buf = buf.subarray(eol + 2);
          state = 'head';
        }
        if (state === 'head') {
          const end = buf.indexOf('\r\n\r\n');
          if (end < 0) { if (buf.length > 64 * 1024) throw new UploadError('请求不是有效的文件上传（multipart/form-data）', 400); break; }
          const head = buf.subarray(0, end).toString('utf8');
          buf = buf.subarray(end + 4);
          const d = dispositionOf(head);
          if (d.name === opts.field && d.filename !== null && d.filename !== '') {
            const name = opts.accept(d.filename);
            if (name === null) ignored.push(d.filename);
            else {
              sinkName = name;
              saved.set(name, 0);
              sink = fs.createWriteStream(path.join(dir, name));
              sink.on('error', (e) => { sinkError ??= e; });
            }
          }
          state = 'body';
          continue;
        }
        if (state === 'done') break;
      }
      if (state === 'done') break;
    }
    if (state !== 'done') throw new UploadError('上传不完整（连接中断或请求不是有效的 multipart/form-data）', 400);
  } finally {
    stream.destroy();
    // A part left open (the upload failed): closed before the caller removes the folder.
    const open = sink as fs.WriteStream | null;
    if (open && !open.closed) {
      const closed = once(open, 'close').catch(() => undefined);
      open.destroy();
      await closed;
    }
  }
  return { saved, ignored };
}
