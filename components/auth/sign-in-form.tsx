'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useRef } from 'react';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { FormStatus } from '@/components/ui/form-status';
import { useActionForm } from '@/components/ui/use-action-form';
import { signInAction } from '@/lib/actions/auth';

export function SignInForm({ callbackUrl, demo, defaultEmail }: { callbackUrl: string; demo?: { email: string; password: string }; defaultEmail?: string }) {
  const t = useTranslations('auth');
  const form = useActionForm(signInAction, { refresh: false });
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  return (
    <div className="space-y-6">
      {demo ? (
        <div className="rounded-xl bg-brand-50 p-4 text-sm text-brand-800 ring-1 ring-brand-100" data-testid="demo-login">
          <p className="font-semibold">{t('demoTitle')}</p>
          <p className="mt-1">{t('demoText')}</p>
          <p className="mt-2 font-mono">
            {demo.email} / {demo.password}
          </p>
          <Button
            variant="secondary"
            className="mt-3"
            onClick={() => {
              if (emailRef.current) emailRef.current.value = demo.email;
              if (passwordRef.current) passwordRef.current.value = demo.password;
              passwordRef.current?.form?.requestSubmit();
            }}
          >
            {t('useDemo')}
          </Button>
        </div>
      ) : null}
      <form onSubmit={form.onSubmit} noValidate className="space-y-4">
        <input type="hidden" name="callbackUrl" value={callbackUrl} />
        <TextField
          ref={emailRef}
          label={t('email')}
          name="email"
          type="email"
          autoComplete="email"
          defaultValue={defaultEmail}
          required
          error={form.fieldErrors.email}
        />
        <TextField
          ref={passwordRef}
          label={t('password')}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          error={form.fieldErrors.password}
        />
        <FormStatus error={form.formError} />
        <Button type="submit" className="w-full" pending={form.isPending} pendingLabel={t('signingIn')}>
          {t('signIn')}
        </Button>
      </form>
      <p className="text-center text-sm text-zinc-600">
        {t('noAccount')}{' '}
        <Link className="font-semibold text-brand-700 hover:underline" href="/sign-up">
          {t('createOne')}
        </Link>
      </p>
    </div>
  );
}
