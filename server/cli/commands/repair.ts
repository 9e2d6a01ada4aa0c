import type { Command } from '../context';
import { UsageError, InputError, inputErrorOf, flagString } from '../args';
import type { Viewer } from '../../auth/viewer';
import { runQuery } from '../../../queries/define';
import { repairList } from '../../../queries/objections/repairs';
import { checkEnterprise, registerRepair, runRepairReclass, RepairError } from '../../repair/register';
import { STATUS_LABEL } from '../../repair/eligibility';

/**
 * `repair check USCC [--as-of D]` — every credit record with its eligibility and reason;
 * `repair add --uscc U --event ID --basis X [--date D]` — registers the repair (a credit_repair event) and re-classifies;
 * `repair list [--uscc U]` — the register.
 */
export const repairCommand: Command = {
  summary: '信用修复：逐条判断可否修复、登记修复（写入 credit_repair 记录并重新分类）',
  usage: 'repair check USCC [--as-of YYYY-MM-DD] | repair add --uscc U --event ID --basis 依据 [--date YYYY-MM-DD] | repair list [--uscc U]  [--json]',
  async run(ctx) {
    const [sub = 'list', arg] = ctx.args.positionals;
    const db = await ctx.db();
    const viewer: Viewer = { name: ctx.actor, role: 'admin', regionCode: '' };
    const json = ctx.args.flags.json === true;
    try {
      if (sub === 'check') {
        if (!arg) throw new UsageError('用法: repair check USCC');
        const r = await checkEnterprise(db, viewer, arg, flagString(ctx.args, 'as-of'));
        if (json) ctx.out(JSON.stringify(r));
        else for (const x of r.records) ctx.out(`${x.event_id}\t${x.event_date}\t${x.category}\t${STATUS_LABEL[x.eligibility.status]}\t${x.eligibility.reason}`);
        return 0;
      }
      if (sub === 'add') {
        const res = await registerRepair(db, viewer, {
          uscc: flagString(ctx.args, 'uscc') ?? '', eventId: flagString(ctx.args, 'event') ?? '', basis: flagString(ctx.args, 'basis') ?? '', repairDate: flagString(ctx.args, 'date'),
        });
        const reclass = res.reclass ? await runRepairReclass(db, viewer, res.repairId, res.reclass, (t) => ctx.progress(t)) : null;
        if (json) ctx.out(JSON.stringify({ ...res, reclass }));
        else {
          ctx.out(`已登记修复 ${res.repairId}（${res.repairEventId}）：${res.eligibility.reason}`);
          for (const c of reclass?.changes.filter((x) => x.class_before !== x.class_after) ?? []) ctx.out(`  ${c.month} ${c.model_id}: ${c.class_before || '—'} → ${c.class_after || '—'}`);
        }
        return 0;
      }
      if (sub === 'list') {
        const rows = await runQuery(db, repairList, { uscc: flagString(ctx.args, 'uscc') }, viewer);
        if (json) ctx.out(JSON.stringify({ repairs: rows }));
        else for (const r of rows) ctx.out(`${r.repair_date}\t${r.uscc}\t${r.enterprise_name}\t${r.event_id}\t${r.reason}\t${r.actor}`);
        return 0;
      }
      throw new UsageError(`未知子命令: ${sub}`);
    } catch (e) {
      if (e instanceof RepairError) throw new InputError(e.message);
      throw inputErrorOf(e);
    }
  },
};
