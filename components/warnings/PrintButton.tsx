'use client';
export function PrintButton() {
  return <button type="button" className="primary" onClick={() => window.print()}>打印</button>;
}
