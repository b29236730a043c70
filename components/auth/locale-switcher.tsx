'use client';

import { useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { useAction } from 'next-safe-action/hooks';
import { setGuestLocaleAction, setLocaleAction } from '@/lib/actions/auth';
import { LOCALES } from '@/lib/db/schema/workspaces/constants';

/** Language picker; signed-in users store the choice on their account, guests in a cookie. */
export function LocaleSwitcher({ signedIn, userChoice }: { signedIn: boolean; userChoice?: string | null }) {
  const t = useTranslations();
  const locale = useLocale();
  const router = useRouter();
  const guest = useAction(setGuestLocaleAction, { onSuccess: () => router.refresh() });
  const member = useAction(setLocaleAction, { onSuccess: () => router.refresh() });
  const value = signedIn ? (userChoice ?? 'workspace') : locale;
  return (
    <label className="flex flex-wrap items-center gap-2 text-sm text-zinc-600">
      <span>{t('nav.language')}</span>
      <select
        className="min-w-0 max-w-full rounded-md border-0 bg-white py-1 pl-2 pr-7 text-sm ring-1 ring-inset ring-zinc-300"
        value={value}
        onChange={(e) => {
          const next = e.target.value;
          if (signedIn) member.execute({ locale: next as 'en' });
          else guest.execute({ locale: next as 'en' });
        }}
      >
        {signedIn ? <option value="workspace">{t('nav.languageWorkspace')}</option> : null}
        {LOCALES.map((l) => (
          <option key={l} value={l}>
            {t(`locales.${l}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
