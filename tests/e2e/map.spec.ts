import { test, expect, type Page } from '@playwright/test';
import { signIn } from './helpers';

/** Distinct fill colours among sampled pixels of the map canvas (WebGL, read through a 2D copy). */
async function canvasColours(page: Page): Promise<{ colours: number; nonWhite: number }> {
  return page.evaluate(() => {
    const src = document.querySelector('[data-testid="risk-map"] canvas') as HTMLCanvasElement | null;
    if (!src) return { colours: 0, nonWhite: 0 };
    const c = document.createElement('canvas');
    c.width = src.width; c.height = src.height;
    const g = c.getContext('2d')!;
    g.drawImage(src, 0, 0);
    const { data } = g.getImageData(0, 0, c.width, c.height);
    const seen = new Set<string>();
    let nonWhite = 0;
    for (let y = 0; y < c.height; y += 6) for (let x = 0; x < c.width; x += 6) {
      const i = (y * c.width + x) * 4;
      const [r, gg, b, a] = [data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!];
      if (a < 200 || (r > 245 && gg > 245 && b > 245)) continue;
      nonWhite++;
      seen.add(`${r >> 3},${gg >> 3},${b >> 3}`);
    }
    return { colours: seen.size, nonWhite };
  });
}

/** An analyst on the map, drawn and settled; returns the point inside a prefecture that the tests click. */
async function openMap(page: Page): Promise<{ x: number; y: number }> {
  await signIn(page, 'analyst', '/map');
  const map = page.getByTestId('risk-map');
  await expect(map.locator('canvas')).toBeVisible();
  await expect(page.getByTestId('hotspots').locator('tbody tr').first()).toBeVisible();
  await page.waitForTimeout(1500);
  const box = (await map.boundingBox())!;
  return { x: box.x + box.width * 0.55, y: box.y + box.height * 0.5 };
}

test('the risk map draws the province and a click filters the workbench', async ({ page }) => {
  const target = await openMap(page);
  await page.screenshot({ path: 'test-results/map-province.png', fullPage: true });
  const px = await canvasColours(page);
  expect(px.nonWhite).toBeGreaterThan(2000);
  expect(px.colours).toBeGreaterThanOrEqual(4);
  await expect(page.getByTestId('map-legend')).toContainText('C+D 类占比');

  // Click the middle of the map (a prefecture), which drills down: the URL gets r=<prefecture code>.
  await expect(async () => {
    await page.mouse.move(target.x, target.y);
    await page.waitForTimeout(300);
    await page.mouse.click(target.x, target.y);
    await expect(page).toHaveURL(/[?&]r=\d{4}00(&|$)/, { timeout: 3000 });
  }).toPass({ timeout: 20_000 });
  const code = /[?&]r=(\d{6})/.exec(page.url())![1]!;
  await expect(page.getByTestId('map-selected')).toBeVisible();
  await expect(page.getByTestId('risk-map')).toHaveAttribute('data-view', /,(6\.[5-9]|[7-9]\.)\d*$/); // zoomed into the prefecture
  await page.waitForTimeout(1200);
  await page.screenshot({ path: 'test-results/map-drill.png', fullPage: true });
  const px2 = await canvasColours(page);
  expect(px2.colours).toBeGreaterThanOrEqual(3);

  // The selected region opens the research workbench filtered to it.
  const link = page.getByTestId('map-selected').getByRole('link', { name: /在分布研判中查看/ });
  await expect(link).toHaveAttribute('href', new RegExp(`^/research\\?.*r=${code}`));
  await link.click();
  await expect(page).toHaveURL(new RegExp(`/research\\?.*r=${code}`));
});

test('a slow click still drills down: pressed for 600 ms, as a software-rendered pick makes it', async ({ page }) => {
  // deck picks synchronously on the press; without a GPU that takes ~200 ms here and more on a slower machine,
  // which the 250 ms click window of the event library did not allow for (clicks were dropped now and then).
  const target = await openMap(page);
  await page.mouse.move(target.x, target.y);
  await page.waitForTimeout(300);
  await page.mouse.down();
  await page.waitForTimeout(600);
  await page.mouse.up();
  await expect(page).toHaveURL(/[?&]r=\d{4}00(&|$)/, { timeout: 10_000 });
  await expect(page.getByTestId('map-selected')).toBeVisible();
});

test('partners see the map without enterprise points', async ({ page }) => {
  await signIn(page, 'partner', '/map');
  await expect(page.getByTestId('hotspots').locator('tbody tr').first()).toBeVisible();
  await expect(page.getByText('企业点位')).toHaveCount(0);
  const res = await page.request.get('/api/points?bbox=120,40,130,46');
  expect(res.status()).toBe(403);
});

test('analysts get enterprise points as Arrow when zoomed in', async ({ page }) => {
  await signIn(page, 'analyst', '/map');
  const res = await page.request.get('/api/points?bbox=120,40,131,47&m=2026-10');
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toContain('arrow');
  expect((await res.body()).length).toBeGreaterThan(1000);
});

test('a link to a month without classes says the latest month is shown instead', async ({ page }) => {
  await signIn(page, 'analyst', '/map?m=1999-01');
  await expect(page.getByTestId('hotspots').locator('tbody tr').first()).toBeVisible();
  await expect(page.getByTestId('month-fallback')).toContainText(/^1999-01 尚无通用型模型的分类结果，显示最近的 \d{4}-\d{2}。$/);
});
