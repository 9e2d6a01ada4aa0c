/** The objection's steps (受理 → 转办 → 答复 → 更正/维持) as a horizontal step bar. Pure renderer. */
import s from './objections.module.css';

export type ObjectionStatus = 'received' | 'forwarded' | 'answered' | 'corrected' | 'upheld';
const ORDER: ObjectionStatus[] = ['received', 'forwarded', 'answered'];
const LABEL: Record<ObjectionStatus, string> = { received: '受理', forwarded: '转办', answered: '答复', corrected: '更正', upheld: '维持' };

export function StatusSteps({ status, forwarded }: { status: ObjectionStatus; forwarded: boolean }) {
  const final: ObjectionStatus = status === 'upheld' ? 'upheld' : 'corrected';
  const steps: ObjectionStatus[] = [...ORDER, final];
  const reached = (st: ObjectionStatus) => {
    if (st === 'forwarded' && !forwarded && status !== 'forwarded') return false;
    const rank = (x: ObjectionStatus) => (x === 'upheld' ? 3 : ['received', 'forwarded', 'answered', 'corrected'].indexOf(x));
    return rank(st) <= rank(status);
  };
  return (
    <ol className={s.steps} aria-label={`办理进度：${LABEL[status]}`}>
      {steps.map((st) => (
        <li key={st} className={`${s.step} ${reached(st) ? s.done : ''} ${st === status ? s.current : ''} ${st === 'upheld' && status === 'upheld' ? s.upheld : ''}`}>
          <span className={s.dot} aria-hidden="true" />{st === final && !['corrected', 'upheld'].includes(status) ? '更正/维持' : LABEL[st]}
        </li>
      ))}
    </ol>
  );
}
