import { getDb } from '@/server/db/client';
import { countUsers } from '@/server/auth/users';
import { loginErrorText } from '@/server/auth/loginError';

export const dynamic = 'force-dynamic';

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ error?: string; wait?: string; next?: string }> }) {
  const sp = await searchParams;
  const users = await countUsers(await getDb());
  const error = loginErrorText(sp.error, sp.wait);
  return (
    <div className="login-card">
      <h1>登录</h1>
      {error && <p className="error" role="alert">{error}</p>}
      {users === 0 && (
        <div className="notice">
          <p>尚未创建任何用户。请在服务器上创建第一个管理员：</p>
          <pre>echo '新密码' | npm run cli -- users add admin --role admin</pre>
        </div>
      )}
      <form action="/api/auth/login" method="post">
        <input type="hidden" name="next" value={sp.next ?? '/'} />
        <label>用户名<input name="name" autoComplete="username" required autoFocus /></label>
        <label>密码<input name="password" type="password" autoComplete="current-password" required /></label>
        <button type="submit" className="primary">登录</button>
      </form>
    </div>
  );
}
