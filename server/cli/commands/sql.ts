import type { Command } from '../context';
import { UsageError, InputError } from '../args';
import { trusted } from '../../db/sql';

/**
 * Read-only ad-hoc SQL for operators on the machine (and for tests that check screens against the engine while
 * the server holds the data directory: the command is handed to the server like any other).
 */
export const sqlCommand: Command = {
  summary: '只读 SQL 查询（运维与核对用）',
  usage: 'sql "SELECT …" [--json]',
  async run(ctx) {
    const text = ctx.args.positionals.join(' ').trim();
    if (!text) throw new UsageError('需要一条 SELECT 语句');
    if (!/^(SELECT|WITH|SHOW|DESCRIBE|EXPLAIN)\b/i.test(text) || /;\s*\S/.test(text)) throw new UsageError('只允许单条只读查询（SELECT / WITH / SHOW / DESCRIBE / EXPLAIN）');
    const db = await ctx.db();
    let rows: Record<string, unknown>[];
    try {
      rows = await db.rows(trusted(`${text.replace(/;\s*$/, '')} SETTINGS readonly = 2`), 'cli sql');
    } catch (e) {
      throw new InputError((e as Error).message.split('\n')[0] ?? '查询失败');
    }
    if (ctx.args.flags.json) ctx.out(JSON.stringify({ rows }));
    else {
      const cols = Object.keys(rows[0] ?? {});
      ctx.out([cols.join('\t'), ...rows.map((r) => cols.map((c) => String(r[c])).join('\t'))].join('\n'));
    }
    return 0;
  },
};
