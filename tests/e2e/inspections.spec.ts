import fs from 'node:fs';
import { test, expect, type Page } from '@playwright/test';
import { signIn } from './helpers';

const num = async (page: Page, testId: string) => Number((await page.getByTestId(testId).innerText()).replace(/[^\d]/g, ''));

test('plan builder: preview counts per class, presets, draw with a seed, record a result, verify, export', async ({ page }) => {
  await signIn(page, 'analyst', '/inspections');
  await page.goto('/inspections');
  await expect(page.getByRole('heading', { name: '抽查计划', level: 1 })).toBeVisible();

  // Roster: two inspectors from different units.
  await page.getByLabel('检查人员姓名').fill('张明');
  await page.getByLabel('执法单位').fill('市场监管执法一队');
  await page.getByLabel('负责区域').fill('220100');
  await page.getByRole('button', { name: '加入名录' }).click();
  await expect(page.getByRole('table', { name: '检查人员名录' })).toContainText('张明');
  await page.getByLabel('检查人员姓名').fill('李华');
  await page.getByLabel('执法单位').fill('市场监管执法二队');
  await page.getByRole('button', { name: '加入名录' }).click();
  await expect(page.getByRole('table', { name: '检查人员名录' })).toContainText('李华');

  // Preview: the Henan defaults; every expected count is eligible × ratio rounded half up.
  const preview = page.getByRole('table', { name: '预计抽取' });
  await expect(preview.getByTestId('preview-A')).toBeVisible();
  const check = async (ratios: Record<string, number>) => {
    for (const c of ['A', 'B', 'C', 'D']) {
      const cells = await page.getByTestId(`preview-${c}`).locator('td').allInnerTexts();
      const n = cells.map((x) => Number(x.replace(/[^\d.]/g, '')));
      const [, population, status, drawn, inclusion, observation, eligible, ratio, expected] = n as [number, number, number, number, number, number, number, number, number];
      expect(population - status - drawn - inclusion - observation).toBe(eligible);
      expect(ratio).toBe(ratios[c]);
      expect(expected).toBe(Math.floor((eligible * ratios[c]! * 100 + 5000) / 10000));
    }
  };
  await check({ A: 1, B: 2, C: 10, D: 30 });
  const populationA = Number((await page.getByTestId('preview-A').locator('td').nth(1).innerText()).replace(/[^\d]/g, ''));
  expect(populationA).toBeGreaterThan(100);
  await page.screenshot({ path: 'test-results/inspections-builder.png', fullPage: true });

  await page.getByRole('button', { name: /越秀/ }).click();
  await expect(page.getByLabel('D 类比例')).toHaveValue('50');
  await expect(page.getByTestId('preview-D').locator('td').nth(7)).toHaveText('50%');
  await check({ A: 5, B: 15, C: 30, D: 50 });
  await page.getByLabel('A 类比例').fill('2');
  await expect(page.getByTestId('preview-A').locator('td').nth(7)).toHaveText('2%');
  await check({ A: 2, B: 15, C: 30, D: 50 });
  const total = await num(page, 'expected-total');
  expect(total).toBeGreaterThan(10);

  await page.getByLabel('计划名称').fill('浏览器测试计划');
  await page.getByLabel('随机种子').fill('e2e-seed-1');
  await page.getByRole('button', { name: /保存并抽取/ }).click();
  await expect(page).toHaveURL(/\/inspections\/[0-9a-f]{8}$/);
  await expect(page.getByRole('heading', { name: '浏览器测试计划' })).toBeVisible();
  await expect(page.getByTestId('plan-status')).toHaveText('已抽取');
  await expect(page.getByTestId('plan-seed')).toHaveText('e2e-seed-1');
  // the plan's model is named in Chinese, not by its file id ('2026-10（effective）')
  await expect(page.getByText(/年 \/ \d{4}-\d{2}（通用\+专业（综合））/)).toBeVisible();
  expect(await num(page, 'plan-drawn')).toBe(total);
  const list = page.getByRole('table', { name: '抽查名单' });
  await expect(list.locator('tbody tr')).toHaveCount(Math.min(total, 100));
  await expect(list.locator('tbody tr').first()).toContainText(/张明|李华/);

  // Record a problem on the first enterprise: written back as an inspection event.
  const first = list.locator('tbody tr').first();
  const uscc = (await first.locator('td').nth(1).locator('div').innerText()).trim();
  await first.getByLabel(`结果 ${uscc}`).selectOption('problem');
  await first.getByRole('button', { name: `保存 ${uscc}` }).click();
  await expect(page.getByRole('status').filter({ hasText: '已记录' })).toContainText(`INSP-`);
  await expect(page.getByTestId(`result-${uscc}`)).toContainText('发现问题');
  await expect(page.getByTestId('problem-rate-bars')).toBeVisible();

  await page.getByRole('button', { name: '核验抽取' }).click();
  await expect(page.getByRole('status').filter({ hasText: '核验' })).toContainText(`核验一致`);
  await page.screenshot({ path: 'test-results/inspections-plan.png', fullPage: true });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: 'test-results/inspections-plan-top.png' });
  await list.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/inspections-plan-list.png' });

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '导出 CSV' }).click()]);
  const text = fs.readFileSync((await download.path())!, 'utf8');
  expect(text.startsWith('\uFEFF序号,统一社会信用代码,企业名称,风险分类')).toBe(true);
  expect(text.trim().split('\r\n').length).toBe(total + 1);
  expect(text).toContain(uscc);

  // Back on the builder: the drawn enterprises are now exempt for the rest of the year.
  await page.goto('/inspections');
  await expect(page.getByRole('table', { name: '计划列表' })).toContainText('浏览器测试计划');
  await expect(page.getByTestId('preview-A')).toBeVisible();
  let drawnBefore = 0;
  for (const c of ['A', 'B', 'C', 'D']) drawnBefore += Number((await page.getByTestId(`preview-${c}`).locator('td').nth(3).innerText()).replace(/[^\d]/g, ''));
  expect(drawnBefore).toBe(total);
});

test('leaders and partners cannot open the plan builder', async ({ page }) => {
  await signIn(page, 'leader', '/');
  await page.goto('/inspections');
  await expect(page).not.toHaveURL(/\/inspections/);
});
