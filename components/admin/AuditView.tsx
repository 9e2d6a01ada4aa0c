'use client';
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/app/providers';
import { AUDIT_ROLES, auditSection } from './auditLabels';

const ACTIONS: Record<string, string> = { view: '查看', export: '导出', change: '变更', login: '登录', login_failed: '登录失败', logout: '退出', job: '任务', denied: '拒绝访问' };

/** Administrator's reading of the audit log: who viewed or exported what, when. */
export function AuditView() {
  const trpc = useTRPC();
  const [user, setUser] = useState('');
  const [action, setAction] = useState<'' | keyof typeof ACTIONS>('');
  const [offset, setOffset] = useState(0);
  const q = useQuery(trpc.admin.auditLog.queryOptions({
    user: user || undefined, action: (action || undefined) as never, limit: 100, offset,
  }));
  const users = useQuery(trpc.admin.users.queryOptions({}));
  return (
    <div>
      <h1>审计日志</h1>
      <div className="filters">
        <label>用户
          <select value={user} onChange={(e) => { setUser(e.target.value); setOffset(0); }}>
            <option value="">全部</option>
            {users.data?.map((u) => <option key={u.name} value={u.name}>{u.name}</option>)}
          </select>
        </label>
        <label>操作
          <select value={action} onChange={(e) => { setAction(e.target.value as typeof action); setOffset(0); }}>
            <option value="">全部</option>
            {Object.entries(ACTIONS).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
          </select>
        </label>
      </div>
      <div className="panel">
        {q.isLoading && <div className="state">加载中…</div>}
        {q.error && <div className="state error">加载失败：{q.error.message}</div>}
        {q.data && q.data.length === 0 && <div className="state">没有记录</div>}
        {q.data && q.data.length > 0 && (
          <table className="data" aria-label="审计日志">
            <thead><tr><th>时间</th><th>用户</th><th>角色</th><th>数据范围</th><th>操作</th><th>对象</th><th>参数</th><th>IP</th></tr></thead>
            <tbody>
              {q.data.map((r, i) => (
                <tr key={`${r.ts}-${i}`}>
                  <td>{r.ts}</td><td>{r.user}</td><td>{r.role ? (AUDIT_ROLES[r.role] ?? r.role) : '—'}</td><td>{!r.role ? '—' : r.region_code ? (r.region_name || r.region_code) : '全部'}</td><td>{ACTIONS[r.action] ?? r.action}</td>
                  <td>{auditSection(r.target) && <>{auditSection(r.target)} </>}<code className="muted">{r.target}</code></td><td className="muted" style={{ maxWidth: 420, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={r.detail}>{r.detail === 'null' || r.detail === '{}' || !r.detail ? '—' : r.detail}</td><td>{r.ip}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <div style={{ display: 'flex', gap: 8, marginTop: 12 }}>
          <button disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - 100))}>上一页</button>
          <button disabled={!q.data || q.data.length < 100} onClick={() => setOffset(offset + 100)}>下一页</button>
        </div>
      </div>
    </div>
  );
}
