/**
 * CLI hand-off: when this server holds the embedded data directory, `npm run cli` sends its command here over
 * loopback and relays the streamed output. What admits a call is the secret token alone (192 random bits, compared in
 * constant time), which the server writes to `<data>/.server.json` with mode 0600: whoever can read the data directory
 * may run commands, nobody else — wherever the call comes from (a route handler sees no socket, and forwarded-for
 * headers are the client's to write, so the source address is not checked).
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
