/** Mounts the per-domain routers. Routers validate input (zod) and call query modules; they hold no SQL. */
import { router } from './init';
import { systemRouter } from './routers/system';
import { adminRouter } from './routers/admin';
import { overviewRouter } from './routers/overview';
import { dataRouter } from './routers/data';
import { researchRouter } from './routers/research';
import { referenceRouter } from './routers/reference';
import { mapRouter } from './routers/map';
import { warningsRouter } from './routers/warnings';
import { classifyRouter } from './routers/classify';
import { briefingRouter } from './routers/briefing';
import { inspectionsRouter } from './routers/inspections';
import { objectionsRouter } from './routers/objections';

export const appRouter = router({
  system: systemRouter,
  admin: adminRouter,
  overview: overviewRouter,
  data: dataRouter,
  research: researchRouter,
  reference: referenceRouter,
  map: mapRouter,
  warnings: warningsRouter,
  classify: classifyRouter,
  briefing: briefingRouter,
  inspections: inspectionsRouter,
  objections: objectionsRouter,
});

export type AppRouter = typeof appRouter;
