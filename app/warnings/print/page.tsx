import { requireViewer } from '@/server/auth/request';
import { getDb } from '@/server/db/client';
import { buildPushList, pushUnitName } from '@/server/warnings/push';
import { monthSchema, regionSchema, ruleSchema } from '@/queries/warnings/common';
import { runQuery } from '@/queries/define';
import { warningMonths } from '@/queries/warnings/months';
import { PrintButton } from '@/components/warnings/PrintButton';
import { formatCn } from '@/server/db/time';

export const dynamic = 'force-dynamic';

/** Printable monthly push list for a county or street unit (@media print hides the chrome). */
export default async function WarningsPrintPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const viewer = await requireViewer(['admin', 'analyst']);
  const sp = await searchParams;
  const db = await getDb();
  const months = await runQuery(db, warningMonths, {}, viewer);
  const m = monthSchema.safeParse(sp.m);
  const month = m.success ? m.data : months[0]?.month;
  const r = regionSchema.safeParse(sp.r);
  const rule = ruleSchema.safeParse(sp.rule);
  if (!month) return <div className="state">尚无预警数据</div>;
  const rows = await buildPushList(db, viewer, { month, region: r.success ? r.data : undefined, rule: rule.success ? rule.data : undefined });
  const unit = await pushUnitName(db, r.success ? r.data : undefined);
  return (
    <div className="print-page">
      <div className="no-print" style={{ display: 'flex', gap: 12, marginBottom: 12 }}>
        <a href={`/warnings?m=${month}${r.success ? `&r=${r.data}` : ''}`}>← 返回预警处置</a>
        <PrintButton />
      </div>
      <h1>{month} 监测预警推送清单 · {unit}</h1>
      <p className="muted">共 {rows.length.toLocaleString('en-US')} 条预警；生成人 {viewer.name}；生成时间 {formatCn(new Date())}</p>
      <table className="data print-list">
        <thead><tr><th>序号</th><th>县区</th><th>街道乡镇</th><th>预警类型</th><th>等级</th><th>对象</th><th className="num">企业数</th><th className="num">新增</th><th>首次预警</th><th>处置状态</th></tr></thead>
        <tbody>
          {rows.map((x) => (
            <tr key={x.预警编号}><td>{x.序号}</td><td>{x.县区}</td><td className="wrap">{x.街道乡镇}</td><td>{x.预警类型}</td><td>{x.等级}</td><td className="wrap">{x.对象}</td><td className="num">{x.涉及企业数}</td><td className="num">{x.新增企业数}</td><td>{x.首次预警月份}</td><td>{x.处置状态}</td></tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
