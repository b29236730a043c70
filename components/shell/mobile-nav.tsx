'use client';

import { Menu, X } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState, type ReactNode } from 'react';

/** Below md the sidebar folds into a disclosure; the same content, no second navigation. */
export function MobileNav({ children }: { children: ReactNode }) {
  const t = useTranslations('nav');
  const [open, setOpen] = useState(false);
  return (
    <div className="md:hidden">
      <button
        type="button"
        aria-expanded={open}
        aria-controls="mobile-nav"
        onClick={() => setOpen((o) => !o)}
        className="inline-flex items-center gap-2 rounded-lg px-3 py-2 text-sm font-medium ring-1 ring-zinc-300"
      >
        {open ? <X aria-hidden className="size-4" /> : <Menu aria-hidden className="size-4" />}
        {open ? t('closeMenu') : t('openMenu')}
      </button>
      <div id="mobile-nav" hidden={!open} className="mt-3" onClick={(e) => (e.target as HTMLElement).closest('a') && setOpen(false)}>
        {children}
      </div>
    </div>
  );
}
