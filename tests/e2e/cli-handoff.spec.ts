/**
 * Monthly jobs run while the workbench is up: with the server holding the embedded data directory, the CLI
 * hands its command to the server (the engine allows one process per directory) and relays output and exit code.
 */
import { test, expect } from '@playwright/test';
import { execFileSync, spawnSync } from 'node:child_process';

const env = () => ({ ...process.env, XINYAN_DATA_DIR: process.env.E2E_DATA_DIR! });

test('a CLI command is handed to the running server and its result comes back', () => {
  const out = execFileSync('npx', ['tsx', 'server/cli/main.ts', 'sql', "SELECT 'a.b/c' AS x, toUInt32(count()) AS n FROM enterprises", '--json'], { env: env(), encoding: 'utf8' });
  const doc = JSON.parse(out) as { rows: Array<{ x: string; n: number }> };
  expect(doc.rows[0]!.x).toBe('a.b/c');
  expect(doc.rows[0]!.n).toBeGreaterThan(1000);
});

test('exit codes survive the hand-off: usage error 2, bad input 1', () => {
  const usage = spawnSync('npx', ['tsx', 'server/cli/main.ts', 'classify', '--month', '2026-13'], { env: env(), encoding: 'utf8' });
  expect(usage.status).toBe(2);
  expect(usage.stderr).toContain('YYYY-MM');
  const bad = spawnSync('npx', ['tsx', 'server/cli/main.ts', 'import', '/nonexistent/folder'], { env: env(), encoding: 'utf8' });
  expect(bad.status).toBe(1);
});
