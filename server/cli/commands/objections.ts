import type { Command } from '../context';
import { UsageError, InputError, inputErrorOf, flagMonth, flagString } from '../args';
import type { Viewer } from '../../auth/viewer';
import { runQuery } from '../../../queries/define';
import { objectionList } from '../../../queries/objections/list';
import { OBJECTION_STATUSES, type ObjectionStatus } from '../../../queries/objections/common';
import { recordObjection, advanceObjection, runObjectionReclass, dueDate, ObjectionError, STATUS_LABEL } from '../../objections/register';
import { todayCn } from '../../calendar/workdays';

const day = (s: string | undefined, name: string): string | undefined => {
  if (s !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(s)) throw new UsageError(`--${name} 应为 YYYY-MM-DD: ${s}`);
  return s;
};

/**
 * `objections [list] [--status S] [--overdue] [--uscc U]` · `objections due --received YYYY-MM-DD` ·
 * `objections add --uscc U (--event ID | --month YYYY-MM [--model M]) --objector X --grounds X [--what X] --received D` ·
 * `objections step ID forwarded|answered|corrected|upheld [--date D] [--to DEPT] [--answer X] [--note X] [--remove EVENT_ID]`
 * (corrected re-classifies the enterprise's months before returning).
 */
export const objectionsCommand: Command = {
  summary: '异议登记：受理、转办、答复、更正/维持（3个工作日答复期限）',
  usage: [
    'objections [list] [--status S] [--overdue] [--uscc U]',
    'objections due --received YYYY-MM-DD',
    'objections add --uscc U (--event ID | --month YYYY-MM [--model M]) --objector X --grounds X [--what X] [--received YYYY-MM-DD]',
    'objections step ID forwarded|answered|corrected|upheld [--date YYYY-MM-DD] [--to DEPT] [--answer X] [--note X] [--remove EVENT_ID]',
    '（以上均可加 --json）',
  ].join('\n  '),
  async run(ctx) {
    const [sub = 'list', ...rest] = ctx.args.positionals;
    const db = await ctx.db();
    const viewer: Viewer = { name: ctx.actor, role: 'admin', regionCode: '' };
    const json = ctx.args.flags.json === true;
    try {
      if (sub === 'list') {
        const status = flagString(ctx.args, 'status');
        if (status && !(OBJECTION_STATUSES as readonly string[]).includes(status)) throw new UsageError(`--status 应为 ${OBJECTION_STATUSES.join('|')}`);
        const rows = await runQuery(db, objectionList, { today: todayCn(), status: status as ObjectionStatus | undefined, overdueOnly: ctx.args.flags.overdue === true, uscc: flagString(ctx.args, 'uscc') }, viewer);
        if (json) ctx.out(JSON.stringify({ objections: rows }));
        else for (const r of rows) ctx.out(`${r.objection_id}\t${r.uscc}\t${r.enterprise_name}\t受理 ${r.received_date}\t期限 ${r.due_date}${r.overdue ? '（已逾期）' : ''}\t${STATUS_LABEL[r.status]}`);
        return 0;
      }
      if (sub === 'due') {
        const received = day(flagString(ctx.args, 'received'), 'received');
        if (!received) throw new UsageError('需要 --received YYYY-MM-DD');
        const d = await dueDate(db, received);
        ctx.out(json ? JSON.stringify({ received, ...d }) : `${received} 受理 → ${d.due} 前答复${d.calendarCovered ? '' : '（该年度无节假日安排，仅按周末计算）'}`);
        return 0;
      }
      if (sub === 'add') {
        const eventId = flagString(ctx.args, 'event');
        const month = flagMonth(ctx.args);
        if (!eventId === !month) throw new UsageError('需要 --event ID 或 --month YYYY-MM（二选一）');
        const received = day(flagString(ctx.args, 'received'), 'received') ?? todayCn();
        const r = await recordObjection(db, viewer, {
          uscc: flagString(ctx.args, 'uscc') ?? '', targetKind: eventId ? 'event' : 'class', eventId, month, modelId: flagString(ctx.args, 'model'),
          objector: flagString(ctx.args, 'objector') ?? '', what: flagString(ctx.args, 'what') ?? '', grounds: flagString(ctx.args, 'grounds') ?? '', receivedDate: received,
        });
        ctx.out(json ? JSON.stringify(r) : `已受理 ${r.id}，答复期限 ${r.dueDate}`);
        return 0;
      }
      if (sub === 'step') {
        const [id, step] = rest;
        if (!id || !step || !['forwarded', 'answered', 'corrected', 'upheld'].includes(step)) throw new UsageError('用法: objections step ID forwarded|answered|corrected|upheld');
        const remove = flagString(ctx.args, 'remove');
        const res = await advanceObjection(db, viewer, {
          id, step: step as 'forwarded', date: day(flagString(ctx.args, 'date'), 'date'), forwardedTo: flagString(ctx.args, 'to'),
          answer: flagString(ctx.args, 'answer'), note: flagString(ctx.args, 'note'), corrections: remove ? [{ eventId: remove, action: 'remove' }] : undefined,
        });
        let reclass = null;
        if (res.reclass) reclass = await runObjectionReclass(db, viewer, res.id, res.reclass.fromMonth, (t) => ctx.progress(t));
        if (json) ctx.out(JSON.stringify({ ...res, reclass }));
        else {
          ctx.out(`${res.id}: ${STATUS_LABEL[res.status]}`);
          for (const c of reclass?.changes.filter((x) => x.class_before !== x.class_after) ?? []) ctx.out(`  ${c.month} ${c.model_id}: ${c.class_before || '—'} → ${c.class_after || '—'}`);
        }
        return 0;
      }
      throw new UsageError(`未知子命令: ${sub}`);
    } catch (e) {
      if (e instanceof ObjectionError) throw new InputError(e.message);
      throw inputErrorOf(e);
    }
  },
};
