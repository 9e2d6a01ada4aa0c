/** Mounts the per-domain routers. Routers validate input (zod) and call query modules; they hold no SQL. */
import { router } from './init';
import { systemRouter } from './routers/system';

export const appRouter = router({
  system: systemRouter,
});

export type AppRouter = typeof appRouter;
