/**
 * 研判简报 in the browser: a leader sees the headline figures (checked against the engine through the CLI, which
 * hands the query to the running server), downloads the server-rendered PDF, whose text (pdftotext) holds the same
 * figures; the export is audit-logged; a partner is refused on the page, the procedure and the PDF route.
 */
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { test, expect } from '@playwright/test';
import { signIn } from './helpers';
import { fmtCount, fmtShare } from '../../server/briefing/format';

function cliSql<T>(query: string): T[] {
  const out = execFileSync('npm', ['run', '--silent', 'cli', '--', 'sql', query, '--json'], {
    env: { ...process.env, XINYAN_DATA_DIR: process.env.E2E_DATA_DIR }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'],
  });
  return (JSON.parse(out) as { rows: T[] }).rows;
}

test('leader: headline figures on the page and in the PDF; export audited', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, 'leader', '/briefing');
  await expect(page).toHaveURL(/\/briefing/);
  const [expected] = cliSql<{ ym: string; n: number; d: number }>(
    "SELECT formatDateTime(month, '%Y-%m') AS ym, toUInt32(count()) AS n, toUInt32(countIf(class = 'D')) AS d FROM class_results " +
    "WHERE model_id = 'effective' AND month = (SELECT max(month) FROM class_results WHERE model_id = 'effective') GROUP BY ym");
  expect(expected, 'effective results in the e2e data').toBeTruthy();
  const total = fmtCount(Number(expected!.n));
  const dShare = fmtShare(Number(expected!.d) / Number(expected!.n));

  const doc = page.getByTestId('briefing');
  await expect(doc).toHaveAttribute('data-ready', '1');
  await expect(page.getByTestId('kpi-total')).toHaveText(total);
  await expect(page.getByTestId('kpi-d-share')).toHaveText(dShare);
  await expect(page.getByTestId('briefing-filters')).toContainText(`数据月份 ${Number(expected!.ym.slice(0, 4))}年${Number(expected!.ym.slice(5))}月`);
  await expect(page.getByTestId('briefing-filters')).toContainText('分类模型 通用+专业（综合）');
  await expect(page.getByTestId('briefing-summary')).toContainText(`其中高风险（D类）${fmtCount(Number(expected!.d))} 户，占 ${dShare}`);
  await expect(page.getByTestId('briefing-map').locator('path[data-value]:not([data-value=""])')).not.toHaveCount(0);
  await page.screenshot({ path: 'test-results/briefing-page.png', fullPage: true });

  const download = page.waitForEvent('download', { timeout: 90_000 });
  await page.getByTestId('briefing-pdf').click();
  const d = await download;
  expect(d.suggestedFilename()).toBe(`研判简报_${expected!.ym}.pdf`);
  const file = path.join('test-results', 'briefing.pdf');
  await d.saveAs(file);
  const bytes = fs.readFileSync(file);
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  expect(info).toMatch(/Page size:.*\(A4\)/);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  expect(text).toContain('企业信用风险研判简报');
  expect(text).toContain(total);
  expect(text).toContain(dShare);
  expect(text).toContain(`高风险（D类）${fmtCount(Number(expected!.d))} 户`);
  expect(text).not.toContain('退出'); // no workbench chrome
  execFileSync('pdftoppm', ['-png', '-r', '60', file, path.join('test-results', 'briefing-pdf')]);

  // The export is in the audit log (flushed within about a second). No '.' in the query text: the CLI hand-off
  // (server/cli/main.ts) resolves arguments containing a dot or slash as file paths.
  await expect.poll(() => Number(cliSql<{ n: number }>(
    "SELECT toUInt32(count()) AS n FROM audit_log WHERE user = 'leader' AND action = 'export' AND target = concat('briefing', char(46), 'pdf')")[0]?.n ?? 0),
  { timeout: 15_000 }).toBeGreaterThan(0);
});

test('partner: refused on the page, the procedure and the PDF route', async ({ page }) => {
  await signIn(page, 'partner', '/');
  await page.goto('/briefing');
  await expect(page).not.toHaveURL(/\/briefing/);
  await expect(page.getByTestId('briefing')).toHaveCount(0);
  const pdf = await page.request.get('/api/briefing/pdf');
  expect(pdf.status()).toBe(403);
  expect(pdf.headers()['content-type']).not.toContain('application/pdf');
  const trpc = await page.request.get(`/api/trpc/briefing.get?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`);
  expect(trpc.status()).toBe(403);
  const print = await page.goto('/briefing/print');
  expect(new URL(page.url()).pathname).not.toBe('/briefing/print');
  expect(print?.status()).toBeLessThan(500);
});

test('anonymous PDF request: 401', async ({ request }) => {
  const r = await request.get('/api/briefing/pdf');
  expect(r.status()).toBe(401);
});
