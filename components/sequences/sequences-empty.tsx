import { Repeat } from 'lucide-react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { buttonClass } from '@/components/ui/button';

/** No sequences yet: what a sequence does in three lines, and the way to make the first one. */
export function SequencesEmpty({ slug, canEdit }: { slug: string; canEdit: boolean }) {
  const t = useTranslations('sequences.empty');
  return (
    <div className="rounded-xl border-2 border-dashed border-zinc-200 bg-white px-6 py-10 text-center" data-testid="sequences-empty">
      <Repeat aria-hidden className="mx-auto size-10 text-zinc-400" />
      <h2 className="mt-4 text-base font-semibold text-zinc-900">{t('title')}</h2>
      <p className="mx-auto mt-2 max-w-xl text-sm text-zinc-600">{t('body')}</p>
      <ul className="mx-auto mt-5 grid max-w-3xl gap-3 text-left text-sm sm:grid-cols-3">
        {(['steps', 'control', 'sunset'] as const).map((k) => (
          <li key={k} className="rounded-lg bg-zinc-50 p-3 text-zinc-700 ring-1 ring-inset ring-zinc-200">
            {t(k)}
          </li>
        ))}
      </ul>
      <div className="mt-6">
        {canEdit ? (
          <Link href={`/w/${slug}/sequences/new`} className={buttonClass('primary')}>
            {t('cta')}
          </Link>
        ) : (
          <p className="text-sm text-zinc-500">{t('viewer')}</p>
        )}
      </div>
    </div>
  );
}
