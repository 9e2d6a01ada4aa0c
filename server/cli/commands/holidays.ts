import type { Command } from '../context';
import { UsageError, flagInt, flagString } from '../args';
import { listCalendarYear, setCalendarDay, resetCalendarDay, DAY_KIND_LABEL } from '../../calendar/store';
import { OFFICIAL_SOURCE, type DayKind } from '../../calendar/workdays';
import { refreshDueDates } from '../../objections/register';

/**
 * `holidays [list] [--year Y]` · `holidays set YYYY-MM-DD holiday|workday|normal [--name 名称]` · `holidays reset YYYY-MM-DD`
 * (the official 2025/2026 State Council calendars ship with the code; set/reset override single days).
 */
export const holidaysCommand: Command = {
  summary: '节假日与调休上班日（计算异议答复的工作日期限）',
  usage: 'holidays [list] [--year YYYY] | holidays set YYYY-MM-DD holiday|workday|normal [--name 名称] | holidays reset YYYY-MM-DD  [--json]',
  async run(ctx) {
    const [sub = 'list', date, kind] = ctx.args.positionals;
    const db = await ctx.db();
    if (sub === 'list') {
      const year = flagInt(ctx.args, 'year', new Date().getFullYear(), 2000, 2100);
      const days = await listCalendarYear(db, year);
      if (ctx.args.flags.json) ctx.out(JSON.stringify({ year, source: OFFICIAL_SOURCE, days }));
      else for (const d of days) ctx.out(`${d.date}\t${DAY_KIND_LABEL[d.kind]}\t${d.name}\t${d.origin === 'admin' ? `管理员 ${d.actor}` : '官方'}`);
      return 0;
    }
    if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new UsageError('需要日期 YYYY-MM-DD');
    if (sub === 'set') {
      if (!kind || !['holiday', 'workday', 'normal'].includes(kind)) throw new UsageError('类型应为 holiday|workday|normal');
      const d = await setCalendarDay(db, ctx.actor, { date, kind: kind as DayKind, name: flagString(ctx.args, 'name') ?? '' });
      const moved = (await refreshDueDates(db, { name: ctx.actor, role: '' })).length;
      ctx.out(ctx.args.flags.json ? JSON.stringify({ ...d, dueDatesChanged: moved }) : `${d.date} → ${DAY_KIND_LABEL[d.kind]}${moved ? `（${moved} 件异议的答复期限随之调整）` : ''}`);
      return 0;
    }
    if (sub === 'reset') {
      await resetCalendarDay(db, date);
      const moved = (await refreshDueDates(db, { name: ctx.actor, role: '' })).length;
      ctx.out(ctx.args.flags.json ? JSON.stringify({ date, reset: true, dueDatesChanged: moved }) : `${date} 已恢复官方安排${moved ? `（${moved} 件异议的答复期限随之调整）` : ''}`);
      return 0;
    }
    throw new UsageError(`未知子命令: ${sub}`);
  },
};
