import type { Db } from '@/lib/db/client';
import { surveys, type NewSurvey, type Survey } from '@/lib/db/schema';
import { newSurveyToken } from '@/lib/surveys/token';

/** An open survey (NPS unless overridden) straight in the table; builders are tested through their actions. */
export async function makeSurvey(db: Db, workspaceId: string, overrides: Partial<Omit<NewSurvey, 'workspaceId'>> = {}): Promise<Survey> {
  const [row] = await db
    .insert(surveys)
    .values({ workspaceId, name: 'Test survey', status: 'open', publicToken: newSurveyToken(), ...overrides })
    .returning();
  return row;
}
