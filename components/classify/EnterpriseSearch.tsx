'use client';
/** 企业查询: a name (in part) or a code (or its beginning) → the matching enterprises, each a link to its page. */
import { useEffect, useState } from 'react';
import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/app/providers';
import { fmtInt } from '@/components/palette';
import { enterpriseHref } from './enterpriseMonth';

const LIMIT = 50;

export function EnterpriseSearch({ scoped = false }: { scoped?: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const q = (useSearchParams().get('q') ?? '').trim();
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);
  const ok = q.length >= 2;
  const res = useQuery({ ...trpc.classify.search.queryOptions({ q: ok ? q : '--', limit: LIMIT }), enabled: ok });
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const t = text.trim();
    router.replace(t ? `/enterprise?q=${encodeURIComponent(t)}` : '/enterprise', { scroll: false });
  };
  const rows = res.data?.rows ?? [];
  return (
    <div>
      <h1>企业查询</h1>
      <form className="filters" onSubmit={submit} role="search" style={{ display: 'flex', gap: 8, alignItems: 'flex-end' }}>
        <label>企业名称或统一社会信用代码
          <input aria-label="企业名称或统一社会信用代码" value={text} onChange={(e) => setText(e.target.value)} placeholder="名称的一部分，或代码（可只输前几位）" style={{ width: 360 }} autoFocus />
        </label>
        <button type="submit" disabled={text.trim().length < 2}>查询</button>
      </form>
      {!ok ? <p className="muted">输入至少2个字：名称可只输一部分；代码可只输前6位以上，大小写、空格不限。{scoped ? '只查询您辖区内的企业。' : ''}</p>
        : res.isLoading ? <div className="state">查询中…</div>
        : res.error ? <div className="state error" role="alert">查询失败：{res.error.message}</div>
        : (
          <section className="panel" aria-label="查询结果">
            <p className="muted" role="status">
              {res.data!.total === 0 ? `没有找到与“${q}”匹配的${scoped ? '辖区内' : ''}企业。`
                : `找到 ${fmtInt(res.data!.total)} 户${scoped ? '辖区内' : ''}企业${res.data!.total > rows.length ? `，列出最匹配的 ${rows.length} 户，请输入更完整的名称或代码` : ''}。`}
            </p>
            {rows.length > 0 && (
              <table className="data" aria-label="企业">
                <thead><tr><th>企业名称</th><th>统一社会信用代码</th><th>登记状态</th><th>成立日期</th><th>区划</th><th>住所</th><th>法定代表人</th></tr></thead>
                <tbody>
                  {rows.map((e) => (
                    <tr key={e.uscc}>
                      <td><Link href={enterpriseHref(e.uscc)}>{e.name || e.uscc}</Link></td>
                      <td style={{ fontFamily: 'monospace' }}><Link href={enterpriseHref(e.uscc)}>{e.uscc}</Link></td>
                      <td>{e.status}</td><td>{e.reg_date}</td><td>{e.region_name || e.region_code}</td><td>{e.address}</td><td>{e.legal_rep_name}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        )}
    </div>
  );
}
