import { getDb } from '@/server/db/client';
import { countUsers } from '@/server/auth/users';

export const dynamic = 'force-dynamic';

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ error?: string; next?: string }> }) {
  const sp = await searchParams;
  const users = await countUsers(await getDb());
  return (
    <div className="login-card">
      <h1>登录</h1>
      {sp.error && <p className="error" role="alert">{sp.error === 'locked' ? '登录失败次数过多，该账号已暂时锁定，请 15 分钟后再试' : '用户名或密码错误'}</p>}
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
