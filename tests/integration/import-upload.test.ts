/**
 * The 数据管理 upload route (POST /api/import): files streamed to disk part by part (not held in memory), names as the
 * browser sends them, other files listed as ignored, a stem sent twice refused, non-admins refused; the import runs.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getDb, closeDb, type Db } from '../../server/db/client';
import { addUser, issueSession, SESSION_COOKIE } from '../../server/auth/users';
import { flushAudit } from '../../server/auth/audit';
import { getJob } from '../../server/jobs/registry';
import { loadReferenceData } from '../../server/reference/load';
import { listImports } from '../../server/import';
import { makeUscc } from '../../server/domain/uscc';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'xy-import-upload-'));
// The upload's temporary folders go here, where no other process puts any.
const tmp = path.join(work, 'tmp');
fs.mkdirSync(tmp);
process.env.TMPDIR = tmp;
const dataDir = path.join(work, 'data');
process.env.XINYAN_DATA_DIR = dataDir;
let db: Db;
let POST: (req: Request) => Promise<Response>;
const cookies: Record<string, string> = {};

before(async () => {
  db = await getDb({ dataDir });
  await loadReferenceData(db);
  POST = (await import('../../app/api/import/route')).POST;
  for (const [name, role] of [['adm', 'admin'], ['ana', 'analyst']] as const) {
    await addUser(db, { name, role, regionCode: '', password: 'pass-word-1' });
    cookies[name] = `${SESSION_COOKIE}=${encodeURIComponent((await issueSession(db, name)).value)}`;
  }
});
after(async () => { await flushAudit(db); await closeDb(); fs.rmSync(work, { recursive: true, force: true }); });

const HEADER = 'uscc,name,entity_type,reg_date,status,industry_code,region_code,address,legal_rep_id';
const U = makeUscc('91', '220102', '00000601');

function post(body: FormData | ReadableStream<Uint8Array>, who: string, contentType?: string): Promise<Response> {
  return POST(new Request('http://x/api/import', {
    method: 'POST', body, headers: { cookie: cookies[who]!, ...(contentType ? { 'content-type': contentType } : {}) }, ...(body instanceof FormData ? {} : { duplex: 'half' }),
  } as RequestInit));
}

async function finished(jobId: string): Promise<NonNullable<ReturnType<typeof getJob>>> {
  for (let i = 0; i < 600; i++) {
    const j = getJob(jobId);
    if (j && j.status !== 'running') return j;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('import job did not finish');
}

test('files as the browser names them are imported; other files are listed as ignored; an analyst is refused', async () => {
  const form = new FormData();
  form.append('files', new Blob([`${HEADER}\n${U},上传企业,有限责任公司,2015-01-01,存续,F,220102,"某地,某楼",P1\n`]), 'Enterprises.CSV');
  form.append('files', new Blob([`event_id,uscc,event_date,category\nUP1,${U},2023-01-01,penalty\n`]), 'export\\events.csv');
  form.append('files', new Blob(['说明']), 'readme.txt');
  assert.equal((await post(form, 'ana')).status, 403);
  const res = await post(form, 'adm');
  assert.equal(res.status, 202);
  const out = await res.json() as { jobId: string; files: string[]; ignored: string[] };
  assert.deepEqual([out.files, out.ignored], [['enterprises.csv', 'events.csv'], ['readme.txt']]);
  const job = await finished(out.jobId);
  assert.equal(job.status, 'done', job.error ?? '');
  const [imp] = await listImports(db);
  assert.deepEqual(imp?.files, { 'enterprises.csv': { accepted: 1, rejected: 0 }, 'events.csv': { accepted: 1, rejected: 0 } });
  const row = await db.one<{ address: string }>({ text: 'SELECT address FROM enterprises WHERE uscc = {u:String}', params: { u: U } });
  assert.equal(row?.address, '某地,某楼');
  assert.deepEqual(fs.readdirSync(tmp).filter((n) => n.startsWith('xinyan-upload-')), [], 'the upload folder is removed');
});

test('a stem sent twice, no import file, or a body that is not multipart is refused with a message', async () => {
  const twice = new FormData();
  twice.append('files', new Blob([HEADER]), 'enterprises.csv');
  twice.append('files', new Blob(['x']), 'enterprises.xlsx');
  const r1 = await post(twice, 'adm');
  assert.equal(r1.status, 400);
  assert.match((await r1.json() as { error: string }).error, /文件 enterprises 出现了不止一次/);
  const none = new FormData();
  none.append('files', new Blob(['x']), 'notes.txt');
  const r2 = await post(none, 'adm');
  assert.equal(r2.status, 400);
  assert.match((await r2.json() as { error: string }).error, /没有可导入的文件.*notes\.txt/);
  const r3 = await POST(new Request('http://x/api/import', { method: 'POST', body: 'hello', headers: { cookie: cookies.adm!, 'content-type': 'text/plain' } }));
  assert.equal(r3.status, 400);
  assert.deepEqual(fs.readdirSync(tmp).filter((n) => n.startsWith('xinyan-upload-')), []);
});

test('the upload is written to disk while it arrives, not held in memory until its end', async () => {
  const boundary = 'xyBoundary7MA4YWxk';
  const enc = new TextEncoder();
  const rows = Array.from({ length: 20000 }, (_, k) => `UPS${k},${U},2023-01-01,complaint`).join('\n');
  const head = enc.encode(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="events.csv"\r\nContent-Type: text/csv\r\n\r\nevent_id,uscc,event_date,category\n`);
  const part = enc.encode(rows + '\n');
  const tail = enc.encode(`\r\n--${boundary}--\r\n`);
  let step = 0;
  let seenOnDisk = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(c) {
      if (step === 0) c.enqueue(head);
      else if (step === 1) c.enqueue(part);
      else if (step === 2) {
        // Before sending the end: wait (up to 5 s) for the rows already sent to be on disk.
        for (let i = 0; i < 100 && seenOnDisk < part.length; i++) {
          for (const d of fs.readdirSync(tmp).filter((n) => n.startsWith('xinyan-upload-'))) {
            const f = path.join(tmp, d, 'events.csv');
            if (fs.existsSync(f)) seenOnDisk = Math.max(seenOnDisk, fs.statSync(f).size);
          }
          await new Promise((r) => setTimeout(r, 50));
        }
        c.enqueue(tail);
      } else c.close();
      step++;
    },
  });
  const res = await post(body, 'adm', `multipart/form-data; boundary=${boundary}`);
  assert.equal(res.status, 202);
  assert.ok(seenOnDisk >= part.length - 64, `the rows sent were on disk before the body ended (${seenOnDisk} of ${part.length} bytes)`);
  const job = await finished((await res.json() as { jobId: string }).jobId);
  assert.equal(job.status, 'done', job.error ?? '');
  assert.deepEqual((await listImports(db))[0]?.files, { 'events.csv': { accepted: 20000, rejected: 0 } });
});
