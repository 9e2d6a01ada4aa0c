/**
 * Classification pages from the outside: the enterprise page (企业画像) shows the class and reasons that the engine
 * stored for an enterprise (asked independently through the CLI, which hands the query to the running server),
 * a leader is refused the page, the models page shows the model file and a validation, and an administrator runs a
 * month from it and sees the run finish with the class counts the engine stored.
 */
import { execFileSync } from 'node:child_process';
import { test, expect } from '@playwright/test';
import { signIn } from './helpers';
import { CLASS_LABELS, fmtInt, type RiskClass } from '../../components/palette';

interface Expected { uscc: string; class: RiskClass; basis: string; reason: string; score: number }

// (No '.' in the query: the CLI resolves arguments with dots as file paths when it hands a command to the server.)
function cliSql(query: string): Array<Record<string, unknown>> {
  const out = execFileSync('npx', ['tsx', 'server/cli/main.ts', 'sql', query.replace(/\s+/g, ' ').trim(), '--json'], {
    env: { ...process.env, XINYAN_DATA_DIR: process.env.E2E_DATA_DIR }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
  });
  return (JSON.parse(out.trim().split('\n').at(-1)!) as { rows: Array<Record<string, unknown>> }).rows;
}

function expectedEnterprise(): Expected {
  // A C/D enterprise (not by a hard rule) of the latest month, so its reasons carry points.
  const rows = cliSql(`SELECT uscc, class, basis, tupleElement(reasons[1], 'name') AS reason, toFloat64(round(score, 1)) AS score FROM class_results
    WHERE model_id = 'effective' AND month = (SELECT max(month) FROM class_results WHERE model_id = 'effective')
      AND hard_rule = '' AND class IN ('C', 'D') AND length(reasons) > 0 ORDER BY uscc LIMIT 1`);
  const r = rows[0];
  if (!r) throw new Error('no C/D enterprise in the e2e province');
  return { uscc: String(r.uscc), class: String(r.class) as RiskClass, basis: String(r.basis), reason: String(r.reason), score: Number(r.score) };
}

