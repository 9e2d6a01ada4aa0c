import { router, publicProcedure, authedProcedure } from '../init';
import { trusted } from '../../db/sql';

export const systemRouter = router({
  health: publicProcedure.query(async ({ ctx }) => {
    const db = await ctx.db();
    const r = await db.one<{ v: string }>(trusted('SELECT version() AS v'));
    return { ok: true, engine: db.config.mode, version: r?.v ?? '' };
  }),
  me: authedProcedure.query(({ ctx }) => ctx.viewer),
});
