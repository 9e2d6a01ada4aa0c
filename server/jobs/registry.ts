/**
 * Long jobs started from the workbench (import, classify, …) run inside the server process, which owns the
 * engine. The registry keeps their progress in memory for polling; durable outcomes are written by the job
 * itself (imports table, classification runs).
 */
import crypto from 'node:crypto';

export type JobStatus = 'running' | 'done' | 'failed';
export interface JobState {
  id: string;
  kind: string;
  actor: string;
  label: string;
  status: JobStatus;
  progress: string;
  /** 0..1 when known */
  fraction: number | null;
  startedAt: string;
  finishedAt: string | null;
  result: unknown;
  error: string | null;
}

export interface JobReporter { progress(text: string, fraction?: number | null): void }

const g = globalThis as unknown as { __xinyanJobs?: Map<string, JobState> };
const jobs: Map<string, JobState> = (g.__xinyanJobs ??= new Map());

export function startJob(kind: string, actor: string, label: string, fn: (r: JobReporter) => Promise<unknown>): JobState {
  const job: JobState = {
    id: crypto.randomUUID(), kind, actor, label, status: 'running', progress: '排队中', fraction: null,
    startedAt: new Date().toISOString(), finishedAt: null, result: null, error: null,
  };
  jobs.set(job.id, job);
  const reporter: JobReporter = { progress(text, fraction = null) { job.progress = text; job.fraction = fraction; } };
  void fn(reporter).then(
    (result) => { job.status = 'done'; job.result = result; job.fraction = 1; job.finishedAt = new Date().toISOString(); },
    (e: unknown) => { job.status = 'failed'; job.error = e instanceof Error ? e.message : String(e); job.finishedAt = new Date().toISOString(); },
  );
  return job;
}

export function getJob(id: string): JobState | undefined { return jobs.get(id); }

export function listJobs(kind?: string): JobState[] {
  return [...jobs.values()].filter((j) => !kind || j.kind === kind).sort((a, b) => b.startedAt.localeCompare(a.startedAt)).slice(0, 50);
}

/** Waits for a job to finish (tests, CLI hand-off). */
export async function waitJob(id: string, pollMs = 100): Promise<JobState> {
  for (;;) {
    const j = jobs.get(id);
    if (!j) throw new Error(`no job ${id}`);
    if (j.status !== 'running') return j;
    await new Promise((r) => setTimeout(r, pollMs));
  }
}