test('the enterprise page shows the stored class, score and reasons', async ({ page }) => {
  const e = expectedEnterprise();
  await signIn(page, 'analyst', `/enterprise/${e.uscc}`);
  await page.goto(`/enterprise/${e.uscc}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(e.uscc);
  await expect(page.getByTestId('latest-class')).toHaveText(CLASS_LABELS[e.class]);
  // The score to one decimal (an integer without one); scores are Float32, so 718.4 comes back as 718.4000244….
  await expect(page.getByTestId('latest-score')).toHaveText(Number.isInteger(e.score) ? String(e.score) : e.score.toFixed(1));
  await expect(page.getByRole('table', { name: '理由' }).locator('tbody tr').first()).toContainText(e.reason);
  await expect(page.getByTestId('score-history')).toBeVisible();
  await expect(page.getByRole('region', { name: '事件时间线' }).locator('tbody tr')).not.toHaveCount(0);
  await page.screenshot({ path: 'test-results/enterprise.png', fullPage: true });
});

test('a leader is refused the enterprise page', async ({ page }) => {
  const e = expectedEnterprise();
  await signIn(page, 'leader');
  await page.goto(`/enterprise/${e.uscc}`);
  await expect(page).not.toHaveURL(/\/enterprise\//);
  await expect(page.getByTestId('latest-class')).toHaveCount(0);
});

test('the models page shows the general model file and a validation', async ({ page }) => {
  await signIn(page, 'analyst', '/models');
  await page.goto('/models');
  await expect(page.getByRole('heading', { name: '模型与验证' })).toBeVisible();
  const indicators = page.getByRole('table', { name: '指标与权重' }).locator('tbody tr');
  await expect(indicators.nth(59)).toBeAttached();
  await expect(page.getByRole('table', { name: '类别占比' }).locator('tbody tr')).toHaveCount(4);
  await expect(page.getByTestId('auc')).toHaveText(/^0\.\d{3}$/);
  await page.screenshot({ path: 'test-results/models.png', fullPage: true });
});

test('an administrator runs a month from the models page and sees it finish with its class counts', async ({ page }) => {
  const month = String(cliSql(`SELECT formatDateTime(max(month), '%Y-%m') AS m FROM class_results WHERE model_id = 'general'`)[0]?.m);
  await signIn(page, 'admin', '/models');
  await page.goto('/models');
  await page.getByLabel('运行月份').fill(month);
  await page.getByLabel('运行模型').selectOption('general');
  await page.getByRole('button', { name: '开始分类' }).click();
  await expect(page.getByRole('status')).toContainText('完成', { timeout: 120_000 });
  const stored = cliSql(`SELECT class, toUInt32(count()) AS n FROM class_results WHERE model_id = 'general'
    AND month = toDate('${month}-01') GROUP BY class ORDER BY class`);
  const row = page.getByRole('table', { name: '运行记录' }).locator('tbody tr').filter({ hasText: month }).filter({ hasText: '通用型 v' }).first();
  await expect(row).toContainText('完成');
  const cells = (await row.locator('td').allInnerTexts()).map((t) => t.trim());
  const total = stored.reduce((s, r) => s + Number(r.n), 0);
  expect(cells[4]).toBe(fmtInt(total));
  for (const r of stored) expect(cells[5 + ['A', 'B', 'C', 'D'].indexOf(String(r.class))]).toBe(fmtInt(Number(r.n)));
});

test('an administrator re-classifies from a month on, then re-runs one run from its row', async ({ page }) => {
  // The two latest months with events: "此月及以后各月" from the earlier one runs both.
  const months = cliSql(`SELECT DISTINCT formatDateTime(toStartOfMonth(event_date), '%Y-%m') AS m FROM events ORDER BY m DESC LIMIT 2`)
    .map((r) => String(r.m)).reverse();
  expect(months).toHaveLength(2);
  const [since, last] = months as [string, string];
  await signIn(page, 'admin', '/models');
  await page.goto('/models');
  await page.getByLabel('运行月份').fill(since);
  await page.getByLabel('运行范围').selectOption('since');
  await page.getByLabel('运行模型').selectOption('general');
  await page.getByRole('button', { name: '开始分类' }).click();
  await expect(page.getByRole('status')).toContainText(`分类 ${since} 起各月（general）：完成`, { timeout: 120_000 });
  const runs = page.getByRole('table', { name: '运行记录' }).locator('tbody tr');
  const runRow = (m: string) => runs.filter({ hasText: m }).filter({ hasText: '通用型 v' }).first();
  for (const m of [since, last]) {
    const stored = cliSql(`SELECT toUInt32(count()) AS n FROM class_results WHERE model_id = 'general' AND month = toDate('${m}-01')`);
    await expect(runRow(m)).toContainText('完成');
    const cells = (await runRow(m).locator('td').allInnerTexts()).map((t) => t.trim());
    expect(cells[4]).toBe(fmtInt(Number(stored[0]?.n)));
  }
  // Re-running the newest general run of `since` from its row runs that month's general model again (and re-derives
  // 通用+专业 from it): one more finished run of each for that month, no other month or model touched.
  const done = () => new Map(cliSql(`SELECT concat(model_id, ' ', formatDateTime(month, '%Y-%m')) AS k, toUInt32(count()) AS n
    FROM class_runs FINAL WHERE status = 'done' GROUP BY k`).map((r) => [String(r.k), Number(r.n)]));
  const before = done();
  await runRow(since).getByRole('button', { name: '重新运行' }).click();
  await expect(page.getByRole('status')).toContainText(`分类 ${since}（general）：完成`, { timeout: 120_000 });
  const after = done();
  const changed = [...after].filter(([k, n]) => before.get(k) !== n).map(([k, n]) => `${k} +${n - (before.get(k) ?? 0)}`).sort();
  expect(changed).toEqual([`effective ${since} +1`, `general ${since} +1`]);
  await expect(runs.first()).toContainText(since);
  await expect(runs.first()).toContainText('完成');
  await page.screenshot({ path: 'test-results/models-runs.png', fullPage: true });
});

test('an analyst sees the runs, filters them, and cannot start or re-run one', async ({ page }) => {
  await signIn(page, 'analyst', '/models');
  await page.goto('/models');
  await expect(page.getByRole('table', { name: '运行记录' }).locator('tbody tr').first()).toBeVisible();
  await expect(page.getByRole('button', { name: '开始分类' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: '重新运行' })).toHaveCount(0);
  // Filtered to one month: every row is of that month, as many as the engine holds (under the 50 shown).
  const month = String(cliSql(`SELECT formatDateTime(min(month), '%Y-%m') AS m FROM class_runs`)[0]?.m);
  const n = Number(cliSql(`SELECT toUInt32(count()) AS n FROM class_runs FINAL WHERE month = toDate('${month}-01')`)[0]?.n);
  expect(n).toBeGreaterThan(0);
  await page.getByLabel('运行记录月份').fill(month);
  const rows = page.getByRole('table', { name: '运行记录' }).locator('tbody tr');
  await expect(rows).toHaveCount(Math.min(n, 50));
  for (const t of await rows.locator('td:nth-child(2)').allInnerTexts()) expect(t.trim()).toBe(month);
  const failed = Number(cliSql(`SELECT toUInt32(count()) AS n FROM class_runs FINAL WHERE month = toDate('${month}-01') AND status = 'failed'`)[0]?.n);
  await page.getByLabel('运行记录状态').selectOption('failed');
  if (failed === 0) await expect(page.getByText('没有符合筛选条件的运行记录')).toBeVisible();
  else await expect(rows).toHaveCount(Math.min(failed, 50));
  await page.getByRole('button', { name: '清除筛选' }).click();
  await expect(page.getByLabel('运行记录状态')).toHaveValue('');
});
