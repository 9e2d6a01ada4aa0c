/**
 * Reads the seed's import files (`${E2E_DATA_DIR}/seed-out/`) so browser tests can compute expected figures
 * independently of the server: straight from the files the seed imported.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';

export function seedOutDir(): string {
  const dir = process.env.E2E_DATA_DIR;
  if (!dir) throw new Error('E2E_DATA_DIR is not set (playwright.config.ts sets it)');
  return path.join(dir, 'seed-out');
}

function decode(buf: Buffer): string {
  const utf8 = buf.toString('utf8');
  const text = utf8.includes('\uFFFD') ? iconv.decode(buf, 'gb18030') : utf8;
  return text.replace(/^\uFEFF/, '');
}

export function readSeedCsv(file: 'enterprises.csv' | 'events.csv' | 'roles.csv'): Array<Record<string, string>> {
  return parse(decode(fs.readFileSync(path.join(seedOutDir(), file))), { columns: true, skip_empty_lines: true, relax_column_count: true }) as Array<Record<string, string>>;
}
