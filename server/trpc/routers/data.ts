/** 数据管理 (admin only): imports with their counts, import jobs' live progress, rejected rows. */
import { z } from 'zod';
import { TRPCError } from '@trpc/server';
import { router, adminProcedure } from '../init';
import { listImports, listRejects } from '../../import';
import { getJob, listJobs } from '../../jobs/registry';

export const dataRouter = router({
  imports: adminProcedure.query(async ({ ctx }) => listImports(await ctx.db())),
  rejects: adminProcedure
    .input(z.object({ importId: z.string().min(1).max(100), limit: z.number().int().min(1).max(500).default(50), offset: z.number().int().min(0).default(0) }))
    .query(async ({ ctx, input }) => listRejects(await ctx.db(), input)),
  job: adminProcedure.input(z.object({ id: z.string().uuid() })).query(({ input }) => {
    const j = getJob(input.id);
    if (!j) throw new TRPCError({ code: 'NOT_FOUND', message: '任务不存在（服务器可能已重启）' });
    return j;
  }),
  /** Import jobs started in this server process (running and recent). */
  jobs: adminProcedure.query(() => listJobs('import')),
});
