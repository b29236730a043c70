'use client';

import { LogOut } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useAction } from 'next-safe-action/hooks';
import { Button } from '@/components/ui/button';
import { signOutAction } from '@/lib/actions/auth';

export function SignOutButton({ className }: { className?: string }) {
  const t = useTranslations('nav');
  const { execute, isPending } = useAction(signOutAction);
  return (
    <Button variant="ghost" className={className} pending={isPending} onClick={() => execute()}>
      <LogOut aria-hidden className="size-4" />
      {t('signOut')}
    </Button>
  );
}
