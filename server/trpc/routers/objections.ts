/**
 * 异议与修复 (analysts/admin): the objection register and its steps, corrections that re-classify (as jobs), the
 * credit repair eligibility check and register, and the working-day calendar (administrators edit it).
 */
import { z } from 'zod';
import { TRPCError } from '@trpc/server';
import { router, enterpriseProcedure, adminProcedure } from '../init';
import { runQuery } from '../../../queries/define';
import { objectionList } from '../../../queries/objections/list';
import { objectionCounts } from '../../../queries/objections/counts';
import { objectionSteps } from '../../../queries/objections/steps';
import { reclassChanges } from '../../../queries/objections/changes';
import { repairList } from '../../../queries/objections/repairs';
import { enterpriseRecords } from '../../../queries/objections/records';
import { objectionEnterprise } from '../../../queries/objections/enterprise';
import { OBJECTION_STATUSES, daySchema, monthSchema, usccSchema } from '../../../queries/objections/common';
import { recordObjection, advanceObjection, runObjectionReclass, retryObjectionReclass, dueDate, refreshDueDates, ObjectionError } from '../../objections/register';
import { checkEnterprise, registerRepair, runRepairReclass, retryRepairReclass, RepairError } from '../../repair/register';
import { listCalendarYear, setCalendarDay, resetCalendarDay } from '../../calendar/store';
import { OFFICIAL_SOURCE, todayCn } from '../../calendar/workdays';
import { getJob, startJob } from '../../jobs/registry';
import type { Db } from '../../db/client';
import type { Viewer } from '../../auth/viewer';

function mapError(e: unknown): never {
  if (e instanceof ObjectionError || e instanceof RepairError) throw new TRPCError({ code: e.code, message: e.message });
  throw e;
}

/** Starts the re-classification after an objection's correction as a job (`again`: run again after it failed). */
function objectionReclassJob(db: Db, viewer: Viewer, id: string, from: string, again = false): string {
  return startJob('reclass', viewer.name, `异议 ${id} 更正后重新分类（${from} 起${again ? '，重新运行' : ''}）`, (r) =>
    runObjectionReclass(db, viewer, id, from, (t, f) => r.progress(t, f))).id;
}

/** Starts the re-classification after a credit repair as a job (`again`: run again after it failed). */
function repairReclassJob(db: Db, viewer: Viewer, repairId: string, rc: { uscc: string; fromMonth: string }, again = false): string {
  return startJob('reclass', viewer.name, `信用修复后重新分类（${rc.fromMonth} 起${again ? '，重新运行' : ''}）`, (r) =>
    runRepairReclass(db, viewer, repairId, rc, (t, f) => r.progress(t, f))).id;
}

const idSchema = z.string().min(1).max(64);
const text = (max: number) => z.string().max(max);

