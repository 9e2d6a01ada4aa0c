/**
 * 分布研判 in Chromium: filter by a prefecture and an industry section through the filter bar, check the drawn
 * figures against direct SQL on the server's engine (`npm run cli -- sql … --json`, handed to the running server),
 * cross-filter by clicking a bar, and keep the state through reload and back/forward.
 */
import { execFileSync } from 'node:child_process';
import { test, expect, type Page } from '@playwright/test';
import { signIn } from './helpers';

/** Runs a read-only query through the CLI against the e2e server's data directory. */
function sql<T = Record<string, unknown>>(query: string): T[] {
  const dataDir = process.env.E2E_DATA_DIR;
  if (!dataDir) throw new Error('E2E_DATA_DIR is not set (playwright.config.ts sets it)');
  const out = execFileSync('npx', ['tsx', 'server/cli/main.ts', 'sql', query, '--json'], {
    env: { ...process.env, XINYAN_DATA_DIR: dataDir }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
  });
  return (JSON.parse(out) as { rows: T[] }).rows;
}

interface ClassRow { key: string; a: number; b: number; c: number; d: number; n: number }
function classCounts(where: string, groupBy = "''"): ClassRow[] {
  return sql<ClassRow>(`SELECT ${groupBy} AS key, toUInt32(countIf(class='A')) AS a, toUInt32(countIf(class='B')) AS b,
      toUInt32(countIf(class='C')) AS c, toUInt32(countIf(class='D')) AS d, toUInt32(count()) AS n
    FROM class_results WHERE model_id = 'general' AND ${where} GROUP BY key ORDER BY n DESC, key`);
}

const num = async (page: Page, testId: string) => Number((await page.getByTestId(testId).innerText()).replace(/[,\s户]/g, ''));

