/** Runs a test child process (`node --import tsx SCRIPT ARGS…`) that prints one JSON object per line. */
import { spawn } from 'node:child_process';

export interface ChildRun<L> { lines: L[]; killed: boolean; code: number | null }

/**
 * Collects the child's JSON lines; SIGKILLs it at the first line for which `killWhen` holds. `killWhen` may be
 * asynchronous (act while the child waits — e.g. paused — then decide): the child is killed when it resolves to true,
 * and also when it throws, whose error the run then rejects with. Without `killWhen` a non-zero exit is an error
 * (with the child's stderr). `env` replaces the child's environment (e.g. to set TZ).
 */
export function runJsonChild<L extends object>(script: string, args: string[], killWhen?: (line: L) => boolean | Promise<boolean>,
  env?: NodeJS.ProcessEnv): Promise<ChildRun<L>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['ignore', 'pipe', 'pipe'], ...(env ? { env } : {}) });
    const lines: L[] = [];
    let killed = false;
    let deciding = false;
    let failure: unknown;
    const kill = () => { if (!killed) { killed = true; child.kill('SIGKILL'); } };
    let buf = '';
    let err = '';
    child.stderr.on('data', (c: Buffer) => { err += c.toString(); });
    child.stdout.on('data', (c: Buffer) => {
      buf += c.toString();
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = JSON.parse(buf.slice(0, nl)) as L;
        buf = buf.slice(nl + 1);
        lines.push(line);
        if (!killWhen || killed || deciding) continue;
        const decision = killWhen(line);
        if (decision === true) kill();
        else if (decision instanceof Promise) {
          deciding = true;
          decision.then((k) => { deciding = false; if (k) kill(); }, (e: unknown) => { failure = e; kill(); });
        }
      }
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (failure !== undefined) reject(failure instanceof Error ? failure : new Error(String(failure)));
      else if (deciding) reject(new Error(`the child ended (${code}) while the test was acting on its line: ${err}`));
      else if (!killWhen && code !== 0) reject(new Error(`child failed (${code}): ${err}`));
      else resolve({ lines, killed, code });
    });
  });
}
