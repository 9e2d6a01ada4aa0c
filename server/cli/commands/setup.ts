import type { Command, CommandContext } from '../context';
import { flagInt, flagMonth, flagString } from '../args';
import { lastCompleteMonth } from '../../seed/generate';
import { addMonths } from '../../calendar/months';
import { loadReferenceData } from '../../reference/load';
import { trusted } from '../../db/sql';
import { addUser, countUsers } from '../../auth/users';
import { commands } from '../registry';

/** Demo accounts created with the demo province (documented in the README). Never created on a data set that has users. */
export const DEMO_USERS = [
  { name: 'admin', role: 'admin', regionCode: '', password: 'xinyan-admin' },
  { name: 'analyst', role: 'analyst', regionCode: '', password: 'xinyan-analyst' },
  { name: 'changchun', role: 'analyst', regionCode: '220100', password: 'xinyan-changchun' },
  { name: 'leader', role: 'leader', regionCode: '', password: 'xinyan-leader' },
  { name: 'partner', role: 'partner', regionCode: '', password: 'xinyan-partner' },
] as const;

/** The first of the `months` months ending with `endMonth` ('YYYY-MM'). */
export function firstSeededMonth(endMonth: string, months: number): string {
  return addMonths(endMonth, 1 - months);
}

/**
 * Runs another command. With `json`, it runs with --json and its one JSON document is kept (returned in `doc`)
 * instead of printed: setup --json prints one document holding each step's.
 */
async function sub(ctx: CommandContext, argv: string[], json = false): Promise<{ code: number; doc?: unknown }> {
  const { parseArgs } = await import('../args');
  const args = parseArgs(json ? [...argv, '--json'] : argv);
  const cmd = commands[args.command];
  if (!cmd) throw new Error(`missing command ${args.command}`);
  if (!json) return { code: await cmd.run({ ...ctx, args }) };
  const out: string[] = [];
  const code = await cmd.run({ ...ctx, args, out: (t) => { out.push(t); } });
  return { code, doc: out.length ? JSON.parse(out.join('\n')) : undefined };
}

export const setupCommand: Command = {
  summary: '首次运行：建表、载入参考数据；数据为空时生成示例省份（seed）、分类、计算预警并创建演示账号',
  usage: 'setup [--enterprises N] [--months M] [--end-month YYYY-MM] [--province 22] [--json]',
  async run(ctx) {
    const json = ctx.args.flags.json === true;
    const db = await ctx.db();
    await loadReferenceData(db);
    const n = Number((await db.one<{ n: number }>(trusted('SELECT toUInt32(count()) AS n FROM enterprises')))?.n ?? 0);
    if (n > 0) {
      ctx.err(`数据目录已有 ${n.toLocaleString('zh-CN')} 户企业，跳过示例数据生成。`);
      if (json) ctx.out(JSON.stringify({ seeded: false, enterprises: n }));
      return 0;
    }
    const enterprises = flagInt(ctx.args, 'enterprises', Number(process.env.XINYAN_SEED_ENTERPRISES ?? 100_000), 100);
    const months = flagInt(ctx.args, 'months', 36, 1, 120);
    const province = flagString(ctx.args, 'province') ?? '22';
    const endMonth = flagMonth(ctx.args, 'end-month') ?? lastCompleteMonth();
    // The seeded months: classes and warnings are computed for these only. The seed also writes the 36 months of
    // history before them (so that every window of the first month is full), which are not complete months of a
    // province: annual reports, for one, start there, and classes computed for them would show everyone missing reports.
    const since = firstSeededMonth(endMonth, months);
    ctx.err(`生成示例省份 ${province}：${enterprises.toLocaleString('zh-CN')} 户企业 × ${months} 个月（${since} 至 ${endMonth}）…`);
    const seed = await sub(ctx, ['seed', '--province', province, '--enterprises', String(enterprises), '--months', String(months), '--end-month', endMonth], json);
    if (seed.code !== 0) return seed.code;
    ctx.err(`按月分类（classify --all --since ${since}）…`);
    const classify = await sub(ctx, ['classify', '--all', '--since', since], json);
    if (classify.code !== 0) return classify.code;
    ctx.err(`监测预警（warnings --all --since ${since}）…`);
    const warnings = await sub(ctx, ['warnings', '--all', '--since', since], json);
    if (warnings.code !== 0) return warnings.code;
    const demoUsers: string[] = [];
    if ((await countUsers(db)) === 0 && province === '22' && !process.env.XINYAN_NO_DEMO_USERS) {
      for (const u of DEMO_USERS) { await addUser(db, { ...u }); demoUsers.push(u.name); }
      ctx.err(`已创建演示账号：${DEMO_USERS.map((u) => `${u.name}/${u.password}`).join('  ')}`);
    }
    // --json: one document with each step's own (seed, classify --all, warnings --all) and the demo accounts made.
    if (json) ctx.out(JSON.stringify({ seeded: true, province, since, endMonth, seed: seed.doc, classify: classify.doc, warnings: warnings.doc, demoUsers }));
    return 0;
  },
};
