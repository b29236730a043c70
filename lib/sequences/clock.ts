import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { executeRows } from '@/lib/db/sql';

/**
 * The sequence engine's "now". Production: the wall clock. With PULSE_TEST_CLOCK=1 (set only by
 * the test runners, never by `npm start` or a deployment) an offset kept in Postgres — shared by
 * the app and every worker — moves it forward, so a browser test can live through five weeks.
 */
export const TEST_CLOCK_CURSOR = 'test-clock';

export const testClockEnabled = (): boolean => process.env.PULSE_TEST_CLOCK === '1';

export async function sequenceNow(db: Db): Promise<Date> {
  if (!testClockEnabled()) return new Date();
  const [row] = await executeRows<{ position: string | number }>(db, sql`select position from cursors where name = ${TEST_CLOCK_CURSOR}`);
  return new Date(Date.now() + Number(row?.position ?? 0));
}

/** Moves the test clock forward by `ms`; refuses when the test clock is off. */
export async function advanceTestClock(db: Db, ms: number): Promise<Date> {
  if (!testClockEnabled()) throw new Error('the test clock is off (PULSE_TEST_CLOCK is not 1)');
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError('the test clock only moves forward');
  await db.execute(sql`insert into cursors (name, position, updated_at) values (${TEST_CLOCK_CURSOR}, ${Math.round(ms)}, now())
    on conflict (name) do update set position = cursors.position + excluded.position, updated_at = now()`);
  return sequenceNow(db);
}
