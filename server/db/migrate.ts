/**
 * Numbered migrations: server/db/migrations/NNN_name.sql, statements separated by a line ending in `;`.
 * Applied in order, once each, recorded in `schema_migrations`; every statement is idempotent
 * (IF NOT EXISTS) so a crash between a statement and its record is harmless on the next start.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from './client';
import { sql, trusted, p } from './sql';

export interface Migration { version: number; name: string; statements: string[] }

export function migrationsDir(): string {
  return path.join(process.cwd(), 'server', 'db', 'migrations');
}

export function splitStatements(text: string): string[] {
  const noComments = text.split('\n').filter((l) => !l.trim().startsWith('--')).join('\n');
  return noComments.split(/;\s*(?:\n|$)/).map((s) => s.trim()).filter((s) => s.length > 0);
}

export function loadMigrations(dir = migrationsDir()): Migration[] {
  return fs.readdirSync(/*turbopackIgnore: true*/ dir)
    .filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => ({
      version: Number(f.slice(0, 3)),
      name: f.slice(4, -4),
      statements: splitStatements(fs.readFileSync(/*turbopackIgnore: true*/ path.join(/*turbopackIgnore: true*/ dir, f), 'utf8')),
    }));
}

export async function migrate(db: Db): Promise<number[]> {
  await db.command(trusted(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version UInt32, name String, applied_at DateTime DEFAULT now()
  ) ENGINE = ReplacingMergeTree ORDER BY version`));
  const done = new Set((await db.rows<{ version: number }>(trusted('SELECT version FROM schema_migrations FINAL'))).map((r) => Number(r.version)));
  const applied: number[] = [];
  for (const m of loadMigrations()) {
    if (done.has(m.version)) continue;
    for (const s of m.statements) await db.command(trusted(s), `migration ${m.version}`);
    await db.command(sql`INSERT INTO schema_migrations (version, name) VALUES (${p.uint(m.version)}, ${p.str(m.name)})`);
    applied.push(m.version);
  }
  return applied;
}
