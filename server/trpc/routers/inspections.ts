/** 双随机抽查计划 (analysts/admin): preview, plans, the draw, its verification, results, roster, problem rates. */
import { z } from 'zod';
import { TRPCError } from '@trpc/server';
import { router, enterpriseProcedure } from '../init';
import { planSettingsSchema, seedSchema, RATIO_PRESETS } from '../../inspections/settings';
import {
  PlanError, INSPECTION_RESULTS, addInspector, classifiedMonths, compareWithPrevious, createPlan, drawPlan, getPlan, getTargets,
  latestMonth, listPlans, listRoster, planRates, previewPlan, recordResult, removeInspector, verifyDraw,
} from '../../inspections/plans';

const planId = z.string().regex(/^[0-9a-f]{8}$/);

function mapError(e: unknown): never {
  if (e instanceof PlanError) throw new TRPCError({ code: e.code, message: e.message });
  throw e;
}

export const inspectionsRouter = router({
  /** Months with class results of a model (newest first) and the ratio presets. */
  options: enterpriseProcedure.input(z.object({ model: z.string().regex(/^[a-z0-9-]{1,40}$/).default('effective') })).query(async ({ ctx, input }) => {
    const db = await ctx.db();
    return { months: await classifiedMonths(db, input.model), latest: (await latestMonth(db, input.model)) ?? null, presets: RATIO_PRESETS, viewerRegion: ctx.viewer.regionCode };
  }),
  preview: enterpriseProcedure.input(planSettingsSchema).query(async ({ ctx, input }) => previewPlan(await ctx.db(), ctx.viewer, input).catch(mapError)),
  create: enterpriseProcedure.input(z.object({ settings: planSettingsSchema, seed: seedSchema.optional(), draw: z.boolean().default(true) }))
    .mutation(async ({ ctx, input }) => {
      const db = await ctx.db();
      const plan = await createPlan(db, ctx.viewer, input.settings, input.seed).catch(mapError);
      return input.draw ? drawPlan(db, ctx.viewer, plan.plan_id).catch(mapError) : plan;
    }),
  draw: enterpriseProcedure.input(z.object({ planId })).mutation(async ({ ctx, input }) => drawPlan(await ctx.db(), ctx.viewer, input.planId).catch(mapError)),
  verify: enterpriseProcedure.input(z.object({ planId })).query(async ({ ctx, input }) => verifyDraw(await ctx.db(), ctx.viewer, input.planId).catch(mapError)),
  plans: enterpriseProcedure.query(async ({ ctx }) => listPlans(await ctx.db(), ctx.viewer)),
  plan: enterpriseProcedure.input(z.object({ planId })).query(async ({ ctx, input }) => getPlan(await ctx.db(), ctx.viewer, input.planId).catch(mapError)),
  targets: enterpriseProcedure.input(z.object({ planId })).query(async ({ ctx, input }) => getTargets(await ctx.db(), ctx.viewer, input.planId).catch(mapError)),
  recordResult: enterpriseProcedure.input(z.object({
    planId, uscc: z.string().min(1).max(40), result: z.enum(INSPECTION_RESULTS), date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), note: z.string().max(300).optional(),
  })).mutation(async ({ ctx, input }) => recordResult(await ctx.db(), ctx.viewer, input).catch(mapError)),
  rates: enterpriseProcedure.query(async ({ ctx }) => planRates(await ctx.db(), ctx.viewer)),
  compare: enterpriseProcedure.input(z.object({ planId })).query(async ({ ctx, input }) => compareWithPrevious(await ctx.db(), ctx.viewer, input.planId).catch(mapError)),
  roster: enterpriseProcedure.query(async ({ ctx }) => listRoster(await ctx.db(), ctx.viewer)),
  addInspector: enterpriseProcedure.input(z.object({ name: z.string().max(40), unit: z.string().max(60), region: z.string().regex(/^\d{6}$/) }))
    .mutation(async ({ ctx, input }) => addInspector(await ctx.db(), ctx.viewer, input).catch(mapError)),
  removeInspector: enterpriseProcedure.input(z.object({ inspectorId: z.string().regex(/^[0-9a-f]{12}$/) }))
    .mutation(async ({ ctx, input }) => { await removeInspector(await ctx.db(), ctx.viewer, input.inspectorId).catch(mapError); return { ok: true }; }),
});
