import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { AcceptInvitation } from '@/components/auth/accept-invitation';
import { SignOutButton } from '@/components/auth/sign-out-button';
import { buttonClass } from '@/components/ui/button';
import { getSessionUser } from '@/lib/auth/session';
import { getDb } from '@/lib/db/client';
import { previewInvitation } from '@/lib/members/accept';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('invite'))('metaTitle'), referrer: 'no-referrer' };
}

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const t = await getTranslations();
  const preview = await previewInvitation(getDb(), token);
  const box = 'rounded-2xl bg-white p-6 shadow-sm ring-1 ring-zinc-200 sm:p-8 space-y-4';
  if (!preview) {
    return (
      <div className={box}>
        <h1 className="text-xl font-semibold">{t('invite.invalidTitle')}</h1>
        <p className="text-sm text-zinc-600">{t('invite.invalidBody')}</p>
      </div>
    );
  }
  const user = await getSessionUser();
  const back = `/invite/${encodeURIComponent(token)}`;
  return (
    <div className={box}>
      <h1 className="text-xl font-semibold">{t('invite.title', { workspace: preview.workspaceName })}</h1>
      <p className="text-sm text-zinc-600">
        {t('invite.body', { inviter: preview.inviterName ?? 'Pulse', email: preview.email, role: t(`roles.${preview.role}`) })}
      </p>
      {!user ? (
        <div className="flex flex-col gap-3 sm:flex-row">
          <Link className={buttonClass('primary', 'flex-1')} href={`/sign-up?invite=${encodeURIComponent(token)}`}>
            {t('invite.signUpToAccept')}
          </Link>
          <Link
            className={buttonClass('secondary', 'flex-1')}
            href={`/sign-in?callbackUrl=${encodeURIComponent(back)}&email=${encodeURIComponent(preview.email)}`}
          >
            {t('invite.signInToAccept')}
          </Link>
        </div>
      ) : user.email === preview.email ? (
        <AcceptInvitation token={token} />
      ) : (
        <>
          <p className="text-sm text-amber-800">{t('invite.otherAccount', { email: user.email })}</p>
          <SignOutButton />
        </>
      )}
    </div>
  );
}
