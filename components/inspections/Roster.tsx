'use client';
/** 执法检查人员名录: the inspectors the draw pairs from (two per drawn enterprise), with add / remove. */
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/app/providers';

export function Roster() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const roster = useQuery(trpc.inspections.roster.queryOptions());
  const options = useQuery(trpc.inspections.options.queryOptions({ model: 'effective' }));
  const [name, setName] = useState('');
  const [unit, setUnit] = useState('');
  const [region, setRegion] = useState('');
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.inspections.roster.queryKey() });
  const add = useMutation(trpc.inspections.addInspector.mutationOptions({ onSuccess: () => { setName(''); void refresh(); } }));
  const remove = useMutation(trpc.inspections.removeInspector.mutationOptions({ onSuccess: () => { void refresh(); } }));
  const effRegion = region || options.data?.viewerRegion || '';
  return (
    <section className="panel" aria-label="执法检查人员名录">
      <h2>执法检查人员名录 <span className="muted" style={{ fontWeight: 400, fontSize: 13 }}>（每户随机匹配两名，优先不同执法单位）</span></h2>
      <form className="filters" onSubmit={(e) => { e.preventDefault(); add.mutate({ name, unit, region: effRegion }); }}>
        <label>姓名<input aria-label="检查人员姓名" value={name} onChange={(e) => setName(e.target.value)} style={{ width: 110 }} /></label>
        <label>执法单位<input aria-label="执法单位" value={unit} onChange={(e) => setUnit(e.target.value)} style={{ width: 180 }} /></label>
        <label>负责区域（区划代码）<input aria-label="负责区域" value={effRegion} placeholder="如 220102" onChange={(e) => setRegion(e.target.value.trim())} style={{ width: 110 }} /></label>
        <button type="submit" disabled={!name.trim() || !unit.trim() || !/^\d{6}$/.test(effRegion) || add.isPending}>加入名录</button>
        {add.error && <span className="error" role="alert">{add.error.message}</span>}
      </form>
      {(roster.data?.length ?? 0) === 0 ? <div className="muted">名录为空：抽取时检查人员将标为“待指派”。</div> : (
        <table className="data" aria-label="检查人员名录">
          <thead><tr><th>姓名</th><th>执法单位</th><th>负责区域</th><th /></tr></thead>
          <tbody>
            {roster.data!.map((i) => (
              <tr key={i.inspector_id}>
                <td>{i.name}</td><td>{i.unit}</td><td>{i.region_name || i.region_code} <span className="muted">{i.region_code}</span></td>
                <td style={{ textAlign: 'right' }}><button type="button" onClick={() => remove.mutate({ inspectorId: i.inspector_id })} aria-label={`移除 ${i.name}`}>移除</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
