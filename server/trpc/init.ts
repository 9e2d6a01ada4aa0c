import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import type { Db } from '../db/client';
import type { Viewer, Role } from '../auth/viewer';
import { audit } from '../auth/audit';
import { PartnerFilterError } from '../../queries/filters';

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
export const createCallerFactory = t.createCallerFactory;

/**
 * Signed-in users; every call is written to the audit log (action 'export' for paths containing 'export'), and so is
 * every call refused for the user's role or data scope (FORBIDDEN: action 'denied').
 */
export const authedProcedure = t.procedure.use(async ({ ctx, next, path, type, getRawInput }) => {
  if (!ctx.viewer) throw new TRPCError({ code: 'UNAUTHORIZED', message: '请先登录' });
  let result = await next({ ctx: { ...ctx, viewer: ctx.viewer } });
  // A partner's filters refused by the query layer (several statuses or tags: queries/filters.ts): refused, not a crash.
  if (!result.ok && result.error.cause instanceof PartnerFilterError) {
    result = { ok: false, error: new TRPCError({ code: 'FORBIDDEN', message: result.error.cause.message, cause: result.error.cause }), marker: result.marker } as typeof result;
  }
  const action = result.ok ? (/export/i.test(path) ? 'export' : type === 'mutation' ? 'change' : 'view')
    : result.error.code === 'FORBIDDEN' ? 'denied' : null;
  if (action) void ctx.db().then(async (db) => audit(db, ctx.viewer, action, path, await getRawInput().catch(() => null), ctx.ip));
  return result;
});

/** A procedure open only to the given roles. */
export function roleProcedure(...roles: Role[]) {
  return authedProcedure.use(({ ctx, next }) => {
    if (!roles.includes(ctx.viewer.role)) throw new TRPCError({ code: 'FORBIDDEN', message: '当前角色无权访问此功能' });
    return next({ ctx });
  });
}

/** Analysts and administrators: the only roles that see enterprise-level data. */
export const enterpriseProcedure = roleProcedure('admin', 'analyst');
export const adminProcedure = roleProcedure('admin');
