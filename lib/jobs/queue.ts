import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { jobs, type Job } from '@/lib/db/schema';
import { executeRows } from '@/lib/db/sql';

/**
 * The Postgres job queue. Any number of workers on any number of machines claim from the same
 * table: FOR UPDATE SKIP LOCKED hands each due job to exactly one of them, and a lease
 * (locked_until) hands it to another worker if its holder dies.
 */
export interface EnqueueInput {
  kind: string;
  /** One open (not done) job per key: a second enqueue with the same key is a no-op. */
  key?: string | null;
  payload?: Record<string, unknown>;
  runAt?: Date;
}

export const JOB_DEFAULTS = {
  leaseMs: 5 * 60_000,
  maxAttempts: 8,
  /** Backoff after the n-th failed attempt: base × 2^(n-1), capped. */
  backoffBaseMs: 15_000,
  backoffMaxMs: 60 * 60_000,
} as const;

/** The id of the new job, or null when an open job with the same key already exists. */
export async function enqueue(db: Db, input: EnqueueInput): Promise<number | null> {
  const rows = await db
    .insert(jobs)
    .values({ kind: input.kind, key: input.key ?? null, payload: input.payload ?? {}, runAt: input.runAt ?? new Date() })
    .onConflictDoNothing({ target: jobs.key, where: sql`${jobs.doneAt} is null` })
    .returning({ id: jobs.id });
  return rows[0]?.id ?? null;
}

/** Up to `limit` due jobs, leased to `workerId` for `leaseMs`; expired leases are claimable again. */
export async function claimJobs(
  db: Db,
  opts: { workerId: string; limit?: number; leaseMs?: number; kinds?: readonly string[] },
): Promise<Job[]> {
  const leaseMs = opts.leaseMs ?? JOB_DEFAULTS.leaseMs;
  const kinds = opts.kinds?.length ? sql`and ${jobs.kind} in (${sql.join(opts.kinds.map((k) => sql`${k}`), sql`, `)})` : sql``;
  const rows = await executeRows<{ id: number | string }>(
    db,
    sql`update ${jobs} set locked_by = ${opts.workerId},
          locked_until = now() + make_interval(secs => ${leaseMs / 1000}::double precision),
          attempts = ${jobs.attempts} + 1
        where ${jobs.id} in (
          select ${jobs.id} from ${jobs}
          where ${jobs.doneAt} is null and ${jobs.runAt} <= now()
            and (${jobs.lockedUntil} is null or ${jobs.lockedUntil} < now()) ${kinds}
          order by ${jobs.runAt}
          limit ${opts.limit ?? 1}
          for update skip locked)
        returning ${jobs.id}`,
  );
  if (rows.length === 0) return [];
  return db.query.jobs.findMany({ where: (j, { inArray }) => inArray(j.id, rows.map((r) => Number(r.id))) });
}

/** Fencing: only the holder of the lease may finish a job (a lost lease means someone else has it). */
const heldBy = (job: Job) => sql`${jobs.id} = ${job.id} and ${jobs.lockedBy} = ${job.lockedBy} and ${jobs.doneAt} is null`;

export async function completeJob(db: Db, job: Job): Promise<void> {
  await db.execute(sql`update ${jobs} set done_at = now(), locked_until = null, last_error = null where ${heldBy(job)}`);
}

export function backoffMs(attempts: number): number {
  return Math.min(JOB_DEFAULTS.backoffMaxMs, JOB_DEFAULTS.backoffBaseMs * 2 ** Math.max(0, attempts - 1));
}

/**
 * A failed attempt: retried after an exponential backoff, or closed for good (done_at set with
 * last_error kept) once `maxAttempts` is reached, which frees its key for a fresh enqueue.
 */
export async function failJob(db: Db, job: Job, error: unknown, maxAttempts: number = JOB_DEFAULTS.maxAttempts): Promise<'retry' | 'dead'> {
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
  if (job.attempts >= maxAttempts) {
    await db.execute(sql`update ${jobs} set done_at = now(), locked_until = null, last_error = ${message} where ${heldBy(job)}`);
    return 'dead';
  }
  const runAt = new Date(Date.now() + backoffMs(job.attempts));
  await db.execute(
    sql`update ${jobs} set run_at = ${runAt.toISOString()}::timestamptz, locked_until = null, locked_by = null, last_error = ${message} where ${heldBy(job)}`,
  );
  return 'retry';
}

/** Not a failure: the job asked to run again later (e.g. the A/B test phase is still sending). */
export async function rescheduleJob(db: Db, job: Job, runAt: Date): Promise<void> {
  await db.execute(
    sql`update ${jobs} set run_at = ${runAt.toISOString()}::timestamptz, locked_until = null, locked_by = null, attempts = greatest(${jobs.attempts} - 1, 0) where ${heldBy(job)}`,
  );
}

/** Gives back a claimed job untouched (graceful stop before it started). */
export async function releaseJob(db: Db, job: Job): Promise<void> {
  await db.execute(
    sql`update ${jobs} set locked_until = null, locked_by = null, attempts = greatest(${jobs.attempts} - 1, 0) where ${heldBy(job)}`,
  );
}
