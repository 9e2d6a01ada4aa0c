/** 全省总览: headline figures and the three overview charts, all limited to the viewer's region. */
import { z } from 'zod';
import { router, authedProcedure } from '../init';
import { overviewSummary, overviewByRegion, overviewByIndustry, overviewEventsByMonth } from '../../../queries/overview';

export const overviewRouter = router({
  summary: authedProcedure.query(async ({ ctx }) => overviewSummary(await ctx.db(), ctx.viewer)),
  byRegion: authedProcedure.query(async ({ ctx }) => overviewByRegion(await ctx.db(), ctx.viewer)),
  byIndustry: authedProcedure.query(async ({ ctx }) => overviewByIndustry(await ctx.db(), ctx.viewer)),
  eventsByMonth: authedProcedure
    .input(z.object({ months: z.number().int().min(1).max(120).default(36) }))
    .query(async ({ ctx, input }) => overviewEventsByMonth(await ctx.db(), ctx.viewer, input.months)),
});
