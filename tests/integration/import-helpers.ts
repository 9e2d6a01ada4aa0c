/** Shared bits of the import integration tests. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Db } from '../../server/db/client';
import { fileURLToPath } from 'node:url';
import { trusted } from '../../server/db/sql';
import { runJsonChild, type ChildRun } from './child-process';

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

/** A line of import-child.ts: a progress step, or the end with the files' counts and the tables' checksums. */
export interface ImportChildLine { progress?: string; done?: unknown; checksums?: Record<string, string> }

/**
 * Imports `folder` into `dataDir` in a child process (import-child.ts). `killWhen`: SIGKILL it at the first line that
 * matches; `env`: its environment (fault injection); `accept`: codes for --accept-uscc, comma-separated.
 */
export function runImportChild(dataDir: string, folder: string, opts: { killWhen?: (line: ImportChildLine) => boolean; env?: NodeJS.ProcessEnv; accept?: string } = {}): Promise<ChildRun<ImportChildLine>> {
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'import-child.ts');
  return runJsonChild<ImportChildLine>(script, [dataDir, folder, ...(opts.accept ? [opts.accept] : [])], opts.killWhen, opts.env);
}
