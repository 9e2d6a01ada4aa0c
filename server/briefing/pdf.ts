/**
 * Server-side PDF of the briefing: headless Chromium (playwright-core, Debian's /usr/bin/chromium) opens this
 * server's print page with the requester's session cookie, waits until the document reports it has drawn
 * (`data-ready="1"`, fonts loaded), and prints A4 with backgrounds and a page-number footer.
 *
 * One browser is kept warm (launching costs ~1 s) and closed after a minute without work or when the process
 * exits; each request gets its own browser context (its own cookie jar), closed afterwards. At most two renders
 * run at once (2 cores); the rest wait their turn.
 */
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-dev-shm-usage'];

const IDLE_MS = 60_000;
const MAX_PARALLEL = 2;

interface State { browser?: Promise<Browser>; idle?: NodeJS.Timeout; active: number; queue: Array<() => void>; hooked?: boolean }
const g = globalThis as unknown as { __xinyanPdf?: State };
const state: State = (g.__xinyanPdf ??= { active: 0, queue: [] });

async function getBrowser(): Promise<Browser> {
  if (state.browser) {
    const b = await state.browser.catch(() => undefined);
    if (b?.isConnected()) return b;
    state.browser = undefined;
  }
  state.browser = chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
  const b = await state.browser.catch((e: unknown) => { state.browser = undefined; throw e; });
  b.on('disconnected', () => { state.browser = undefined; });
  if (!state.hooked) {
    state.hooked = true;
    process.once('exit', () => { void closeBrowser(); });
  }
  return b;
}

/** Closes the warm browser (idle timeout, shutdown, tests). */
export async function closeBrowser(): Promise<void> {
  if (state.idle) { clearTimeout(state.idle); state.idle = undefined; }
  const p = state.browser;
  state.browser = undefined;
  if (p) await p.then((b) => b.close()).catch(() => {});
}

async function slot<T>(fn: () => Promise<T>): Promise<T> {
  if (state.active >= MAX_PARALLEL) await new Promise<void>((resolve) => state.queue.push(resolve));
  state.active++;
  if (state.idle) { clearTimeout(state.idle); state.idle = undefined; }
  try {
    return await fn();
  } finally {
    state.active--;
    const next = state.queue.shift();
    if (next) next();
    else if (state.active === 0) state.idle = setTimeout(() => { void closeBrowser(); }, IDLE_MS);
  }
}

export interface RenderOptions {
  /** Origin of this server as reachable from itself, e.g. http://127.0.0.1:3000. */
  origin: string;
  /** Path and query of the print page, e.g. /briefing/print?m=2026-10&model=effective. */
  path: string;
  /** Session cookie to forward. */
  cookie: { name: string; value: string };
  timeoutMs?: number;
}

export async function renderBriefingPdf(o: RenderOptions): Promise<Buffer> {
  return slot(async () => {
    const browser = await getBrowser();
    const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 794, height: 1123 } });
    try {
      await context.addCookies([{ name: o.cookie.name, value: o.cookie.value, url: o.origin, httpOnly: true, sameSite: 'Lax' }]);
      const page = await context.newPage();
      await page.emulateMedia({ media: 'print' });
      const timeout = o.timeoutMs ?? 45_000;
      page.setDefaultTimeout(timeout);
      const res = await page.goto(new URL(o.path, o.origin).toString(), { waitUntil: 'networkidle', timeout });
      if (!res || !res.ok()) throw new Error(`print page answered ${res?.status() ?? 'nothing'}`);
      if (new URL(page.url()).pathname !== new URL(o.path, o.origin).pathname) throw new Error(`print page redirected to ${page.url()}`);
      await page.waitForSelector('[data-testid="briefing"][data-ready="1"]', { timeout });
      await page.evaluate(async () => { await document.fonts.ready; });
      const pdf = await page.pdf({
        format: 'A4', printBackground: true, preferCSSPageSize: true, displayHeaderFooter: true,
        headerTemplate: '<div></div>',
        footerTemplate: '<div style="width:100%;font-size:8px;color:#7b8794;text-align:center;font-family:\'Noto Sans CJK SC\',sans-serif">第 <span class="pageNumber"></span> 页 / 共 <span class="totalPages"></span> 页</div>',
      });
      return Buffer.from(pdf);
    } finally {
      await context.close().catch(() => {});
    }
  });
}