test('filter by prefecture and industry section: the figures equal direct SQL; a bar click cross-filters; URL state survives reload and back/forward', async ({ page }) => {
  test.setTimeout(150_000); // each expected value is one CLI round-trip (~2 s)
  const month = sql<{ m: string }>("SELECT formatDateTime(max(month), '%Y-%m') AS m FROM class_results WHERE model_id = 'general'")[0]!.m;
  const inMonth = `month = toDate('${month}-01')`;

  await signIn(page, 'analyst', '/research');
  await page.goto('/research');
  await expect(page.getByTestId('dist')).toBeVisible();

  // Whole province first: the headline equals the engine's count.
  const all = classCounts(inMonth)[0]!;
  await expect(page.getByTestId('kpi-total')).toHaveText(all.n.toLocaleString('zh-CN'));

  // Filter through the cascades: province → 长春市, section C (制造业).
  await page.getByRole('combobox', { name: '省', exact: true }).selectOption('220000');
  await page.getByRole('combobox', { name: '地市' }).selectOption('220100');
  await expect(page).toHaveURL(/r=220100/);
  await page.getByRole('combobox', { name: '行业门类' }).selectOption('C');
  await expect(page).toHaveURL(/i=C(&|$)/);

  const where = `${inMonth} AND prefecture_code = '220100' AND industry_section = 'C'`;
  const slice = classCounts(where)[0]!;
  expect(slice.n).toBeGreaterThan(0);
  await expect(page.getByTestId('kpi-total')).toHaveText(slice.n.toLocaleString('zh-CN'));
  await expect(page.getByTestId('kpi-D')).toHaveAttribute('data-count', String(slice.d));
  await expect(page.getByTestId('kpi-C')).toHaveAttribute('data-count', String(slice.c));
  await expect(page.getByRole('navigation', { name: '地区层级' })).toContainText('长春市');
  await expect(page.getByRole('navigation', { name: '行业层级' })).toContainText('制造业');

  // Distribution by county: every bar's counts equal the engine's.
  const byCounty = classCounts(where, 'county_code');
  await expect(page.getByTestId(`dist-row-${byCounty[0]!.key}`)).toBeVisible();
  for (const r of byCounty) {
    const row = page.getByTestId(`dist-row-${r.key}`);
    await expect(row).toHaveAttribute('data-n', String(r.n));
    await expect(row).toHaveAttribute('data-counts', [r.a, r.b, r.c, r.d].join(','));
  }
  // Heat matrix (county × division): one cell's count and C+D equal the engine's.
  const cell = sql<{ r: string; i: string; n: number; cd: number }>(`SELECT county_code AS r, industry_division AS i, toUInt32(count()) AS n,
      toUInt32(countIf(class IN ('C','D'))) AS cd FROM class_results WHERE model_id = 'general' AND ${where} GROUP BY r, i ORDER BY n DESC, r, i LIMIT 1`)[0]!;
  await expect(page.getByTestId(`matrix-cell-${cell.r}-${cell.i}`)).toHaveAttribute('data-n', String(cell.n));
  await expect(page.getByTestId(`matrix-cell-${cell.r}-${cell.i}`)).toHaveAttribute('data-cd', String(cell.cd));
  await page.screenshot({ path: test.info().outputPath('research-filtered.png'), fullPage: true });

  // Cross-filter: click the largest county's bar → every view follows.
  const county = byCounty[0]!;
  await page.getByTestId(`dist-row-${county.key}`).click();
  await expect(page).toHaveURL(new RegExp(`r=${county.key}`));
  await expect(page.getByTestId('kpi-total')).toHaveText(county.n.toLocaleString('zh-CN'));
  const countyName = sql<{ name: string }>(`SELECT any(name) AS name FROM regions WHERE code = '${county.key}'`)[0]!.name;
  await expect(page.getByRole('navigation', { name: '地区层级' })).toContainText(countyName);
  const streetRows = classCounts(`${where} AND county_code = '${county.key}'`, 'street_code');
  await expect(page.getByTestId(`dist-row-${streetRows[0]!.key}`)).toHaveAttribute('data-n', String(streetRows[0]!.n));

  // Reload keeps the state.
  await page.reload();
  await expect(page).toHaveURL(new RegExp(`r=${county.key}`));
  await expect(page.getByTestId('kpi-total')).toHaveText(county.n.toLocaleString('zh-CN'));
  await expect(page.getByRole('combobox', { name: '行业门类' })).toHaveValue('C');

  // Back to the prefecture, forward to the county.
  await page.goBack();
  await expect(page).toHaveURL(/r=220100/);
  await expect(page.getByTestId('kpi-total')).toHaveText(slice.n.toLocaleString('zh-CN'));
  await page.goForward();
  await expect(page).toHaveURL(new RegExp(`r=${county.key}`));
  await expect(page.getByTestId('kpi-total')).toHaveText(county.n.toLocaleString('zh-CN'));

  // Breadcrumb drills back up to the prefecture.
  await page.getByRole('navigation', { name: '地区层级' }).getByRole('button', { name: '长春市' }).click();
  await expect(page).toHaveURL(/r=220100/);
  expect(await num(page, 'kpi-total')).toBe(slice.n);
});

test('the enterprises behind a number: list from the Arrow route equals SQL, links to the enterprise page', async ({ page }) => {
  const month = sql<{ m: string }>("SELECT formatDateTime(max(month), '%Y-%m') AS m FROM class_results WHERE model_id = 'general'")[0]!.m;
  const expected = sql<{ n: number }>(`SELECT toUInt32(count()) AS n FROM class_results
    WHERE model_id = 'general' AND month = toDate('${month}-01') AND prefecture_code = '220100' AND class = 'D'`)[0]!;
  await signIn(page, 'analyst', '/research');
  await page.goto(`/research?m=${month}&r=220100&ent=1&ec=D`);
  const table = page.getByTestId('enterprise-table');
  await expect(table.locator('tbody tr').first()).toBeVisible();
  await expect(page.getByText(`共 ${expected.n.toLocaleString('zh-CN')} 户`)).toBeVisible();
  const firstLink = table.locator('tbody tr').first().getByRole('link').first();
  // The enterprise page opens at the list's month (enterpriseHref, 243e602).
  await expect(firstLink).toHaveAttribute('href', new RegExp(`^/enterprise/[0-9A-Z]{18}\\?month=${month}$`));
  const rows = await table.locator('tbody tr').count();
  expect(rows).toBe(Math.min(100, expected.n));
});

test('partners: aggregates only — no enterprise lists, the route refuses them', async ({ page }) => {
  await signIn(page, 'partner', '/research');
  await page.goto('/research');
  await expect(page.getByTestId('dist')).toBeVisible();
  await expect(page.getByText('明细', { exact: true })).toHaveCount(0);
  const res = await page.request.get('/api/research/enterprises?format=csv');
  expect(res.status()).toBe(403);
});
