'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useAction } from 'next-safe-action/hooks';
import { useCallback, useState, type FormEvent } from 'react';
import type { ActionServerError } from '@/lib/errors';
import { flattenValidationErrors, formDataToObject } from './form-data';
import { translateMessage } from '@/lib/i18n/message-key';

// Any next-safe-action action; the form builds its input from FormData, so the input type is open.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyAction = (input: any) => Promise<any>;
type ActionResult = { data?: unknown; serverError?: unknown; validationErrors?: unknown };

/**
 * The one client-side parser of the action error contract: field errors under their names,
 * expected server errors as translated text, anything else as the generic message + request id.
 */
export function useActionForm(
  action: AnyAction,
  options: { extra?: Record<string, unknown>; onSuccess?: (data: unknown) => void; refresh?: boolean; reset?: boolean } = {},
) {
  const t = useTranslations();
  const router = useRouter();
  const { executeAsync, isPending } = useAction(action as never) as unknown as {
    executeAsync: (input: unknown) => Promise<ActionResult | undefined>;
    isPending: boolean;
  };
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [succeeded, setSucceeded] = useState(false);

  const translate = useCallback(
    (key: string, params?: Record<string, string | number>) => translateMessage(t, key, params),
    [t],
  );

  /** Forget the last outcome: errors and success message (another form on the page succeeded). */
  const reset = useCallback(() => {
    setSucceeded(false);
    setFormError(null);
    setFieldErrors({});
  }, []);

  const run = useCallback(
    async (input: Record<string, unknown>) => {
      reset();
      const result = await executeAsync({ ...input, ...options.extra });
      if (!result) return undefined;
      if (result.validationErrors) {
        const flat = flattenValidationErrors(result.validationErrors);
        setFieldErrors(Object.fromEntries(Object.entries(flat).map(([k, v]) => [k, translate(v)])));
        setFormError(flat._form ? translate(flat._form) : t('errors.validation'));
        return result;
      }
      if (result.serverError) {
        const e = result.serverError as ActionServerError;
        setFormError(
          e.code === 'INTERNAL'
            ? t('errors.internal', { requestId: e.requestId ?? '-' })
            : translate(`errors.${e.messageKey}`, e.params),
        );
        return result;
      }
      setSucceeded(true);
      options.onSuccess?.(result.data);
      if (options.refresh !== false) router.refresh();
      return result;
    },
    [executeAsync, options, reset, router, t, translate],
  );

  const onSubmit = useCallback(
    async (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      const form = event.currentTarget;
      const result = await run(formDataToObject(new FormData(form)));
      if (result && !result.serverError && !result.validationErrors && options.reset) form.reset();
    },
    [run, options.reset],
  );

  return { onSubmit, run, reset, isPending, fieldErrors, formError, succeeded };
}
