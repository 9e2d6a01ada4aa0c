/**
 * CLI hand-off: when this server holds the embedded data directory, `npm run cli` sends its command here
 * (loopback, secret token from the data directory) and relays the streamed output.
 */
import { dispatch } from '@/server/cli/dispatch';
import { getDb } from '@/server/db/client';
import { tokenMatches } from '@/server/owner';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function POST(req: Request) {
  const db = await getDb();
  if (db.config.mode !== 'embedded' || !tokenMatches(db.config.dataDir, req.headers.get('x-xinyan-token'))) {
    return new Response('forbidden', { status: 403 });
  }
  const body = (await req.json()) as { argv?: unknown; stdin?: unknown };
  const argv = Array.isArray(body.argv) ? body.argv.map(String) : [];
  const stdin = typeof body.stdin === 'string' ? body.stdin : '';
  const enc = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (m: object) => controller.enqueue(enc.encode(JSON.stringify(m) + '\n'));
      const code = await dispatch(argv, {
        out: (s) => send({ t: 'out', s }),
        err: (s) => send({ t: 'err', s }),
        progress: (s) => send({ t: 'progress', s }),
        stdin,
        db: async () => db,
        actor: 'cli',
      });
      send({ t: 'exit', code });
      controller.close();
    },
  });
  return new Response(stream, { headers: { 'content-type': 'application/x-ndjson' } });
}
