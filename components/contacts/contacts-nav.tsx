'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { cn } from '@/components/ui/cn';

const TABS = [
  { path: '', key: 'all' },
  { path: '/segments', key: 'segments' },
  { path: '/import', key: 'import' },
] as const;

export function ContactsNav({ slug }: { slug: string }) {
  const t = useTranslations('contacts.nav');
  const pathname = usePathname();
  const base = `/w/${slug}/contacts`;
  const current = TABS.find((tab) => tab.path !== '' && pathname.startsWith(base + tab.path))?.key ?? 'all';
  return (
    <nav aria-label={t('label')} className="-mx-1 mb-6 overflow-x-auto">
      <ul className="flex gap-1 border-b border-zinc-200">
        {TABS.map((tab) => (
          <li key={tab.key}>
            <Link
              href={base + tab.path}
              aria-current={current === tab.key ? 'page' : undefined}
              className={cn(
                '-mb-px block whitespace-nowrap border-b-2 px-3 py-2 text-sm',
                current === tab.key ? 'border-brand-600 font-semibold text-brand-800' : 'border-transparent text-zinc-600 hover:text-zinc-900',
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
