/** Reference lists for the filter cascades: GB/T 2260 regions (scoped) and GB/T 4754-2017 industries. */
import { z } from 'zod';
import { router, authedProcedure } from '../init';
import { runQuery } from '../../../queries/define';
import { regionChildren } from '../../../queries/research/regionChildren';
import { industryChildren } from '../../../queries/research/industryChildren';

export const referenceRouter = router({
  regions: authedProcedure.input(z.object({ parent: z.string().regex(/^(\d{6})?$/) })).query(async ({ ctx, input }) =>
    runQuery(await ctx.db(), regionChildren, input, ctx.viewer)),
  industries: authedProcedure.input(z.object({ parent: z.string().regex(/^([A-T](\d{2,3})?)?$/) })).query(async ({ ctx, input }) =>
    runQuery(await ctx.db(), industryChildren, input, ctx.viewer)),
});
