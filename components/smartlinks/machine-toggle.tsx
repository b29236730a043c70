'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { CheckboxField } from '@/components/ui/field';

/** "Include bots & previews": machine hits are left out by default, as in campaign reports. */
export function SmartlinkMachineToggle({ checked }: { checked: boolean }) {
  const t = useTranslations('smartlinks.analytics');
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  return (
    <div>
      <CheckboxField
        label={t('includeMachine')}
        checked={checked}
        data-testid="smartlink-machine-toggle"
        onChange={(e) => {
          const next = new URLSearchParams(params);
          if (e.target.checked) next.set('machine', '1');
          else next.delete('machine');
          router.replace(`${pathname}${next.size ? `?${next}` : ''}`);
        }}
      />
      <p className="mt-1 text-xs text-zinc-500">{t('includeMachineHint')}</p>
    </div>
  );
}
