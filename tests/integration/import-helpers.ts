/** Shared bits of the import integration tests. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Db } from '../../server/db/client';
import { trusted } from '../../server/db/sql';

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function writeFolder(dir: string, files: Record<string, string | Buffer>): string {
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, body] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), body);
  return dir;
}

/** Exact contents of the imported tables (every column, import_id included), order-independent. */
export async function checksums(db: Db): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of ['enterprises', 'roles', 'events']) {
    const r = await db.one<{ n: string; h: string }>(trusted(`SELECT toString(count()) AS n, toString(sum(cityHash64(formatRow('TabSeparated', *)))) AS h FROM ${t}`));
    out[t] = `${r?.n}:${r?.h}`;
  }
  return out;
}

export async function tableNames(db: Db): Promise<string[]> {
  const rows = await db.rows<{ name: string }>(trusted('SELECT name FROM system.tables WHERE database = currentDatabase() ORDER BY name'));
  return rows.map((r) => r.name);
}
