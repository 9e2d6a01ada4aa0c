import { z } from 'zod';
import { router, adminProcedure } from '../init';
import { runQuery } from '../../../queries/define';
import { auditLog } from '../../../queries/admin/auditLog';
import { listUsers } from '../../auth/users';
import { flushAudit } from '../../auth/audit';

export const adminRouter = router({
  auditLog: adminProcedure.input(auditLog.input).query(async ({ ctx, input }) => {
    const db = await ctx.db();
    await flushAudit(db);
    return runQuery(db, auditLog, input, ctx.viewer);
  }),
  users: adminProcedure.input(z.object({}).optional()).query(async ({ ctx }) => listUsers(await ctx.db())),
});
