/** 预警处置 (analysts/admin): months, counts, list, a case's detail, disposal steps, assignable units; an enterprise's cases. */
import { z } from 'zod';
import { TRPCError } from '@trpc/server';
import { router, enterpriseProcedure } from '../init';
import { runQuery } from '../../../queries/define';
import { warningMonths } from '../../../queries/warnings/months';
import { warningCounts } from '../../../queries/warnings/counts';
import { warningList, listInput } from '../../../queries/warnings/list';
import { assignableUnits } from '../../../queries/warnings/units';
import { warningRegions } from '../../../queries/warnings/regions';
import { enterpriseWarnings } from '../../../queries/enterprise/warnings';
import { monthSchema, warningIdSchema } from '../../../queries/warnings/common';
import { getWarningCase, recordDisposal, DeskError, ACTIONS, RESULTS, STEPS } from '../../warnings/desk';

function mapError(e: unknown): never {
  if (e instanceof DeskError) throw new TRPCError({ code: e.code, message: e.message });
  throw e;
}

export const warningsRouter = router({
  months: enterpriseProcedure.query(async ({ ctx }) => runQuery(await ctx.db(), warningMonths, {}, ctx.viewer)),
  counts: enterpriseProcedure.input(warningCounts.input).query(async ({ ctx, input }) => runQuery(await ctx.db(), warningCounts, input, ctx.viewer)),
  regions: enterpriseProcedure.input(warningRegions.input).query(async ({ ctx, input }) => runQuery(await ctx.db(), warningRegions, input, ctx.viewer)),
  list: enterpriseProcedure.input(listInput).query(async ({ ctx, input }) => runQuery(await ctx.db(), warningList, input, ctx.viewer)),
  /** The cases an enterprise of the viewer's scope is a member of, cross-county ones handled elsewhere included (企业画像). */
  ofEnterprise: enterpriseProcedure.input(enterpriseWarnings.input)
    .query(async ({ ctx, input }) => runQuery(await ctx.db(), enterpriseWarnings, input, ctx.viewer)),
  detail: enterpriseProcedure.input(z.object({ id: warningIdSchema, month: monthSchema.optional() }))
    .query(async ({ ctx, input }) => getWarningCase(await ctx.db(), ctx.viewer, input.id, input.month).catch(mapError)),
  units: enterpriseProcedure.input(assignableUnits.input).query(async ({ ctx, input }) => runQuery(await ctx.db(), assignableUnits, input, ctx.viewer)),
  dispose: enterpriseProcedure.input(z.object({
    id: warningIdSchema,
    step: z.enum(STEPS),
    unitCode: z.string().regex(/^\d{6}(\d{3})?$/).optional(),
    action: z.enum(ACTIONS).optional(),
    result: z.enum(RESULTS).optional(),
    targets: z.array(z.string().max(40)).max(5000).optional(),
    // The desk refuses a note over NOTE_MAX with a message in Chinese; this bound only caps the payload.
    note: z.string().max(100_000).optional(),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  })).mutation(async ({ ctx, input }) => recordDisposal(await ctx.db(), ctx.viewer, input).catch(mapError)),
});
