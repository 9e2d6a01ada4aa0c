import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { appRouter } from '@/server/trpc/root';
import { getDb } from '@/server/db/client';
import { SESSION_COOKIE, viewerFromSession } from '@/server/auth/users';
import { cookieValue } from '@/server/auth/fromRequest';
import { clientAddress } from '@/server/auth/clientAddress';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';


const handler = (req: Request) =>
  fetchRequestHandler({
    endpoint: '/api/trpc',
    req,
    router: appRouter,
    createContext: async () => {
      const db = await getDb();
      return {
        db: async () => db,
        viewer: await viewerFromSession(db, cookieValue(req, SESSION_COOKIE)),
        ip: clientAddress(req.headers),
      };
    },
    onError: ({ error, path }) => { if (error.code === 'INTERNAL_SERVER_ERROR') console.error(`tRPC ${path}:`, error.cause ?? error); },
  });

export { handler as GET, handler as POST };
