import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { getDb, type Db } from '../db/client';
import type { Viewer, Role } from '../auth/viewer';

export interface Context {
  db: () => Promise<Db>;
  viewer: Viewer | null;
  /** For the audit log. */
  ip: string;
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    // Never leak SQL or stack traces to the browser.
    const safe = error.code === 'INTERNAL_SERVER_ERROR' ? '服务器内部错误，请稍后重试或联系管理员' : shape.message;
    return { ...shape, message: safe, data: { code: shape.data.code, httpStatus: shape.data.httpStatus } };
  },
});

export const router = t.router;
export const publicProcedure = t.procedure;

export const authedProcedure = t.procedure.use(({ ctx, next }) => {
  if (!ctx.viewer) throw new TRPCError({ code: 'UNAUTHORIZED', message: '请先登录' });
  return next({ ctx: { ...ctx, viewer: ctx.viewer } });
});

/** A procedure open only to the given roles. */
export function roleProcedure(...roles: Role[]) {
  return authedProcedure.use(({ ctx, next }) => {
    if (!roles.includes(ctx.viewer.role)) throw new TRPCError({ code: 'FORBIDDEN', message: '当前角色无权访问此功能' });
    return next({ ctx });
  });
}

export const defaultContextDb = () => getDb();
