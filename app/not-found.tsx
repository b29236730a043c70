import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { buttonClass } from '@/components/ui/button';

export default async function NotFound() {
  const t = await getTranslations('common');
  return (
    <main id="main" className="mx-auto max-w-lg px-6 py-24 text-center">
      <h1 className="text-2xl font-semibold">{t('notFoundTitle')}</h1>
      <p className="mt-3 text-zinc-600">{t('notFoundBody')}</p>
      <Link href="/" className={buttonClass('primary', 'mt-8')}>
        {t('goHome')}
      </Link>
    </main>
  );
}
