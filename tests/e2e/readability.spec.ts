/**
 * What a person reads on the pages, checked the way they see it: the pages fit a 1366×768 government laptop without
 * sideways scrolling, models are named in Chinese in the runs, the warning pager gives the page count, a warning
 * case's evidence carries its units, the audit log names roles in Chinese, and a mistyped case number in the address
 * bar is answered in Chinese.
 */
import { test, expect } from '@playwright/test';
import { signIn } from './helpers';

test.describe('at 1366×768', () => {
  test.use({ viewport: { width: 1366, height: 768 } });

  // changchun: a prefecture's counties have long names (长春净月高新技术产业开发区) in the ranked tables
  for (const name of ['analyst', 'changchun'] as const) {
    test(`${name}: 总览 and 分布研判 fit the window, no sideways scrolling`, async ({ page }) => {
      await signIn(page, name);
      for (const path of ['/', '/research']) {
        await page.goto(path);
        await expect(page.locator('main svg').first()).toBeVisible();
        await page.waitForLoadState('networkidle');
        const [scroll, inner] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
        expect(scroll, `${path}: page width`).toBeLessThanOrEqual(inner!);
      }
    });
  }
});

test('模型与验证: the runs name each model in Chinese, not by its file id', async ({ page }) => {
  await signIn(page, 'analyst');
  await page.goto('/models');
  const runs = page.getByRole('table', { name: '运行记录' });
  await expect(runs.locator('tbody tr').first()).toBeVisible();
  await expect(runs.getByRole('cell', { name: /^通用型 v\d+$/ }).first()).toBeVisible();
  await expect(runs).not.toContainText(/(general|effective|food|special-equipment|county-public-credit) v\d/);
});

test('预警处置: the pager gives the number of pages; a case shows its evidence with units', async ({ page }) => {
  await signIn(page, 'analyst');
  await page.goto('/warnings');
  await expect(page.getByText(/共 [\d,]+ 条，第 1 \/ \d+ 页/)).toBeVisible();

  await page.getByRole('tab', { name: /一址多照/ }).click();
  await page.getByRole('table', { name: '预警列表' }).locator('tbody tr a').first().click();
  const evidence = page.getByRole('region', { name: '预警依据' });
  await expect(evidence.getByRole('row', { name: /在营企业数/ })).toContainText(/\d+ 户/);
  await expect(evidence.getByRole('row', { name: /异常占比/ })).toContainText(/\d+\.\d%/);
  await expect(evidence.getByRole('row', { name: /归一化地址/ })).toBeVisible();
  await expect(evidence).not.toContainText('键：');
});

test('审计日志: roles in Chinese, no null parameters', async ({ page }) => {
  await signIn(page, 'admin');
  await page.goto('/audit');
  const log = page.getByRole('table', { name: '审计日志' });
  await expect(log.locator('tbody tr').first()).toBeVisible();
  const headers = await log.locator('thead th').allInnerTexts();
  const column = (name: string) => log.locator(`tbody tr td:nth-child(${headers.indexOf(name) + 1})`);
  expect(headers).toEqual(expect.arrayContaining(['角色', '参数']));
  const roles = await column('角色').allInnerTexts();
  expect(roles.filter((r) => /[a-z]/.test(r))).toEqual([]);
  expect(roles).toContain('管理员');
  // a call without parameters shows a dash, not 'null'
  expect(await column('参数').allInnerTexts()).not.toContain('null');
});

test('a mistyped case number in the address bar is answered in Chinese, with the way back', async ({ page }) => {
  await signIn(page, 'analyst');
  await page.goto('/warnings/zzzz');
  await expect(page.locator('main').getByRole('alert')).toHaveText('请求参数不正确，请检查输入或链接是否完整');
  await expect(page.locator('main')).not.toContainText('invalid_format');
  await page.getByRole('link', { name: '← 预警处置' }).click();
  await expect(page).toHaveURL(/\/warnings$/);
});


test('分布研判: the 明细 of a row opens the enterprise list from the keyboard too', async ({ page }) => {
  await signIn(page, 'analyst');
  await page.goto('/research');
  const detail = page.getByTestId('dist').getByRole('link', { name: /企业明细$/ }).first();
  await detail.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: '企业明细' })).toBeVisible();
});

test('the top bar marks where the viewer is, and the tab is titled after the page', async ({ page }) => {
  await signIn(page, 'analyst');
  const nav = page.getByRole('navigation', { name: '主导航' });
  await page.goto('/research');
  await expect(nav.getByRole('link', { name: '分布研判' })).toHaveAttribute('aria-current', 'page');
  await expect(nav.locator('[aria-current="page"]')).toHaveCount(1);
  await expect(page).toHaveTitle('分布研判 · 信研');
  // a client-side move to another section follows
  await nav.getByRole('link', { name: '预警处置' }).click();
  await expect(page).toHaveURL(/\/warnings/);
  await expect(nav.getByRole('link', { name: '预警处置' })).toHaveAttribute('aria-current', 'page');
  await expect(page).toHaveTitle('预警处置 · 信研');
});
