/**
 * What the risk map and 分布研判 say about what they show: a street filter (points only), a region outside the viewer's
 * scope, a month the model has no classes for, partners' withheld months and mean scores.
 */
import { test, expect } from '@playwright/test';
import { signIn } from './helpers';

test('a street filter on the map is said to filter the points only, not every figure', async ({ page }) => {
  await signIn(page, 'analyst', '/map?r=220102001');
  const line = page.getByTestId('map-other-filters');
  await expect(line).toContainText('仅企业点位按此筛选');
  await expect(line).not.toContainText('各项数字均已按此筛选');
});

test('a region outside a scoped analyst\'s region is said to be outside it, on the map and in 分布研判', async ({ page }) => {
  await signIn(page, 'changchun', '/research?r=220200');
  await expect(page.getByTestId('outside-scope')).toBeVisible();
  await page.goto('/map?r=220200');
  await expect(page.getByTestId('outside-scope')).toBeVisible();
  // Inside the scope: no notice.
  await page.goto('/research?r=220102');
  await expect(page.getByTestId('kpi-total')).not.toHaveText('—');
  await expect(page.getByTestId('outside-scope')).toHaveCount(0);
});

test('分布研判 with a month the model has no classes for shows the latest month and says so', async ({ page }) => {
  await signIn(page, 'analyst', '/research?m=1999-01');
  await expect(page.getByTestId('month-fallback')).toContainText(/^1999-01 尚无通用型模型的分类结果，显示最近的 \d{4}-\d{2}。$/);
  await expect(page.getByTestId('kpi-total')).not.toHaveText('—');
  await expect(page.getByLabel('月份', { exact: true })).toHaveValue(/^\d{4}-\d{2}$/);
  // The enterprises behind it are that month's too (the list asked for 1999-01 and was empty).
  await page.goto('/research?m=1999-01&ent=1');
  await expect(page.getByTestId('month-fallback')).toBeVisible();
  await expect(page.getByTestId('enterprise-table').locator('tbody tr').first()).toBeVisible();
});

test('partners: withheld months are left out of the share trend (said so), and matrix cells say nothing of a mean score', async ({ page }) => {
  // C13 in the seeded province: small, its months withheld for partners.
  await signIn(page, 'partner', '/research?i=C13');
  await expect(page.getByTestId('trend-table')).toContainText('不公开');
  await expect(page.getByTestId('trend-withheld')).toBeVisible();
  await page.goto('/research');
  const cell = page.locator('[data-testid^="matrix-cell-"][data-cd]:not([data-cd=""])').first();
  await expect(cell).toBeVisible();
  await expect(cell).not.toHaveAttribute('aria-label', /平均分/);
});

test('the rising list says the minimum size it tests with, which the concentrations\' control sets', async ({ page }) => {
  await signIn(page, 'analyst', '/research?cmin=300');
  await expect(page.getByLabel('最少企业数')).toHaveValue('300');
  await expect(page.getByTestId('rising-min')).toHaveText('300');
});

test('partners: a class bar with withheld classes shows the withheld remainder in the share mode as in the count mode', async ({ page }) => {
  await signIn(page, 'partner', '/research?by=county');
  const hatched = page.getByTestId('dist').locator('rect[data-withheld]');
  await expect(hatched.first()).toBeAttached();
  const counted = await hatched.count();
  await page.goto('/research?by=county&bm=share');
  await expect(page.getByTestId('dist').locator('rect[data-withheld]')).toHaveCount(counted);
});
