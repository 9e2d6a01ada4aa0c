/** A year of month grids: holidays red, make-up working days blue, administrator overrides outlined. Pure renderer. */
import s from './objections.module.css';

export interface GridDay { date: string; kind: 'holiday' | 'workday' | 'normal'; name: string; origin: 'official' | 'admin' }

const WEEK = ['一', '二', '三', '四', '五', '六', '日'];

export function CalendarGrid({ year, days, selected, onSelect }: { year: number; days: GridDay[]; selected?: string; onSelect?: (date: string) => void }) {
  const byDate = new Map(days.map((d) => [d.date, d]));
  return (
    <div className={s.months}>
      {Array.from({ length: 12 }, (_, m) => {
        const first = new Date(Date.UTC(year, m, 1));
        const len = new Date(Date.UTC(year, m + 1, 0)).getUTCDate();
        const lead = (first.getUTCDay() + 6) % 7;
        return (
          <div key={m} className={s.month}>
            <h3>{m + 1} 月</h3>
            <div className={s.grid}>
              {WEEK.map((w) => <span key={w} className={s.wh}>{w}</span>)}
              {Array.from({ length: lead }, (_, i) => <span key={`l${i}`} />)}
              {Array.from({ length: len }, (_, i) => {
                const date = `${year}-${String(m + 1).padStart(2, '0')}-${String(i + 1).padStart(2, '0')}`;
                const d = byDate.get(date);
                const wd = (lead + i) % 7;
                const cls = [
                  d?.kind === 'holiday' ? s.holiday : d?.kind === 'workday' ? s.workday : wd >= 5 ? s.weekend : '',
                  d?.origin === 'admin' ? s.admin : '', selected === date ? s.selected : '',
                ].join(' ');
                return (
                  <span key={date} className={cls} title={d ? `${date} ${d.name || ''}` : date} data-date={date}
                    onClick={onSelect ? () => onSelect(date) : undefined} style={onSelect ? { cursor: 'pointer' } : undefined}>{i + 1}</span>
                );
              })}
            </div>
          </div>
        );
      })}
    </div>
  );
}
