import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { getSessionUser } from '@/lib/auth/session';
import { getDb } from '@/lib/db/client';
import { listWorkspacesForUser } from '@/lib/workspaces/context';
import { LAST_WORKSPACE_COOKIE } from '@/lib/workspaces/cookies';

/** `/` sends people to the workspace they used last, their first one, or onboarding. */
export default async function Home() {
  const user = await getSessionUser();
  if (!user) redirect('/sign-in');
  const list = await listWorkspacesForUser(getDb(), user.id);
  const last = (await cookies()).get(LAST_WORKSPACE_COOKIE)?.value;
  const target = list.find((w) => w.slug === last) ?? list[0];
  redirect(target ? `/w/${target.slug}/dashboard` : '/onboarding');
}
