'use client';

import { Menu, X } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState, type ReactNode } from 'react';

/**
 * Below md the sidebar folds into a disclosure; the same content, no second navigation. The brand
 * and the button share one row; the opened panel goes below it, so the logo stays put.
 */
export function MobileNav({ brand, children }: { brand: ReactNode; children: ReactNode }) {
  const t = useTranslations('nav');
  const [open, setOpen] = useState(false);
  return (
    <header className="border-b border-zinc-200 bg-white px-4 py-3 md:hidden">
      <div className="flex items-center justify-between gap-3">
        {brand}
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
      </div>
      <div id="mobile-nav" hidden={!open} className="mt-4" onClick={(e) => (e.target as HTMLElement).closest('a') && setOpen(false)}>
        {children}
      </div>
    </header>
  );
}
