import type { Command } from '../context';
import { UsageError, InputError, flagMonth, flagString } from '../args';
import { getBriefing, BriefingNoDataError } from '../../briefing/data';

/**
 * The month's briefing figures and sentences from the command line (operator on the machine: whole data set).
 * The PDF is made by the workbench (研判简报 → 导出 PDF, GET /api/briefing/pdf): it needs the rendered page.
 */
export const briefingCommand: Command = {
  summary: '研判简报：某月的要点文字与主要数字（--json 输出全部数字）',
  usage: 'briefing [--month YYYY-MM] [--model effective|general] [--region CODE] [--industry CODE] [--json]',
  async run(ctx) {
    const month = flagMonth(ctx.args);
    const model = flagString(ctx.args, 'model');
    const region = flagString(ctx.args, 'region');
    const industry = flagString(ctx.args, 'industry');
    if (region !== undefined && !/^\d{6}$/.test(region)) throw new UsageError(`--region 应为 6 位行政区划代码: ${region}`);
    if (industry !== undefined && !/^[A-T](\d{2})?$/.test(industry)) throw new UsageError(`--industry 应为行业门类或大类代码: ${industry}`);
    if (model !== undefined && !/^[a-z][a-z0-9-]{1,40}$/.test(model)) throw new UsageError(`--model 无效: ${model}`);
    const db = await ctx.db();
    let b;
    try {
      b = await getBriefing(db, { name: ctx.actor, role: 'admin', regionCode: '' }, { month, model, region, industry });
    } catch (e) {
      if (e instanceof BriefingNoDataError) throw new InputError(e.message);
      throw e;
    }
    if (ctx.args.flags.json) {
      ctx.out(JSON.stringify({ ...b, map: { ...b.map, shapes: undefined } }));
      return 0;
    }
    ctx.out(`${b.subject.name} ${b.month} 研判简报（${b.modelLabel}）`);
    for (const s of b.sentences) ctx.out(s);
    return 0;
  },
};
