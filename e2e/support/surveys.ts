import { eq } from 'drizzle-orm';
import { openDb } from '@/lib/db/client';
import { surveys, workspaces, type Survey } from '@/lib/db/schema';
import { recordAnswer } from '@/lib/surveys/answer';
import { newSurveyToken } from '@/lib/surveys/token';

const DAY = 86_400_000;

/**
 * An open NPS survey with answers in the workspace of `slug`, for pages that need a report with
 * data. The survey row is inserted as the builder would leave it; every answer goes through
 * recordAnswer (the one way an answer is stored), spread over the last weeks with `now`.
 * 120 promoters, 50 passives, 30 detractors: the PRODUCT.md example (NPS 45, ±10.3).
 */
export async function seedSurveyWithAnswers(slug: string, opts: { name?: string; kind?: 'nps' | 'csat'; answers?: boolean } = {}): Promise<Survey> {
  const url = process.env.E2E_DATABASE_URL;
  if (!url) throw new Error('E2E_DATABASE_URL is not set');
  const handle = openDb({ kind: 'postgres', url, max: 2 });
  try {
    const db = handle.db;
    const [ws] = await db.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.slug, slug));
    const [survey] = await db
      .insert(surveys)
      .values({ workspaceId: ws.id, name: opts.name ?? 'Customer NPS', kind: opts.kind ?? 'nps', status: 'open', publicToken: newSurveyToken() })
      .returning();
    const scores = [...Array<number>(60).fill(10), ...Array<number>(60).fill(9), ...Array<number>(30).fill(8), ...Array<number>(20).fill(7), ...[0, 2, 3, 4, 5, 5, 6, 6, 6, 6].flatMap((s) => [s, s, s])];
    const comments = ['Fast delivery and friendly help', 'Price is a bit high, <b>but</b> fine', 'Support never answered my mail', '100% happy', 'Een 8 is bij ons een goed cijfer!'];
    const now = Date.now();
    for (let i = 0; opts.answers !== false && i < scores.length; i++) {
      await recordAnswer(db, {
        survey,
        channel: 'link',
        score: opts.kind === 'csat' ? Math.max(1, Math.ceil(scores[i] / 2)) : scores[i],
        comment: i % 17 === 0 ? comments[(i / 17) % comments.length] : null,
        // Spread over ten weeks, the later weeks a little busier.
        now: new Date(now - Math.floor(((i * 7919) % scores.length) / scores.length * 70 * DAY) - 3_600_000),
      });
    }
    return survey;
  } finally {
    await handle.close();
  }
}
