/** Buffered CSV file writer with backpressure: big chunks, awaits 'drain' when the OS buffer is full. */
import fs from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';

/** Quotes a free-text field when it holds a comma, quote or line break. */
export function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export class CsvWriter {
  private parts: string[] = [];
  private size = 0;
  rows = 0;
  private readonly stream: fs.WriteStream;

  constructor(readonly path: string, header: readonly string[]) {
    this.stream = fs.createWriteStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
    this.parts.push(header.join(','));
  }

  line(text: string): void {
    this.parts.push(text);
    this.size += text.length;
    this.rows++;
  }

  get full(): boolean { return this.size > 1 << 19; }

  async flush(): Promise<void> {
    if (!this.parts.length) return;
    const chunk = this.parts.join('\n') + '\n';
    this.parts = [];
    this.size = 0;
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await finished(this.stream);
  }
}
