/**
 * 全省总览 in Chromium: the figures drawn on the page equal the same figures computed from the seed's own
 * import files, for the whole province (admin) and for an analyst limited to 长春市 (220100).
 */
import { test, expect, type Page } from '@playwright/test';
import { signIn } from './helpers';
import { readSeedCsv } from './seedCsv';

const ACTIVE = new Set(['存续', '在业']);

/** Enterprises in existence per prefecture (first four digits of the region code + '00'), from enterprises.csv. */
function expectedByPrefecture(): Map<string, number> {
  const m = new Map<string, number>();
  const seen = new Set<string>();
  for (const r of readSeedCsv('enterprises.csv')) {
    if (seen.has(r.uscc!)) continue;
    seen.add(r.uscc!);
    if (!ACTIVE.has(r.status ?? '')) continue;
    const pref = `${(r.region_code ?? '').slice(0, 4)}00`;
    m.set(pref, (m.get(pref) ?? 0) + 1);
  }
  return m;
}

const kpiNumber = async (page: Page, testId: string) =>
  Number((await page.getByTestId(testId).locator('.value').innerText()).replace(/[,\s]/g, ''));

test('admin: the prefecture chart and headline match the seed files', async ({ page }) => {
  const expected = expectedByPrefecture();
  const changchun = expected.get('220100') ?? 0;
  const jilin = expected.get('220200') ?? 0;
  expect(changchun).toBeGreaterThan(0);

  await signIn(page, 'admin');
  await page.goto('/');
  const region = page.getByTestId('chart-region');
  const bar = region.getByTestId('bar-220100');
  await expect(bar).toBeVisible();
  await expect(bar).toHaveAttribute('data-label', '长春市');
  expect(Number(await bar.getAttribute('data-value'))).toBe(changchun);
  // The accessible name carries the figure as shown ("长春市：1,234").
  await expect(region.getByRole('img', { name: `长春市：${changchun.toLocaleString('zh-CN')}` })).toBeVisible();
  expect(Number(await region.getByTestId('bar-220200').getAttribute('data-value'))).toBe(jilin);
  // Every prefecture of the files is drawn, none more.
  await expect(region.locator('[data-testid^="bar-"]')).toHaveCount(expected.size);

  const total = [...expected.values()].reduce((a, b) => a + b, 0);
  expect(await kpiNumber(page, 'kpi-active')).toBe(total);

  // The other two charts drew: industry bars and stacked areas with a legend of Chinese category names.
  await expect(page.getByTestId('chart-industry').getByRole('img', { name: /^批发和零售业：/ })).toBeVisible();
  const events = page.getByTestId('chart-events');
  expect(await events.locator('path[fill]:not([fill="none"])').count()).toBeGreaterThan(3);
  await expect(events.getByRole('button', { name: '行政处罚' })).toBeVisible();
  await page.screenshot({ path: 'test-results/overview-admin.png', fullPage: true });
});

test('an analyst limited to 长春市 sees only 长春市 figures', async ({ page }) => {
  const expected = expectedByPrefecture();
  const changchun = expected.get('220100') ?? 0;

  await signIn(page, 'changchun');
  await page.goto('/');
  await expect(page.getByTestId('scope-line')).toContainText('数据范围：长春市');
  const region = page.getByTestId('chart-region');
  await expect(region.locator('[data-testid^="bar-"]').first()).toBeVisible();
  // Counties of 长春市 only, adding up to the prefecture's figure; no other prefecture anywhere.
  const codes = await region.locator('[data-testid^="bar-"]').evaluateAll((els) => els.map((e) => [e.getAttribute('data-testid'), Number(e.getAttribute('data-value'))] as const));
  expect(codes.length).toBeGreaterThan(1);
  for (const [id] of codes) expect(id).toMatch(/^bar-2201\d\d/);
  expect(codes.reduce((a, [, v]) => a + v, 0)).toBe(changchun);
  expect(await kpiNumber(page, 'kpi-active')).toBe(changchun);
  await expect(page.getByText('吉林市', { exact: true })).toHaveCount(0);
  await page.screenshot({ path: 'test-results/overview-changchun.png', fullPage: true });
});
