import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { PreferenceCentreView, type PreferenceNotice } from '@/components/preferences/preference-centre';
import { getDb } from '@/lib/db/client';
import { loadPreferenceCentre } from '@/lib/sequences/preferences';
import { newSubmissionId } from '@/lib/surveys/flood';

export async function generateMetadata(): Promise<Metadata> {
  // The token in the URL never leaves for another site. Not 'no-referrer': a browser then sends
  // `Origin: null` with the form POST, which the same-origin check of ./save must refuse.
  return { title: (await getTranslations('preferences'))('metaTitle'), referrer: 'same-origin', robots: { index: false, follow: false } };
}

const NOTICES = new Set<PreferenceNotice>(['saved', 'replayed', 'unsubscribed', 'notSubscribed', 'invalid', 'tooMany', 'tooLarge', 'failed']);

/**
 * The public preference centre of one mail (no login): its token names the send row. A forged,
 * cut or other-purpose token is the not-found page, with nothing about any workspace. The form
 * posts to ./save (a plain form POST, no JavaScript needed), which redirects back here.
 */
export default async function PreferenceCentrePage({
  params,
  searchParams,
}: {
  params: Promise<{ token: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { token } = await params;
  const centre = await loadPreferenceCentre(getDb(), token);
  if (!centre) notFound();
  const raw = (await searchParams).notice;
  const notice = typeof raw === 'string' && NOTICES.has(raw as PreferenceNotice) ? (raw as PreferenceNotice) : null;
  return <PreferenceCentreView centre={centre} action={`/p/${token}/save`} submissionId={newSubmissionId()} notice={notice} />;
}
