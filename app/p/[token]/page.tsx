import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { createTranslator } from 'next-intl';
import { getTranslations } from 'next-intl/server';
import { cache } from 'react';
import { PreferenceCentreView, type PreferenceNotice } from '@/components/preferences/preference-centre';
import { getDb } from '@/lib/db/client';
import { messagesByLocale } from '@/lib/i18n/config';
import { loadPreferenceCentre } from '@/lib/sequences/preferences';
import { newSubmissionId } from '@/lib/surveys/flood';

type Params = { params: Promise<{ token: string }> };

/** One read per request, shared by the metadata and the page. */
const load = cache((token: string) => loadPreferenceCentre(getDb(), token));

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const centre = await load((await params).token);
  const title = centre
    ? createTranslator({ locale: centre.locale, messages: messagesByLocale[centre.locale], namespace: 'preferences' })('metaTitle')
    : (await getTranslations('preferences'))('metaTitle');
  // The token in the URL never leaves for another site. Not 'no-referrer': a browser then sends
  // `Origin: null` with the form POST, which the same-origin check of ./save must refuse.
  return { title, referrer: 'same-origin', robots: { index: false, follow: false } };
}

const NOTICES = new Set<PreferenceNotice>(['saved', 'replayed', 'unsubscribed', 'notSubscribed', 'invalid', 'tooMany', 'tooLarge', 'failed']);

/**
 * The public preference centre of one mail (no login): its token names the send row. A forged,
 * cut or other-purpose token is the not-found page, with nothing about any workspace. The form
 * posts to ./save (a plain form POST, no JavaScript needed), which redirects back here.
 */
export default async function PreferenceCentrePage({ params, searchParams }: Params & { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { token } = await params;
  const centre = await load(token);
  if (!centre) notFound();
  const raw = (await searchParams).notice;
  const notice = typeof raw === 'string' && NOTICES.has(raw as PreferenceNotice) ? (raw as PreferenceNotice) : null;
  return <PreferenceCentreView centre={centre} action={`/p/${token}/save`} submissionId={newSubmissionId()} notice={notice} />;
}
