/**
 * Upload of an import folder (数据管理): multipart POST with the files enterprises / roles / events
 * (.csv or .xlsx). Administrators only. The files go to a temporary folder and the import runs as a job in
 * this server process (which owns the engine); the page polls `data.job` for progress.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getDb } from '@/server/db/client';
import { SESSION_COOKIE, viewerFromSession } from '@/server/auth/users';
import { audit } from '@/server/auth/audit';
import { startJob } from '@/server/jobs/registry';
import { importFolder } from '@/server/import';
import { cookieValue } from '@/server/auth/fromRequest';
import { clientAddress } from '@/server/auth/clientAddress';
import { multipartBoundary, saveMultipart, UploadError } from '@/server/import/upload';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Files an import folder may hold (CONTRACT.md), also as .xlsx. */
const ACCEPTED = /^(enterprises|roles|events)\.(csv|xlsx)$/;
const MAX_BYTES = 4 * 1024 ** 3;
const TOO_LARGE = '文件过大：单次上传不超过 4 GB，更大的文件请在服务器上用 npm run cli -- import 导入';

const fail = (status: number, message: string) => Response.json({ error: message }, { status });

export async function POST(req: Request) {
  const db = await getDb();
  const viewer = await viewerFromSession(db, cookieValue(req, SESSION_COOKIE));
  if (!viewer) return fail(401, '请先登录');
  if (viewer.role !== 'admin') return fail(403, '只有管理员可以导入数据');

  const boundary = multipartBoundary(req.headers.get('content-type'));
  if (!boundary || !req.body) return fail(400, '请求不是有效的文件上传（multipart/form-data）');
  if (Number(req.headers.get('content-length') ?? 0) > MAX_BYTES + 1024 * 1024) return fail(413, TOO_LARGE);

  // Streamed to disk part by part (formData() held the whole upload in memory, about twice its size).
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xinyan-upload-'));
  let upload: Awaited<ReturnType<typeof saveMultipart>>;
  const seen = new Set<string>();
  try {
    upload = await saveMultipart(req.body, boundary, dir, {
      field: 'files', maxBytes: MAX_BYTES, tooLarge: TOO_LARGE,
      accept: (filename) => {
        const base = path.basename(filename.replace(/\\/g, '/')).toLowerCase();
        if (!ACCEPTED.test(base)) return null;
        const stem = base.replace(/\.(csv|xlsx)$/, '');
        if (seen.has(stem)) throw new UploadError(`文件 ${stem} 出现了不止一次（.csv 与 .xlsx 只能选其一）`, 400);
        seen.add(stem);
        return base;
      },
    });
  } catch (e) {
    fs.rmSync(dir, { recursive: true, force: true });
    if (e instanceof UploadError) return fail(e.status, e.message);
    return fail(500, `保存上传文件失败：${e instanceof Error ? e.message : String(e)}`);
  }
  const byName = upload.saved;
  const ignored = upload.ignored;
  if (byName.size === 0) {
    fs.rmSync(dir, { recursive: true, force: true });
    return fail(400, ignored.length ? `没有可导入的文件：应为 enterprises、roles、events（.csv 或 .xlsx），收到 ${ignored.join('、')}` : '未选择文件');
  }
  const size = [...byName.values()].reduce((a, n) => a + n, 0);

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
