'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { cn } from '@/components/ui/cn';

const SECTIONS = [
  { path: '', key: 'general' },
  { path: '/sending', key: 'sending' },
  { path: '/links', key: 'links' },
  { path: '/surveys', key: 'surveys' },
  { path: '/benchmarks', key: 'benchmarks' },
  { path: '/inactivity', key: 'inactivity' },
  { path: '/members', key: 'members' },
  { path: '/api', key: 'apiKeys' },
  { path: '/webhooks', key: 'outgoingWebhooks' },
  { path: '/outbox', key: 'outbox' },
  { path: '/danger', key: 'danger' },
] as const;

export function SettingsNav({ slug }: { slug: string }) {
  const t = useTranslations('settings');
  const pathname = usePathname();
  const base = `/w/${slug}/settings`;
  return (
    <nav aria-label={t('nav')} className="-mx-1 overflow-x-auto">
      <ul className="flex gap-1 lg:flex-col">
        {SECTIONS.map((s) => {
          const href = base + s.path;
          const active = s.path === '' ? pathname === base : pathname.startsWith(href);
          return (
            <li key={s.key}>
              <Link
                href={href}
                aria-current={active ? 'page' : undefined}
                className={cn(
                  'block whitespace-nowrap rounded-lg px-3 py-2 text-sm',
                  active ? 'bg-white font-semibold text-brand-800 shadow-sm ring-1 ring-zinc-200' : 'text-zinc-600 hover:bg-zinc-100',
                )}
              >
                {t(`${s.key}.title`)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
