import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { cn } from '@/components/ui/cn';

/** Editor | Analytics, as links (each is its own page). */
export async function SmartlinkTabs({ slug, pageId, active }: { slug: string; pageId: string; active: 'editor' | 'analytics' }) {
  const t = await getTranslations('smartlinks.tabs');
  const tabs = [
    { key: 'editor', href: `/w/${slug}/links/${pageId}` },
    { key: 'analytics', href: `/w/${slug}/links/${pageId}/analytics` },
  ] as const;
  return (
    <nav aria-label={t('label')} className="mb-6 border-b border-zinc-200">
      <ul className="-mb-px flex gap-4">
        {tabs.map((tab) => (
          <li key={tab.key}>
            <Link
              href={tab.href}
              aria-current={tab.key === active ? 'page' : undefined}
              className={cn(
                'inline-block border-b-2 px-1 py-2 text-sm font-semibold',
                tab.key === active ? 'border-brand-600 text-brand-700' : 'border-transparent text-zinc-600 hover:text-zinc-900',
              )}
            >
              {t(tab.key)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
