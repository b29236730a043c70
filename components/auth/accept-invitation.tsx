'use client';

import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { FormStatus } from '@/components/ui/form-status';
import { useActionForm } from '@/components/ui/use-action-form';
import { acceptInvitationAction } from '@/lib/actions/members';

export function AcceptInvitation({ token }: { token: string }) {
  const t = useTranslations('invite');
  const form = useActionForm(acceptInvitationAction, { extra: { token }, refresh: false });
  return (
    <form onSubmit={form.onSubmit} className="space-y-4">
      <FormStatus error={form.formError} />
      <Button type="submit" className="w-full" pending={form.isPending} pendingLabel={t('accepting')}>
        {t('accept')}
      </Button>
    </form>
  );
}
