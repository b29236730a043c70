import { eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { mailMessages } from '@/lib/db/schema';

export async function mailById(db: Db, id: string) {
  const [row] = await db.select().from(mailMessages).where(eq(mailMessages.id, id));
  if (!row) throw new Error(`no mail_messages row ${id}`);
  return row;
}

/** The one-time token from an invitation mail's `/invite/<token>` link (tokens are base64url). */
export function inviteTokenFrom(text: string): string {
  const match = /\/invite\/([A-Za-z0-9_-]+)/.exec(text);
  if (!match) throw new Error(`no /invite/<token> link in mail text:\n${text}`);
  return match[1];
}
