import { test, expect } from '@playwright/test';
import { signIn } from './helpers';
import { readSeedCsv } from './seedCsv';

// An enterprise of the seed with a penalty record, read from the seed's own files.
const penalty = readSeedCsv('events.csv').find((e) => e.category === 'penalty' && e.uscc && e.event_id)!;

test('objection register: record an objection, see its working-day due date, overdue flag and steps', async ({ page }) => {
  await signIn(page, 'analyst', '/objections');
  await page.goto(`/objections?uscc=${penalty.uscc}`);
  await expect(page.getByRole('heading', { name: '异议与修复' })).toBeVisible();
  await page.getByRole('button', { name: '登记异议' }).click();
  const form = page.getByRole('form', { name: '登记异议' });
  await expect(form.getByLabel('记录').locator(`option[value="${penalty.event_id}"]`)).toBeAttached();
  await form.getByLabel('记录').selectOption(penalty.event_id!);
  await form.getByLabel('异议申请人').fill('测试企业（委托代理人 李四）');
  await form.getByLabel('异议事项').fill('行政处罚记录有误');
  await form.getByLabel('异议理由').fill('处罚决定已被撤销');
  // Thu 2026-09-24: Fri 25 – Sun 27 中秋, so the third working day is Wed 2026-09-30
  await form.getByLabel('受理日期').fill('2026-09-24');
  await expect(page.getByTestId('due-preview')).toHaveText('2026-09-30');
  // Fri 2026-09-18: Sun 20 is a make-up working day → Tue 2026-09-22
  await form.getByLabel('受理日期').fill('2026-09-18');
  await expect(page.getByTestId('due-preview')).toHaveText('2026-09-22');
  await form.getByLabel('受理日期').fill('2026-09-24');
  await expect(page.getByTestId('due-preview')).toHaveText('2026-09-30');
  await form.getByRole('button', { name: '受理登记' }).click();

  const table = page.getByRole('table', { name: '异议列表' });
  const row = table.locator('tbody tr').filter({ hasText: '测试企业（委托代理人 李四）' });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('2026-09-30（周三）');
  // not answered and past due (the test runs after 2026-09-30): highlighted
  await expect(row).toContainText('已逾期');
  const detail = page.getByLabel('异议详情');
  await expect(detail).toContainText('2026-09-24 受理，2026-09-30（周三）前答复');
  await page.screenshot({ path: 'test-results/objections-register.png', fullPage: true });

  await detail.getByLabel('办理日期').fill('2026-09-25');
  await detail.getByRole('button', { name: '转办' }).click();
  await expect(detail.getByLabel('办理记录')).toContainText('转办');
  await detail.getByLabel('办理日期').fill('2026-10-09');
  await detail.getByLabel('处理结果').fill('经核查记录无误');
  await detail.getByRole('button', { name: '记录答复' }).click();
  await expect(detail).toContainText('逾期答复');
  await detail.getByLabel('结果说明').fill('维持原记录');
  await detail.getByRole('button', { name: '异议不成立，维持' }).click();
  await expect(row).toContainText('异议不成立·维持');
  await expect(row).not.toContainText('已逾期');
  const steps = detail.getByLabel('办理记录').locator('li');
  await expect(steps).toHaveCount(4);
  await expect(steps.first()).toContainText('analyst');
  await page.screenshot({ path: 'test-results/objections-detail.png', fullPage: true });
});

test('repair checker and the calendar (read-only for analysts)', async ({ page }) => {
  await signIn(page, 'analyst', '/objections');
  await page.goto(`/objections?tab=repair&uscc=${penalty.uscc}`);
  const check = page.getByRole('table', { name: '修复核查' });
  await expect(check.locator('tbody tr').filter({ hasText: penalty.event_date! }).first()).toBeVisible();
  await expect(check.locator('tbody tr').first()).toContainText(/可修复|未满期限|不予修复|须先纠正|已修复/);
  await page.screenshot({ path: 'test-results/objections-repair.png', fullPage: true });

  await page.getByRole('tab', { name: '节假日与工作日' }).click();
  const cal = page.getByRole('table', { name: '节假日安排' });
  await expect(cal.locator('tr').filter({ hasText: '2026-09-20' })).toContainText('调休上班');
  await expect(page.getByRole('form', { name: '调整日期' })).toHaveCount(0);
  await page.screenshot({ path: 'test-results/objections-calendar.png', fullPage: true });
});

test('an analyst registers a credit repair; the register shows its re-classification finished', async ({ page }) => {
  // The e2e province is classified up to 2026-10 (scripts/e2e-server.ts), so a repair dated in October re-classifies
  // that month. Candidates: penalties over 1,000 yuan at least seven months earlier; the page decides eligibility.
  const repairDate = '2026-10-20';
  const candidates = readSeedCsv('events.csv').filter((e) => e.category === 'penalty' && e.uscc && Number(e.amount_yuan) > 1000
    && String(e.event_date) <= '2026-03-15' && String(e.event_date) >= '2025-06-01').slice(0, 12);
  await signIn(page, 'analyst', '/objections');
  let registered = '';
  for (const c of candidates) {
    await page.goto(`/objections?tab=repair&uscc=${c.uscc}`);
    await page.getByLabel('核查日期').fill(repairDate);
    const check = page.getByRole('table', { name: '修复核查' });
    await expect(check.locator('tbody tr').first()).toBeVisible();
    const button = check.locator('tbody tr').filter({ hasText: '可修复' }).getByRole('button', { name: '登记修复' }).first();
    if (await button.count() === 0) continue;
    await button.click();
    const form = page.getByRole('form', { name: '登记修复' });
    await form.getByLabel('修复日期').fill(repairDate);
    await form.getByLabel('修复依据').fill('信用修复申请书（E2E-001）');
    await form.getByRole('button', { name: '确认修复' }).click();
    registered = c.uscc!;
    break;
  }
  expect(registered, 'an enterprise with a repairable penalty among the candidates').not.toBe('');
  await expect(page.getByRole('status')).toContainText('重新分类完成', { timeout: 120_000 });
  const row = page.getByRole('table', { name: '修复登记簿' }).locator('tbody tr').filter({ hasText: registered }).first();
  await expect(row).toContainText(repairDate);
  await expect(row).toContainText('完成：已重新分类 2026-10–2026-10');
  await page.screenshot({ path: 'test-results/objections-repair-registered.png', fullPage: true });
});

test('a re-classification interrupted with its process is run again from the repair register', async ({ page }) => {
  // Planted by scripts/e2e-server.ts: a repair registered on 2026-10-15 whose re-classification died with its process.
  await signIn(page, 'analyst', '/objections?tab=repair');
  const row = page.getByRole('table', { name: '修复登记簿' }).locator('tbody tr').filter({ hasText: '信用修复申请书（E2E-中断）' });
  await expect(row).toContainText('失败：重新分类未完成（进程中断）');
  await row.getByRole('button', { name: '重新运行' }).click();
  await expect(page.getByRole('status')).toContainText('重新分类完成', { timeout: 120_000 });
  await expect(row).toContainText('完成：已重新分类 2026-10–2026-10');
  await expect(row.getByRole('button', { name: '重新运行' })).toHaveCount(0);
  // The repair's months before and after, labelled as a repair's.
  await expect(page.getByRole('table', { name: '分类变化' }).getByRole('columnheader', { name: '修复前' })).toBeVisible();
  await page.screenshot({ path: 'test-results/objections-repair-rerun.png', fullPage: true });
});
