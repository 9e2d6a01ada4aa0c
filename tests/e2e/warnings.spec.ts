import { test, expect } from '@playwright/test';
import { signIn } from './helpers';

test('warning desk: list by rule, open a case, assign → 检查 → result → close, every step recorded', async ({ page }) => {
  await signIn(page, 'analyst', '/warnings');
  await page.goto('/warnings');
  await expect(page.getByRole('heading', { name: '预警处置' })).toBeVisible();
  await page.getByRole('tab', { name: /一址多照/ }).click();
  const table = page.getByRole('table', { name: '预警列表' });
  await expect(table).toBeVisible();
  await expect(table.locator('tbody tr').first()).toContainText('一址多照');
  await page.screenshot({ path: 'test-results/warnings-list.png', fullPage: true });

  await table.locator('tbody tr').first().getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('一址多照');
  const members = page.getByRole('region', { name: '成员企业' });
  await expect(members.locator('tbody tr')).not.toHaveCount(0);
  await expect(members.getByRole('link').first()).toHaveAttribute('href', /^\/enterprise\/[0-9A-Z]{18}$/);
  await expect(page.getByTestId('network-graph')).toBeVisible();
  await expect(page.getByTestId('case-state')).toHaveText('待处置');

  const unit = page.getByLabel('承办单位');
  await expect(unit.locator('option').nth(1)).toBeAttached();
  await unit.selectOption({ index: 1 });
  await page.getByRole('button', { name: '分派' }).click();
  await expect(page.getByTestId('case-state')).toHaveText('已分派');

  await page.getByLabel('处置方式').selectOption('检查');
  await page.getByRole('button', { name: '记录措施' }).click();
  await expect(page.getByTestId('case-state')).toHaveText('处置中');

  await page.getByLabel('处置结果').selectOption('unreachable');
  await page.getByLabel('检查对象').selectOption({ index: 1 });
  await page.getByLabel('备注').fill('现场核查，查无此企业');
  await page.getByRole('button', { name: '记录结果' }).click();
  await expect(page.getByRole('status')).toContainText('写入 1 条检查结果事件');
  await expect(page.getByTestId('case-state')).toHaveText('已反馈结果');
  // the inspection flows back as an event of the member (timeline)
  await expect(page.getByRole('region', { name: '时间线' })).toContainText('查无下落');

  await page.getByRole('button', { name: '办结' }).click();
  await expect(page.getByTestId('case-state')).toHaveText('已办结');
  const log = page.getByRole('list', { name: '处置记录' });
  await expect(log.locator('li')).toHaveCount(4);
  await expect(log).toContainText('analyst');
  await expect(page.getByRole('button', { name: '办结' })).toHaveCount(0);
  await page.screenshot({ path: 'test-results/warnings-case.png', fullPage: true });
});

test('closing without disposal: 办结 says why it needs a result or a reason, and takes a written reason', async ({ page }) => {
  await signIn(page, 'analyst', '/warnings');
  await page.goto('/warnings');
  await page.getByRole('tab', { name: /一址多照/ }).click();
  const table = page.getByRole('table', { name: '预警列表' });
  await table.locator('tbody tr').filter({ hasText: '待处置' }).first().getByRole('link').click();
  await expect(page.getByTestId('case-state')).toHaveText('待处置');
  const close = page.getByRole('button', { name: '办结' });
  const rule = page.getByTestId('close-rule');
  await expect(close).toBeDisabled();
  await expect(rule).toContainText('尚未记录处置措施和处置结果，不能办结');
  await page.getByLabel('备注').fill('误报');
  await expect(rule).toContainText('至少 5 字，现为 2 字');
  await expect(close).toBeDisabled();
  await page.getByLabel('备注').fill('经现场核实为同一企业的分支机构，误报');
  await expect(close).toBeEnabled();
  await expect(rule).toContainText('核实无需处置');
  await close.click();
  await expect(page.getByTestId('case-state')).toHaveText('已办结');
  await expect(page.getByRole('list', { name: '处置记录' })).toContainText(/办结\s*（未采取处置措施，经核实无需处置）\s*—\s*理由：经现场核实为同一企业的分支机构，误报/);
});

test('push list: CSV with BOM and the print view', async ({ page }) => {
  await signIn(page, 'analyst', '/warnings');
  await page.goto('/warnings');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '导出 CSV' }).click()]);
  const file = await download.path();
  const fs = await import('node:fs');
  const text = fs.readFileSync(file!, 'utf8');
  expect(text.startsWith('\uFEFF序号,县区,街道乡镇,预警类型')).toBe(true);
  expect(text.trim().split('\r\n').length).toBeGreaterThan(1);
  await page.getByRole('link', { name: '打印推送清单' }).click();
  await expect(page.getByRole('heading', { name: /监测预警推送清单/ })).toBeVisible();
  await page.screenshot({ path: 'test-results/warnings-print.png', fullPage: true });
});

test('leaders and partners cannot open the desk', async ({ page }) => {
  await signIn(page, 'leader');
  await page.goto('/warnings');
  await expect(page).not.toHaveURL(/\/warnings/);
});

test('an enterprise\'s page lists the cases it is a member of, linking back to the case', async ({ page }) => {
  await signIn(page, 'analyst', '/warnings');
  await page.goto('/warnings');
  await page.getByRole('tab', { name: /一人多企/ }).click();
  const table = page.getByRole('table', { name: '预警列表' });
  await table.locator('tbody tr').first().getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('一人多企');
  const caseUrl = new URL(page.url());
  const member = page.getByRole('region', { name: '成员企业' }).getByRole('link').first();
  await member.click();
  await expect(page).toHaveURL(/\/enterprise\/[0-9A-Z]{18}$/);
  const cases = page.getByTestId('enterprise-cases');
  await expect(cases).toBeVisible();
  const href = `a[href^="${caseUrl.pathname}?m="]`;
  const link = cases.locator(href);
  await expect(link).toHaveCount(1);
  await expect(link).toHaveText('一人多企');
  // (The inner locator of `has` is matched inside each row: a selector of its own, not one rooted at the table.)
  await expect(cases.locator('tbody tr').filter({ has: page.locator(href) })).toContainText('户');
});

test('a 一址多照 member\'s page lists the other enterprises at its address, each a link to its own page', async ({ page }) => {
  await signIn(page, 'analyst', '/warnings');
  await page.goto('/warnings');
  await page.getByRole('tab', { name: /一址多照/ }).click();
  await page.getByRole('table', { name: '预警列表' }).locator('tbody tr').first().getByRole('link').click();
  await page.getByRole('region', { name: '成员企业' }).getByRole('link').first().click();
  await expect(page).toHaveURL(/\/enterprise\/[0-9A-Z]{18}$/);
  const same = page.getByTestId('related-address');
  await expect(same.locator('tbody tr')).not.toHaveCount(0);
  await expect(same.getByRole('link').first()).toHaveAttribute('href', /^\/enterprise\/[0-9A-Z]{18}$/);
  await expect(same.locator('h3')).toContainText('户');
});
