'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useEffect } from 'react';
import { LAST_WORKSPACE_COOKIE } from '@/lib/workspaces/cookies';

export function WorkspaceSwitcher({ current, workspaces }: { current: string; workspaces: { slug: string; name: string }[] }) {
  const t = useTranslations('nav');
  const router = useRouter();
  useEffect(() => {
    document.cookie = `${LAST_WORKSPACE_COOKIE}=${encodeURIComponent(current)}; path=/; max-age=31536000; samesite=lax`;
  }, [current]);
  return (
    <label className="block">
      <span className="sr-only">{t('switchWorkspace')}</span>
      <select
        className="block w-full truncate rounded-lg border-0 bg-white py-2 pl-3 pr-8 text-sm font-semibold ring-1 ring-inset ring-zinc-300"
        value={current}
        onChange={(e) => router.push(e.target.value === '__new' ? '/onboarding' : `/w/${e.target.value}/dashboard`)}
      >
        {workspaces.map((w) => (
          <option key={w.slug} value={w.slug}>
            {w.name}
          </option>
        ))}
        <option value="__new">+ {t('newWorkspace')}</option>
      </select>
    </label>
  );
}