export const objectionsRouter = router({
  today: enterpriseProcedure.query(() => todayCn()),
  list: enterpriseProcedure.input(z.object({
    status: z.enum(OBJECTION_STATUSES).optional(), overdueOnly: z.boolean().default(false), uscc: usccSchema.optional(),
  })).query(async ({ ctx, input }) => runQuery(await ctx.db(), objectionList, { ...input, today: todayCn() }, ctx.viewer)),
  /** Headline counts over the whole register in scope (the list stops at its limit). */
  counts: enterpriseProcedure.input(z.object({ uscc: usccSchema.optional() })).query(async ({ ctx, input }) =>
    (await runQuery(await ctx.db(), objectionCounts, { ...input, today: todayCn() }, ctx.viewer))[0] ?? { total: 0, awaiting: 0, overdue: 0, closed: 0 }),
  detail: enterpriseProcedure.input(z.object({ id: idSchema })).query(async ({ ctx, input }) => {
    const db = await ctx.db();
    const [o] = await runQuery(db, objectionList, { today: todayCn(), id: input.id, limit: 1 }, ctx.viewer);
    if (!o) throw new TRPCError({ code: 'NOT_FOUND', message: '异议不存在或不在您的数据范围内' });
    const [steps, changes] = await Promise.all([
      runQuery(db, objectionSteps, { id: input.id }, ctx.viewer),
      runQuery(db, reclassChanges, { refId: input.id }, ctx.viewer),
    ]);
    return { objection: o, steps, changes };
  }),
  dueDate: enterpriseProcedure.input(z.object({ receivedDate: daySchema })).query(async ({ ctx, input }) =>
    dueDate(await ctx.db(), input.receivedDate).catch(mapError)),
  enterprise: enterpriseProcedure.input(z.object({ uscc: usccSchema })).query(async ({ ctx, input }) => {
    const db = await ctx.db();
    const [ent] = await runQuery(db, objectionEnterprise, input, ctx.viewer);
    if (!ent) throw new TRPCError({ code: 'NOT_FOUND', message: '企业不存在或不在您的数据范围内' });
    const records = await runQuery(db, enterpriseRecords, input, ctx.viewer);
    return { enterprise: ent, records: records.reverse() };
  }),
  record: enterpriseProcedure.input(z.object({
    uscc: usccSchema, targetKind: z.enum(['event', 'class']), eventId: text(80).optional(), month: monthSchema.optional(),
    modelId: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/).optional(), objector: text(200), what: text(500), grounds: text(4000), receivedDate: daySchema,
  })).mutation(async ({ ctx, input }) => recordObjection(await ctx.db(), ctx.viewer, input, ctx.ip).catch(mapError)),
  step: enterpriseProcedure.input(z.object({
    id: idSchema, step: z.enum(['forwarded', 'answered', 'corrected', 'upheld']), date: daySchema.optional(), forwardedTo: text(200).optional(),
    answer: text(4000).optional(), note: text(2000).optional(),
    corrections: z.array(z.object({
      eventId: text(80), action: z.enum(['remove', 'change']), severity: z.enum(['general', 'serious']).optional(),
      amountYuan: z.number().min(0).max(1e12).optional(), endDate: daySchema.optional(), detail: text(500).optional(),
    })).max(50).optional(),
  })).mutation(async ({ ctx, input }) => {
    const db = await ctx.db();
    const res = await advanceObjection(db, ctx.viewer, input, ctx.ip).catch(mapError);
    const jobId = res.reclass ? objectionReclassJob(db, ctx.viewer, res.id, res.reclass.fromMonth) : null;
    return { ...res, jobId };
  }),
  /** Runs again a re-classification (after a correction or a repair) that failed or died with its process. */
  retryReclass: enterpriseProcedure.input(z.object({ kind: z.enum(['objection', 'repair']), id: idSchema })).mutation(async ({ ctx, input }) => {
    const db = await ctx.db();
    if (input.kind === 'objection') {
      const r = await retryObjectionReclass(db, ctx.viewer, input.id).catch(mapError);
      return { jobId: objectionReclassJob(db, ctx.viewer, input.id, r.fromMonth, true), fromMonth: r.fromMonth };
    }
    const r = await retryRepairReclass(db, ctx.viewer, input.id).catch(mapError);
    return { jobId: repairReclassJob(db, ctx.viewer, input.id, r, true), fromMonth: r.fromMonth };
  }),
  job: enterpriseProcedure.input(z.object({ id: z.string().uuid() })).query(({ input }) => {
    const j = getJob(input.id);
    if (!j) throw new TRPCError({ code: 'NOT_FOUND', message: '任务不存在（服务器可能已重启）' });
    return { id: j.id, status: j.status, progress: j.progress, fraction: j.fraction, error: j.error };
  }),

  check: enterpriseProcedure.input(z.object({ uscc: usccSchema, asOf: daySchema.optional() })).query(async ({ ctx, input }) =>
    checkEnterprise(await ctx.db(), ctx.viewer, input.uscc, input.asOf ?? todayCn()).catch(mapError)),
  repairs: enterpriseProcedure.input(z.object({ uscc: usccSchema.optional() })).query(async ({ ctx, input }) =>
    runQuery(await ctx.db(), repairList, input, ctx.viewer)),
  repairChanges: enterpriseProcedure.input(z.object({ id: idSchema })).query(async ({ ctx, input }) =>
    runQuery(await ctx.db(), reclassChanges, { refId: input.id }, ctx.viewer)),
  repair: enterpriseProcedure.input(z.object({ uscc: usccSchema, eventId: text(80), repairDate: daySchema.optional(), basis: text(2000) }))
    .mutation(async ({ ctx, input }) => {
      const db = await ctx.db();
      const res = await registerRepair(db, ctx.viewer, input, ctx.ip).catch(mapError);
      const jobId = res.reclass ? repairReclassJob(db, ctx.viewer, res.repairId, res.reclass) : null;
      return { ...res, jobId };
    }),

  calendar: enterpriseProcedure.input(z.object({ year: z.number().int().min(2000).max(2100) })).query(async ({ ctx, input }) =>
    ({ days: await listCalendarYear(await ctx.db(), input.year), source: OFFICIAL_SOURCE })),
  /** Sets or resets a calendar day; the objections' due dates follow the calendar (`dueDatesChanged`: how many moved). */
  setDay: adminProcedure.input(z.object({ date: daySchema, kind: z.enum(['holiday', 'workday', 'normal']), name: text(60) }))
    .mutation(async ({ ctx, input }) => {
      const db = await ctx.db();
      const day = await setCalendarDay(db, ctx.viewer.name, input).catch((e: Error) => { throw new TRPCError({ code: 'BAD_REQUEST', message: e.message }); });
      return { ...day, dueDatesChanged: (await refreshDueDates(db, ctx.viewer, ctx.ip)).length };
    }),
  resetDay: adminProcedure.input(z.object({ date: daySchema })).mutation(async ({ ctx, input }) => {
    const db = await ctx.db();
    await resetCalendarDay(db, input.date).catch((e: Error) => { throw new TRPCError({ code: 'BAD_REQUEST', message: e.message }); });
    return { ok: true, dueDatesChanged: (await refreshDueDates(db, ctx.viewer, ctx.ip)).length };
  }),
});
