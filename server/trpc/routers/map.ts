/** Risk map (风险地图): areas for the choropleth and hotspot list, options, enterprises behind a point marker. */
import { router, authedProcedure, enterpriseProcedure } from '../init';
import { runQuery } from '../../../queries/define';
import { mapOptions } from '../../../queries/map/options';
import { getMapAreas, mapAreasInput } from '../../../queries/map/areas';
import { addressEnterprises } from '../../../queries/map/addressEnterprises';
import { mapUnplaced } from '../../../queries/map/unplaced';

export const mapRouter = router({
  options: authedProcedure.query(async ({ ctx }) => {
    const rows = await runQuery(await ctx.db(), mapOptions, {}, ctx.viewer);
    const models = [...new Set(rows.map((r) => r.model_id))].sort();
    const months: Record<string, string[]> = {};
    const prov = new Map<string, number>();
    for (const r of rows) {
      const list = (months[r.model_id] ??= []);
      if (!list.includes(r.ym)) list.push(r.ym);
      prov.set(r.province_code, (prov.get(r.province_code) ?? 0) + r.n);
    }
    for (const m of Object.values(months)) m.sort();
    const scoped = ctx.viewer.regionCode ? `${ctx.viewer.regionCode.slice(0, 2)}0000` : '';
    const province = scoped || [...prov.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] || '220000';
    return { models, months, province, canSeePoints: ctx.viewer.role === 'admin' || ctx.viewer.role === 'analyst' };
  }),
  areas: authedProcedure.input(mapAreasInput).query(async ({ ctx, input }) => getMapAreas(await ctx.db(), ctx.viewer, input)),
  addressEnterprises: enterpriseProcedure.input(addressEnterprises.input).query(async ({ ctx, input }) =>
    runQuery(await ctx.db(), addressEnterprises, input, ctx.viewer)),
  /** Enterprises of the selection without a location (no point): analysts and administrators, like the points. */
  unplaced: enterpriseProcedure.input(mapUnplaced.input).query(async ({ ctx, input }) =>
    (await runQuery(await ctx.db(), mapUnplaced, input, ctx.viewer))[0] ?? { n: 0, unplaced: 0 }),
});
