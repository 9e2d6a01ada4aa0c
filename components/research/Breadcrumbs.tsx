'use client';
/** Drill breadcrumbs for the region and industry hierarchies: click a level to go back up to it. */
import css from './research.module.css';

export interface Crumb { code: string; name: string }

export function Breadcrumbs({ region, industry, onRegion, onIndustry }: { region: Crumb[]; industry: Crumb[]; onRegion: (code: string | undefined) => void; onIndustry: (code: string | undefined) => void }) {
  const trail = (label: string, all: string, items: Crumb[], go: (c: string | undefined) => void) => (
    <nav aria-label={`${label}层级`}>
      <ol>
        <li><span className="muted">{label}：</span>{items.length ? <button type="button" onClick={() => go(undefined)}>{all}</button> : <span aria-current="page">{all}</span>}</li>
        {items.map((c, i) => (
          <li key={c.code}>{i === items.length - 1 ? <span aria-current="page">{c.name}</span> : <button type="button" onClick={() => go(c.code)}>{c.name}</button>}</li>
        ))}
      </ol>
    </nav>
  );
  return (
    <div className={css.crumbs}>
      {trail('地区', '全部地区', region, onRegion)}
      {trail('行业', '全部行业', industry, onIndustry)}
    </div>
  );
}
