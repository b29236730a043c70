'use client';

import { BarChart3, Link2, Mail, MessageSquareHeart, Repeat, Settings, Target, Users, type LucideIcon } from 'lucide-react';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { cn } from '@/components/ui/cn';

const ITEMS: { key: 'dashboard' | 'campaigns' | 'surveys' | 'sequences' | 'links' | 'conversions' | 'contacts' | 'settings'; icon: LucideIcon }[] = [
  { key: 'dashboard', icon: BarChart3 },
  { key: 'campaigns', icon: Mail },
  { key: 'surveys', icon: MessageSquareHeart },
  { key: 'sequences', icon: Repeat },
  { key: 'links', icon: Link2 },
  { key: 'conversions', icon: Target },
  { key: 'contacts', icon: Users },
  { key: 'settings', icon: Settings },
];

export function NavLinks({ slug, onNavigate }: { slug: string; onNavigate?: () => void }) {
  const t = useTranslations('nav');
  const pathname = usePathname();
  return (
    <ul className="space-y-1">
      {ITEMS.map(({ key, icon: Icon }) => {
        const href = `/w/${slug}/${key}`;
        const active = pathname === href || pathname.startsWith(`${href}/`);
        return (
          <li key={key}>
            <Link
              href={href}
              onClick={onNavigate}
              aria-current={active ? 'page' : undefined}
              className={cn(
                'flex items-center gap-3 rounded-lg px-3 py-2 text-sm font-medium',
                active ? 'bg-brand-50 text-brand-800' : 'text-zinc-700 hover:bg-zinc-100',
              )}
            >
              <Icon aria-hidden className="size-4" />
              {t(key)}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
