import type { Command } from '../context';
import { flagInt, flagString, InputError } from '../args';
import { listRejects } from '../../import';
import { p, sql } from '../../db/sql';

/** `rejects [--json] [--import ID] [--limit N]`: rejected rows of the latest import (or the given one). */
export const rejectsCommand: Command = {
  summary: '列出最近一次导入（或指定导入）被拒绝的行：文件、行号、键、原因',
  usage: 'rejects [--json] [--import ID] [--limit N] [--offset N]',
  async run(ctx) {
    const importId = flagString(ctx.args, 'import');
    const limit = flagInt(ctx.args, 'limit', 1000, 1, 10_000_000);
    const offset = flagInt(ctx.args, 'offset', 0, 0);
    const db = await ctx.db();
    // An unknown id listed no rejects and said "共 0 行被拒绝", as if that import had been clean.
    if (importId !== undefined && !(await db.one(sql`SELECT 1 AS x FROM imports WHERE import_id = ${p.str(importId)} LIMIT 1`, 'rejects import'))) {
      throw new InputError(`没有编号为 ${importId} 的导入`);
    }
    const r = await listRejects(db, { importId, limit, offset });
    if (ctx.args.flags.json) {
      ctx.out(JSON.stringify({
        import_id: r.importId, total: r.total,
        rejects: r.rows.map((x) => ({ file: x.file, line: x.line, key: x.key, reason: x.reason, raw: x.raw })),
      }));
      return 0;
    }
    if (!r.importId) { ctx.err('还没有完成的导入'); return 0; }
    const lines = [['file', 'line', 'key', 'reason'].join('\t'), ...r.rows.map((x) => [x.file, x.line, x.key, x.reason].join('\t'))];
    ctx.out(lines.join('\n'));
    ctx.err(`导入 ${r.importId}：共 ${r.total} 行被拒绝${r.total > r.rows.length ? `，显示 ${r.rows.length} 行（--limit / --offset 翻页）` : ''}`);
    return 0;
  },
};
