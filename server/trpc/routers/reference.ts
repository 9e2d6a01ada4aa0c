/** Reference lists for the filter cascades: GB/T 2260 regions (scoped) and GB/T 4754-2017 industries. */
import { z } from 'zod';
import { router, authedProcedure } from '../init';
import { runQuery } from '../../../queries/define';
import { regionChildren } from '../../../queries/research/regionChildren';
import { industryChildren } from '../../../queries/research/industryChildren';
import { codePath, regionAncestors, industryAncestors } from '../../../queries/research/codePath';

export const referenceRouter = router({
  regions: authedProcedure.input(z.object({ parent: z.string().regex(/^(\d{6})?$/) })).query(async ({ ctx, input }) =>
    runQuery(await ctx.db(), regionChildren, input, ctx.viewer)),
  industries: authedProcedure.input(z.object({ parent: z.string().regex(/^([A-T](\d{2,3})?)?$/) })).query(async ({ ctx, input }) =>
    runQuery(await ctx.db(), industryChildren, input, ctx.viewer)),
  /** Ancestors of the current region and industry filters, with names, in order (for breadcrumbs). */
  path: authedProcedure.input(codePath.input).query(async ({ ctx, input }) => {
    const rows = await runQuery(await ctx.db(), codePath, input, ctx.viewer);
    const name = (kind: string, code: string) => rows.find((r) => r.kind === kind && r.code === code)?.name ?? code;
    return {
      region: regionAncestors(input.region).map((code) => ({ code, name: name('region', code) })),
      industry: industryAncestors(input.industry).map((code) => ({ code, name: name('industry', code) })),
    };
  }),
});
