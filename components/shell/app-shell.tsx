import { Activity, KeyRound } from 'lucide-react';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { LocaleSwitcher } from '@/components/auth/locale-switcher';
import { SignOutButton } from '@/components/auth/sign-out-button';
import { buttonClass } from '@/components/ui/button';
import type { Role } from '@/lib/db/schema';
import { MobileNav } from './mobile-nav';
import { NavLinks } from './nav-links';
import { WorkspaceSwitcher } from './workspace-switcher';

interface ShellProps {
  slug: string;
  role: Role;
  isDemo: boolean;
  user: { name: string; email: string; locale: string | null };
  workspaces: { slug: string; name: string }[];
  children: ReactNode;
}

export async function AppShell({ slug, role, isDemo, user, workspaces, children }: ShellProps) {
  const t = await getTranslations();
  const sidebar = (
    <div className="flex min-h-0 flex-1 flex-col gap-6">
      <WorkspaceSwitcher current={slug} workspaces={workspaces} />
      <nav aria-label={t('nav.main')}>
        <NavLinks slug={slug} />
      </nav>
      <div className="mt-auto space-y-3 border-t border-zinc-200 pt-4 text-sm">
        <div>
          <p className="truncate font-medium text-zinc-900">{user.name}</p>
          <p className="truncate text-zinc-500">{user.email}</p>
          <p className="mt-1 text-xs text-zinc-500" data-testid="current-role">
            {t('nav.yourRole', { role: t(`roles.${role}`) })}
          </p>
        </div>
        <LocaleSwitcher signedIn userChoice={user.locale} />
        <Link
          href={`/w/${slug}/account`}
          className={buttonClass('ghost', 'w-full justify-start px-2')}
        >
          <KeyRound aria-hidden className="size-4" />
          {t('nav.yourAccount')}
        </Link>
        <SignOutButton className="w-full justify-start px-2" />
      </div>
    </div>
  );
  return (
    <div className="min-h-dvh md:flex">
      {/* A column of exactly the viewport's height: the sidebar never makes the page scroll. */}
      <aside className="hidden w-64 shrink-0 overflow-y-auto border-r border-zinc-200 bg-white px-4 py-5 md:sticky md:top-0 md:flex md:h-dvh md:flex-col">
        <p className="mb-5 flex items-center gap-2 px-1 text-lg font-semibold text-brand-700">
          <Activity aria-hidden className="size-6" /> Pulse
        </p>
        {sidebar}
      </aside>
      <MobileNav
        brand={
          <span className="flex items-center gap-2 font-semibold text-brand-700">
            <Activity aria-hidden className="size-5" /> Pulse
          </span>
        }
      >
        {sidebar}
      </MobileNav>
      <div className="min-w-0 flex-1">
        {isDemo ? (
          <section aria-label={t('app.demoLabel')} className="bg-amber-50 px-6 py-2 text-center text-xs text-amber-900">
            {t('app.demoBanner')}
          </section>
        ) : null}
        <main id="main" className="mx-auto max-w-6xl px-4 py-8 sm:px-8">
          {children}
        </main>
      </div>
    </div>
  );
}
