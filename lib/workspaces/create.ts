import { randomBytes } from 'node:crypto';
import type { Db } from '@/lib/db/client';
import { writeAudit } from '@/lib/db/audit';
import { memberships, workspaces, type Industry, type Locale, type Workspace } from '@/lib/db/schema';
import { withTransaction } from '@/lib/db/transaction';
import { defaultBenchmarks } from '@/lib/metrics/benchmarks';

export function slugify(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 32);
  const suffix = randomBytes(4).toString('hex').slice(0, 6);
  return `${base || 'workspace'}-${suffix}`;
}

/** Creates a workspace with `userId` as its first owner and the industry's benchmark defaults. */
export async function createWorkspace(
  db: Db,
  userId: string,
  input: { name: string; industry?: Industry; locale?: Locale; timezone?: string; isDemo?: boolean },
): Promise<Workspace> {
  return withTransaction(db, async (tx) => {
    const industry = input.industry ?? 'ecommerce';
    const [ws] = await tx
      .insert(workspaces)
      .values({
        slug: slugify(input.name),
        name: input.name,
        industry,
        locale: input.locale ?? 'en',
        timezone: input.timezone ?? 'Europe/Amsterdam',
        benchmarks: defaultBenchmarks(industry),
        isDemo: input.isDemo ?? false,
      })
      .returning();
    await tx.insert(memberships).values({ workspaceId: ws.id, userId, role: 'owner' });
    await writeAudit(tx, { workspaceId: ws.id, userId }, 'workspace.created', ws.id, { name: ws.name });
    return ws;
  });
}
