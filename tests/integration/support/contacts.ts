import { Readable } from 'node:stream';
import { asc, count, eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { contactImports, contacts, listMembers, lists, segments, type NewContact } from '@/lib/db/schema';

let seq = 0;

/** A contact inserted directly, so tests can set engagement dates the product would record itself. */
export async function makeContact(db: Db, workspaceId: string, overrides: Partial<Omit<NewContact, 'workspaceId'>> = {}) {
  seq += 1;
  const [row] = await db
    .insert(contacts)
    .values({ workspaceId, email: `contact-${seq}-${Math.random().toString(36).slice(2, 8)}@example.test`, ...overrides })
    .returning();
  return row;
}

/** `days` days before now, minus `extraHours` (to stay clear of boundaries the test does not mean to hit). */
export const daysAgo = (days: number, extraHours = 0) => new Date(Date.now() - days * 86_400_000 - extraHours * 3_600_000);

/** A Readable of CSV text produced line by line (with `\n` line ends unless `eol` says otherwise). */
export function csvStream(lines: Iterable<string> | AsyncIterable<string>, eol = '\n'): Readable {
  async function* gen() {
    let buffer = '';
    for await (const line of lines) {
      buffer += line + eol;
      if (buffer.length > 64 * 1024) {
        yield buffer;
        buffer = '';
      }
    }
    if (buffer) yield buffer;
  }
  return Readable.from(gen());
}

/** Every contacts-domain row of a workspace, in a stable order, for before/after equality. */
export async function snapshotContacts(db: Db, workspaceId: string) {
  return {
    contacts: await db.select().from(contacts).where(eq(contacts.workspaceId, workspaceId)).orderBy(asc(contacts.email)),
    lists: await db.select().from(lists).where(eq(lists.workspaceId, workspaceId)).orderBy(asc(lists.id)),
    listMembers: await db
      .select()
      .from(listMembers)
      .where(eq(listMembers.workspaceId, workspaceId))
      .orderBy(asc(listMembers.listId), asc(listMembers.contactId)),
    segments: await db.select().from(segments).where(eq(segments.workspaceId, workspaceId)).orderBy(asc(segments.id)),
    imports: (await db.select({ n: count() }).from(contactImports).where(eq(contactImports.workspaceId, workspaceId)))[0].n,
  };
}

export async function drain(gen: AsyncIterable<string>): Promise<string> {
  let out = '';
  for await (const chunk of gen) out += chunk;
  return out;
}
