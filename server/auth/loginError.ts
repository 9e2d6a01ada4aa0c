/** How long a name stays locked after too many failed sign-ins (server/auth/users.ts). */
export const LOCK_MINUTES = 15;

/**
 * The sign-in page's message after a refused sign-in (`/login?error=…`). A locked name is told the minutes its lock
 * has left (`wait`, from the sign-in route), not a fresh 15 each time it tries again: the lock runs from the fifth
 * failure and is not extended by the attempts made while it runs. A `wait` that is not 1–LOCK_MINUTES reads as LOCK_MINUTES.
 */
export function loginErrorText(error: string | undefined, wait?: string): string | null {
  if (!error) return null;
  if (error !== 'locked') return '用户名或密码错误';
  const n = Number(wait);
  const minutes = Number.isInteger(n) && n >= 1 && n <= LOCK_MINUTES ? n : LOCK_MINUTES;
  return `登录失败次数过多，该账号已暂时锁定，请 ${minutes} 分钟后再试`;
}
