import { NextResponse } from 'next/server';
import { z } from 'zod';
import { getDb } from '@/lib/db/client';
import { invalid, notFound } from '@/lib/errors';
import { readRequestBody } from '@/lib/http/body';
import { fromLoopback } from '@/lib/http/peer';
import { assertSameOrigin, routeError } from '@/lib/http/route-context';
import { advanceTestClock, sequenceNow, testClockEnabled } from '@/lib/sequences/clock';
import { rollupEvents } from '@/lib/tracking/rollup';
import { runSequenceDuty } from '@/lib/jobs/duties';

/**
 * TEST ONLY: the browser tests live through weeks of a sequence in seconds. POST {days} moves the
 * sequence clock forward (lib/sequences/clock) and runs one engine pass and the events roll-up so
 * the effect shows at once; GET tells the clock. Anything else than PULSE_TEST_CLOCK=1 (set by the
 * e2e web server only) AND a request straight from this machine gets the same 404 as a missing page.
 */
export const dynamic = 'force-dynamic';

const DAY_MS = 86_400_000;
const advanceSchema = z.object({ days: z.number().positive().max(400) }).strict();

const reachable = (request: Request) => testClockEnabled() && fromLoopback(request.headers);

export async function GET(request: Request): Promise<Response> {
  try {
    if (!reachable(request)) throw notFound();
    const now = await sequenceNow(getDb());
    return NextResponse.json({ now: now.toISOString() }, { headers: { 'Cache-Control': 'no-store' } });
  } catch (e) {
    return routeError(e, 'GET /api/test/clock');
  }
}

export async function POST(request: Request): Promise<Response> {
  try {
    if (!reachable(request)) throw notFound();
    assertSameOrigin(request);
    let body: unknown;
    try {
      body = JSON.parse((await readRequestBody(request, 1024)).toString('utf8'));
    } catch {
      throw invalid('validation');
    }
    const parsed = advanceSchema.safeParse(body);
    if (!parsed.success) throw invalid('validation');
    const db = getDb();
    const now = await advanceTestClock(db, parsed.data.days * DAY_MS);
    // What the worker does on its next ticks, now: the roll-up first (a click ends an enrolment
    // before its next step), then the engine's pass on the sequence clock.
    const rolledUp = await rollupEvents(db);
    const engine = await runSequenceDuty(db);
    return NextResponse.json({ now: now.toISOString(), engine, rolledUp }, { headers: { 'Cache-Control': 'no-store' } });
  } catch (e) {
    return routeError(e, 'POST /api/test/clock');
  }
}

