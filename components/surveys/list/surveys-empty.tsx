import { MessageSquareHeart } from 'lucide-react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { buttonClass } from '@/components/ui/button';

/** No surveys yet: what NPS and CSAT are, in one line each, and the way to make the first one. */
export function SurveysEmpty({ slug, canEdit }: { slug: string; canEdit: boolean }) {
  const t = useTranslations('surveys.list.empty');
  return (
    <div className="rounded-xl border-2 border-dashed border-zinc-200 bg-white px-6 py-10 text-center">
      <MessageSquareHeart aria-hidden className="mx-auto size-10 text-zinc-400" />
      <h2 className="mt-4 text-base font-semibold text-zinc-900">{t('title')}</h2>
      <p className="mx-auto mt-2 max-w-lg text-sm text-zinc-600">{t('body')}</p>
      <dl className="mx-auto mt-5 grid max-w-2xl gap-3 text-left text-sm sm:grid-cols-2">
        <div className="rounded-lg bg-zinc-50 p-3 ring-1 ring-inset ring-zinc-200">
          <dt className="font-semibold text-zinc-900">NPS</dt>
          <dd className="mt-1 text-zinc-600">{t('nps')}</dd>
        </div>
        <div className="rounded-lg bg-zinc-50 p-3 ring-1 ring-inset ring-zinc-200">
          <dt className="font-semibold text-zinc-900">CSAT</dt>
          <dd className="mt-1 text-zinc-600">{t('csat')}</dd>
        </div>
      </dl>
      {canEdit ? (
        <div className="mt-6">
          <Link href={`/w/${slug}/surveys/new`} className={buttonClass('primary')}>
            {t('cta')}
          </Link>
        </div>
      ) : null}
    </div>
  );
}
