/**
 * Every section of the navigation, for each role, opened in Chromium as a person would: the page draws its title
 * and content, and nothing fails on the way — no uncaught script error, no error on the console, no request
 * answered 4xx/5xx (the browser's own favicon request included). The tab shows the workbench's icon.
 */
import { test, expect, type Page } from '@playwright/test';
import { signIn } from './helpers';
import { NAV } from '../../components/nav';
import { E2E_USERS } from './users';

/** Failures seen by the page while `visit` runs (console warnings, e.g. the software GL driver's, are not failures). */
async function failuresDuring(page: Page, visit: () => Promise<void>): Promise<string[]> {
  const seen: string[] = [];
  const onConsole = (m: { type(): string; text(): string }) => { if (m.type() === 'error') seen.push(`console: ${m.text().slice(0, 300)}`); };
  const onPageError = (e: Error) => seen.push(`script: ${e.message.slice(0, 300)}`);
  const onResponse = (r: { status(): number; url(): string }) => { if (r.status() >= 400) seen.push(`HTTP ${r.status()}: ${r.url().slice(0, 200)}`); };
  page.on('console', onConsole);
  page.on('pageerror', onPageError);
  page.on('response', onResponse);
  try {
    await visit();
  } finally {
    page.off('console', onConsole);
    page.off('pageerror', onPageError);
    page.off('response', onResponse);
  }
  return seen;
}

for (const name of ['admin', 'changchun', 'leader', 'partner'] as const) {
  const role = E2E_USERS.find((u) => u.name === name)!.role;
  const sections = NAV.filter((n) => n.roles.includes(role));

  test(`${name}: every section of the navigation opens without an error`, async ({ page }) => {
    test.setTimeout(30_000 + sections.length * 20_000);
    await signIn(page, name);
    // The navigation offers exactly the role's sections.
    await expect(page.getByRole('navigation', { name: '主导航' }).getByRole('link')).toHaveText(sections.map((s) => s.label));
    for (const s of sections) {
      const failures = await failuresDuring(page, async () => {
        await page.goto(s.href);
        await expect(page.locator('main h1').first()).toBeVisible();
        await page.waitForLoadState('networkidle');
      });
      expect(failures, `${s.label} (${s.href})`).toEqual([]);
      // Content, not only a frame: the page holds more than its title (a failed query answers 4xx/5xx, above).
      expect((await page.locator('main').innerText()).length, `${s.label}: content drawn`).toBeGreaterThan(40);
    }
  });
}

test('the tab shows the workbench icon', async ({ page }) => {
  await signIn(page, 'analyst');
  const href = await page.locator('head link[rel="icon"]').first().getAttribute('href');
  expect(href).toBeTruthy();
  const res = await page.request.get(href!);
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toContain('image/svg+xml');
  expect((await res.text())).toContain('<svg');
});
