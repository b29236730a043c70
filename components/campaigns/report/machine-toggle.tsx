'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { CheckboxField } from '@/components/ui/field';

export function MachineToggle({ checked }: { checked: boolean }) {
  const t = useTranslations('campaigns.reportPage');
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  return (
    <div>
      <CheckboxField
        label={t('includeMachine')}
        checked={checked}
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
