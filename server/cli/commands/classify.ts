import type { Command } from '../context';
import { UsageError, InputError, flagMonth, flagString, flagInt } from '../args';
import { FIRST_MONTH, classifyAll, classifyMonth, monthTooEarly, type MonthSummary } from '../../classify/run';
import { EFFECTIVE, loadModels } from '../../classify/model';

function pct(n: number, total: number): string { return total ? `${((100 * n) / total).toFixed(1)}%` : '—'; }

export function formatSummary(s: MonthSummary): string {
  const lines = [`${s.month}（${s.seconds.toFixed(1)} 秒）`];
  for (const m of s.models) {
    const c = m.counts;
    lines.push(`  ${m.modelId.padEnd(22)} v${m.version}  ${String(m.enterprises).padStart(9)} 户  A ${c.A} (${pct(c.A, m.enterprises)})  B ${c.B} (${pct(c.B, m.enterprises)})  C ${c.C} (${pct(c.C, m.enterprises)})  D ${c.D} (${pct(c.D, m.enterprises)})`);
  }
  return lines.join('\n');
}

export const classifyCommand: Command = {
  summary: '按月分类（A/B/C/D）：一个月或全部有数据的月份；重跑同一月份会替换原结果',
  usage: 'classify --month YYYY-MM [--model ID] | classify --all [--since YYYY-MM] [--max-months N] [--model ID] [--json]',
  async run(ctx) {
    const month = flagMonth(ctx.args);
    const all = ctx.args.flags.all === true;
    const modelId = flagString(ctx.args, 'model');
    if (!month && !all) throw new UsageError('需要 --month YYYY-MM 或 --all');
    if (month && all) throw new UsageError('--month 与 --all 只能选一个');
    if (month && month < FIRST_MONTH) throw new UsageError(monthTooEarly(month));
    if (modelId !== undefined && modelId !== EFFECTIVE && !loadModels().some((m) => m.id === modelId)) {
      throw new InputError(`未知模型 ${modelId}（可用: ${[...loadModels().map((m) => m.id), EFFECTIVE].join(', ')}）`);
    }
    const db = await ctx.db();
    const progress = (text: string, f: number) => ctx.progress(`${(f * 100).toFixed(0).padStart(3)}% ${text}`);
    const opts = { actor: ctx.actor, progress };
    let results: MonthSummary[];
    if (month) results = [await classifyMonth(db, month, modelId, opts)];
    else {
      const since = flagMonth(ctx.args, 'since');
      // Months before FIRST_MONTH cannot be classified (run.ts): the run goes on without them and says so.
      const skipped = (months: string[]) => ctx.err(`跳过 ${months.length} 个早于 ${FIRST_MONTH} 的有事件月份（${months[0]}–${months[months.length - 1]}），这些月份不能分类。`);
      results = await classifyAll(db, { ...opts, since, maxMonths: flagInt(ctx.args, 'max-months', 60, 1, 600), modelId, skipped });
      if (!results.length) ctx.err('没有事件数据，未分类任何月份。');
    }
    if (ctx.args.flags.json) ctx.out(JSON.stringify({ months: results }));
    else ctx.out(results.map(formatSummary).join('\n'));
    return 0;
  },
};
