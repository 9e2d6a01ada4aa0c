/** One account per role for the browser tests (created by scripts/e2e-server.ts). */
export const E2E_USERS = [
  { name: 'admin', role: 'admin', password: 'e2e-admin-pass', region: '' },
  { name: 'analyst', role: 'analyst', password: 'e2e-analyst-pass', region: '' },
  { name: 'changchun', role: 'analyst', password: 'e2e-county-pass', region: '220100' },
  { name: 'leader', role: 'leader', password: 'e2e-leader-pass', region: '' },
  { name: 'partner', role: 'partner', password: 'e2e-partner-pass', region: '' },
] as const;
