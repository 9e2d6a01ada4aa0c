import type { Command } from '../context';
import { loadMigrations } from '../../db/migrate';
import { trusted } from '../../db/sql';

export const migrateCommand: Command = {
  summary: '应用数据库迁移（启动时也会自动执行）',
  usage: 'migrate [--json]',
  async run(ctx) {
    const db = await ctx.db(); // opening the engine applies pending migrations
    const rows = await db.rows<{ version: number; name: string }>(trusted('SELECT version, name FROM schema_migrations FINAL ORDER BY version'));
    const known = loadMigrations().length;
    if (ctx.args.flags.json) ctx.out(JSON.stringify({ applied: rows, known }));
    else ctx.out(rows.map((r) => `${String(r.version).padStart(3, '0')} ${r.name}`).join('\n'));
    return 0;
  },
};
