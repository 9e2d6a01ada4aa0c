/**
 * Upload of an import folder (数据管理): multipart POST with the files enterprises / roles / events
 * (.csv or .xlsx). Administrators only. The files go to a temporary folder and the import runs as a job in
 * this server process (which owns the engine); the page polls `data.job` for progress.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { getDb } from '@/server/db/client';
import { SESSION_COOKIE, viewerFromSession } from '@/server/auth/users';
import { audit } from '@/server/auth/audit';
import { startJob } from '@/server/jobs/registry';
import { importFolder } from '@/server/import';
import { cookieValue } from '@/server/auth/fromRequest';
import { clientAddress } from '@/server/auth/clientAddress';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Files an import folder may hold (CONTRACT.md), also as .xlsx. */
const ACCEPTED = /^(enterprises|roles|events)\.(csv|xlsx)$/;
const MAX_BYTES = 4 * 1024 ** 3;


const fail = (status: number, message: string) => Response.json({ error: message }, { status });

export async function POST(req: Request) {
  const db = await getDb();
  const viewer = await viewerFromSession(db, cookieValue(req, SESSION_COOKIE));
  if (!viewer) return fail(401, '请先登录');
  if (viewer.role !== 'admin') return fail(403, '只有管理员可以导入数据');

  let form: FormData;
  try { form = await req.formData(); } catch { return fail(400, '请求不是有效的文件上传（multipart/form-data）'); }
  const files = form.getAll('files').filter((f): f is File => typeof f !== 'string');
  if (files.length === 0) return fail(400, '未选择文件');
  const byName = new Map<string, File>();
  const ignored: string[] = [];
  for (const f of files) {
    const base = path.basename(f.name.replace(/\\/g, '/')).toLowerCase();
    if (ACCEPTED.test(base)) {
      const stem = base.replace(/\.(csv|xlsx)$/, '');
      if ([...byName.keys()].some((k) => k.startsWith(`${stem}.`))) return fail(400, `文件 ${stem} 出现了不止一次（.csv 与 .xlsx 只能选其一）`);
      byName.set(base, f);
    } else ignored.push(f.name);
  }
  if (byName.size === 0) return fail(400, `没有可导入的文件：应为 enterprises、roles、events（.csv 或 .xlsx），收到 ${ignored.join('、')}`);
  const size = [...byName.values()].reduce((a, f) => a + f.size, 0);
  if (size > MAX_BYTES) return fail(413, '文件过大：单次上传不超过 4 GB，更大的文件请在服务器上用 npm run cli -- import 导入');

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xinyan-upload-'));
  try {
    for (const [name, f] of byName) {
      await pipeline(Readable.fromWeb(f.stream() as unknown as import('node:stream/web').ReadableStream), fs.createWriteStream(path.join(dir, name)));
    }
  } catch (e) {
    fs.rmSync(dir, { recursive: true, force: true });
    return fail(500, `保存上传文件失败：${e instanceof Error ? e.message : String(e)}`);
  }

  const names = [...byName.keys()];
  const job = startJob('import', viewer.name, `导入 ${names.join('、')}`, async (r) => {
    try {
      return await importFolder(db, dir, { actor: viewer.name, onProgress: (text, fraction) => r.progress(text, fraction ?? null) });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
  audit(db, viewer, 'job', '/api/import', { files: names, bytes: size }, clientAddress(req.headers));
  return Response.json({ jobId: job.id, files: names, ignored }, { status: 202 });
}
