import { getTranslations } from 'next-intl/server';

/** A bad preference link: friendly, and silent about which workspace or contact it might have been. */
export default async function PreferenceLinkNotFound() {
  const t = await getTranslations('preferences.notFound');
  return (
    <main id="main" className="mx-auto max-w-lg px-5 py-16 sm:py-24">
      <div className="rounded-2xl bg-white p-6 shadow-sm ring-1 ring-zinc-200 sm:p-8">
        <h1 className="text-xl font-semibold text-zinc-900">{t('title')}</h1>
        <p className="mt-3 text-zinc-600">{t('body')}</p>
      </div>
    </main>
  );
}
