/**
 * 数据管理 in Chromium: an administrator uploads an events file with one bad row, watches the import finish,
 * and finds the rejected row with its line number and reason; other roles cannot reach the page or the upload.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { signIn } from './helpers';
import { readSeedCsv } from './seedCsv';

test('admin uploads a folder with one bad row and sees the reject with its line and reason', async ({ page }) => {
  // An enterprise of the seeded province, registered long before the events below.
  const ent = readSeedCsv('enterprises.csv').find((r) => (r.reg_date ?? '9999') < '2018-01-01');
  expect(ent).toBeTruthy();
  const run = Date.now().toString(36);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xy-upload-'));
  const file = path.join(dir, 'events.csv');
  fs.writeFileSync(file, [
    'event_id,uscc,event_date,category,severity,source,detail',
    `e2e-${run}-1,${ent!.uscc},2019-05-20,inspection,general,市场监管局,e2e 上传测试`,
    `e2e-${run}-2,${ent!.uscc},2019-02-30,penalty,general,市场监管局,日期不存在`,
    `e2e-${run}-3,${ent!.uscc},2019-06-03,complaint,general,12315,e2e 上传测试`,
  ].join('\n') + '\n');

  await signIn(page, 'admin');
  await page.goto('/data');
  await expect(page.getByRole('heading', { name: '数据管理' })).toBeVisible();
  await page.getByLabel('选择文件', { exact: true }).setInputFiles([file]);
  await expect(page.getByRole('list', { name: '待导入文件' })).toContainText('events.csv');
  await page.getByRole('button', { name: '开始导入' }).click();

  const job = page.getByTestId('import-job');
  await expect(job).toBeVisible();
  await expect(job).toHaveAttribute('data-status', 'done', { timeout: 60_000 });

  // The newest import lists events.csv with 2 accepted and 1 rejected.
  const table = page.getByRole('table', { name: '导入记录' });
  const firstRow = table.locator('tbody tr').first();
  await expect(firstRow).toContainText('events.csv');
  await expect(firstRow.locator('td.num').nth(0)).toHaveText('2');
  await expect(firstRow.locator('td.num').nth(1)).toHaveText('1');
  await firstRow.getByRole('button', { name: /查看拒收记录/ }).click();

  const rejects = page.getByRole('table', { name: '拒收记录' });
  const row = rejects.getByTestId('reject-events.csv-3');
  await expect(row).toBeVisible();
  await expect(row).toContainText(`e2e-${run}-2`);
  await expect(row.locator('td').nth(3)).toContainText(/日期/);
  await expect(rejects.locator('tbody tr')).toHaveCount(1);
  await page.screenshot({ path: 'test-results/data-rejects.png', fullPage: true });
  fs.rmSync(dir, { recursive: true, force: true });
});

test('only administrators reach the data page and the upload route', async ({ page }) => {
  await signIn(page, 'analyst');
  await page.goto('/data');
  await expect(page).not.toHaveURL(/\/data$/);
  await expect(page.getByRole('link', { name: '数据管理' })).toHaveCount(0);
  const res = await page.request.post('/api/import', { multipart: { files: { name: 'events.csv', mimeType: 'text/csv', buffer: Buffer.from('event_id\n') } } });
  expect(res.status()).toBe(403);
  const trpc = await page.request.get('/api/trpc/data.imports');
  expect(trpc.status()).toBe(403);
});
