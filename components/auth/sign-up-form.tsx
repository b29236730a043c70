'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { FormStatus } from '@/components/ui/form-status';
import { useActionForm } from '@/components/ui/use-action-form';
import { signUpAction } from '@/lib/actions/auth';

export function SignUpForm({ invite }: { invite?: { token: string; email: string } }) {
  const t = useTranslations('auth');
  const form = useActionForm(signUpAction, { refresh: false });
  return (
    <div className="space-y-6">
      <form onSubmit={form.onSubmit} noValidate className="space-y-4">
        {invite ? <input type="hidden" name="inviteToken" value={invite.token} /> : null}
        <TextField label={t('name')} name="name" autoComplete="name" required error={form.fieldErrors.name} />
        <TextField
          label={t('email')}
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={invite?.email}
          readOnly={Boolean(invite)}
          error={form.fieldErrors.email}
        />
        <TextField
          label={t('password')}
          name="password"
          type="password"
          autoComplete="new-password"
          required
          hint={t('passwordHint')}
          error={form.fieldErrors.password}
        />
        {invite ? null : (
          <TextField
            label={t('workspaceName')}
            name="workspaceName"
            required
            hint={t('workspaceNameHint')}
            error={form.fieldErrors.workspaceName}
          />
        )}
        <FormStatus error={form.formError} />
        <Button type="submit" className="w-full" pending={form.isPending} pendingLabel={t('signingUp')}>
          {t('signUp')}
        </Button>
      </form>
      <p className="text-center text-sm text-zinc-600">
        {t('haveAccount')}{' '}
        <Link
          className="font-semibold text-brand-700 hover:underline"
          href={invite ? `/sign-in?callbackUrl=${encodeURIComponent(`/invite/${invite.token}`)}` : '/sign-in'}
        >
          {t('signInInstead')}
        </Link>
      </p>
    </div>
  );
}
