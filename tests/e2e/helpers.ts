import { expect, type Page } from '@playwright/test';
import { E2E_USERS } from './users';

type Name = (typeof E2E_USERS)[number]['name'];

/** Signs in through the login form as a person would. */
export async function signIn(page: Page, name: Name, next = '/'): Promise<void> {
  const u = E2E_USERS.find((x) => x.name === name)!;
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel('用户名').fill(u.name);
  await page.getByLabel('密码').fill(u.password);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('button', { name: '退出' })).toBeVisible();
}
