'use client';
/**
 * 研判简报 page: month and model pickers (defaults: latest classified month, model 'effective'), an optional
 * prefecture, the briefing document, PDF export (rendered on the server) and the print view. Filters live in the URL
 * (m, model, r, i) so a briefing can be shared and the PDF is made with exactly the filters on screen.
 */
import { useQuery, keepPreviousData } from '@tanstack/react-query';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useTRPC } from '@/app/providers';
import { monthLabel } from '@/server/briefing/format';
import { BriefingDocument } from './BriefingDocument';
import { briefingSearch, regionPickerParent, regionPickers, type BriefingParams } from './params';

export function BriefingView() {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const sp = useSearchParams();
  const opts = useQuery(trpc.briefing.options.queryOptions({}));
  const model = sp.get('model') ?? opts.data?.defaultModel ?? 'effective';
  const params: BriefingParams = { month: sp.get('m') ?? undefined, model, region: sp.get('r') ?? undefined, industry: sp.get('i') ?? undefined };
  const data = useQuery(trpc.briefing.get.queryOptions(
    { month: params.month, model: params.model, region: params.region, industry: params.industry },
    { enabled: opts.isSuccess, placeholderData: keepPreviousData },
  ));
  const pickParent = data.data ? regionPickerParent(data.data.scope.code, data.data.subject.code) : null;
  const regions = useQuery(trpc.reference.regions.queryOptions({ parent: pickParent ?? '' }, { enabled: !!pickParent }));
  const pickers = regionPickers(data.data?.scope.code ?? '', params.region);
  const counties = useQuery(trpc.reference.regions.queryOptions({ parent: pickers.countyParent ?? '' }, { enabled: !!pickers.countyParent }));

  const set = (patch: Partial<BriefingParams>) => router.replace(`${pathname}${briefingSearch({ ...params, ...patch })}`, { scroll: false });
  const months = opts.data?.months[model] ?? [];
  const month = data.data?.month ?? params.month ?? months[0];
  const exportSearch = briefingSearch({ ...params, month });

  return (
    <div>
      <div className="filters no-print" data-testid="briefing-toolbar">
        <label>月份
          <select aria-label="月份" value={month ?? ''} onChange={(e) => set({ month: e.target.value })}>
            {months.map((m) => <option key={m} value={m}>{monthLabel(m)}</option>)}
          </select>
        </label>
        <label>分类模型
          <select aria-label="分类模型" value={model} onChange={(e) => set({ model: e.target.value, month: undefined })}>
            {(opts.data?.models ?? []).map((m) => <option key={m.id} value={m.id}>{m.label}</option>)}
          </select>
        </label>
        <label>地区
          <select aria-label="地区" value={pickers.first} onChange={(e) => set({ region: e.target.value || undefined })}>
            <option value="">{data.data?.scope.code ? data.data.scope.name : '全部'}</option>
            {(pickParent ? regions.data ?? [] : []).filter((r) => r.lvl === 2 || r.lvl === 3).map((r) => <option key={r.code} value={r.code}>{r.name}</option>)}
          </select>
        </label>
        {pickers.countyParent && (
          <label>区县
            <select aria-label="区县" value={pickers.county} onChange={(e) => set({ region: e.target.value || pickers.countyParent || undefined })}>
              <option value="">全市</option>
              {(counties.data ?? []).filter((r) => r.lvl === 3).map((r) => <option key={r.code} value={r.code}>{r.name}</option>)}
            </select>
          </label>
        )}
        <div style={{ flex: 1 }} />
        {data.isError ? (
          // Nothing to print or export (the route would answer 404 and the download fail without a word).
          <>
            <span className="button" aria-disabled="true" title="当前条件下没有可导出的简报">打印版预览</span>
            <span className="button primary" aria-disabled="true" data-testid="briefing-pdf" title="当前条件下没有可导出的简报">导出 PDF</span>
          </>
        ) : (
          <>
            <a className="button" href={`/briefing/print${exportSearch}`} target="_blank" rel="noreferrer">打印版预览</a>
            <a className="button primary" href={`/api/briefing/pdf${exportSearch}`} download data-testid="briefing-pdf">导出 PDF</a>
          </>
        )}
      </div>
      {opts.isError && <div className="state error">{opts.error.message}</div>}
      {data.isError && <div className="state error" role="alert">{data.error.message}</div>}
      {data.isLoading && <div className="state">正在生成简报…</div>}
      {data.data && <div style={{ opacity: data.isFetching ? 0.6 : 1 }}><BriefingDocument data={data.data} /></div>}
    </div>
  );
}
