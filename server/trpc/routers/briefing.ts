/**
 * 研判简报 (issue 8): the monthly leadership briefing. Leaders, analysts and administrators; partners are refused
 * (FORBIDDEN) here and again in getBriefing. No SQL here: server/briefing/data.ts assembles the figures from
 * query modules that apply the viewer's regionScope.
 */
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { router, roleProcedure } from '../init';
import { getBriefing, briefingInput, briefingMonths, BriefingAccessError, BriefingNoDataError, MODEL_LABELS, BRIEFING_ROLES } from '../../briefing/data';

const briefingProcedure = roleProcedure(...BRIEFING_ROLES);

const rethrow = (e: unknown): never => {
  if (e instanceof BriefingAccessError) throw new TRPCError({ code: 'FORBIDDEN', message: e.message });
  if (e instanceof BriefingNoDataError) throw new TRPCError({ code: 'NOT_FOUND', message: e.message });
  throw e;
};

export const briefingRouter = router({
  /** Models with results and their months (newest first), and the default model. */
  options: briefingProcedure.input(z.object({}).optional()).query(async ({ ctx }) => {
    const db = await ctx.db();
    const models = ['effective', 'general'];
    const months: Record<string, string[]> = {};
    for (const m of models) months[m] = await briefingMonths(db, m);
    const available = models.filter((m) => (months[m]?.length ?? 0) > 0);
    return {
      models: available.map((id) => ({ id, label: MODEL_LABELS[id] ?? id })),
      months,
      defaultModel: available[0] ?? 'effective',
    };
  }),
  /** One briefing: month (default: latest classified), model (default: effective), optional region/industry filter. */
  get: briefingProcedure.input(briefingInput).query(async ({ ctx, input }) =>
    getBriefing(await ctx.db(), ctx.viewer, input).catch(rethrow)),
});
