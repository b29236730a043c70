'use client';

import { useTranslations } from 'next-intl';
import { useId, useRef, useState, type ReactNode } from 'react';
import { Alert } from './alert';
import { Button, type ButtonVariant } from './button';

interface Props {
  /** The button that opens the dialog. */
  label: ReactNode;
  title: string;
  body: ReactNode;
  confirmLabel: string;
  pendingLabel?: string;
  /** Runs on confirm; the dialog closes when it resolves to true, else it stays open (showing `error`). */
  onConfirm: () => Promise<boolean>;
  error?: string | null;
  variant?: ButtonVariant;
  disabled?: boolean;
  className?: string;
  'data-testid'?: string;
}

/**
 * A button that asks first. A native modal <dialog>: focus moves in and is trapped, Escape and
 * "Cancel" close it (Cancel has focus, so Enter never destroys by accident), nothing happens until confirm.
 */
export function ConfirmButton({ label, title, body, confirmLabel, pendingLabel, onConfirm, error, variant = 'danger', disabled, className, ...rest }: Props) {
  const t = useTranslations('common');
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [pending, setPending] = useState(false);
  const confirm = async () => {
    setPending(true);
    try {
      if (await onConfirm()) ref.current?.close();
    } finally {
      setPending(false);
    }
  };
  return (
    <>
      <Button variant={variant} disabled={disabled} className={className} onClick={() => ref.current?.showModal()} data-testid={rest['data-testid']}>
        {label}
      </Button>
      <dialog
        ref={ref}
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-body`}
        className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-xl bg-white p-6 shadow-xl ring-1 ring-zinc-200 backdrop:bg-zinc-900/40"
      >
        <h2 id={`${id}-title`} className="text-base font-semibold text-zinc-900">
          {title}
        </h2>
        <div id={`${id}-body`} className="mt-2 text-sm text-zinc-700">
          {body}
        </div>
        {error ? (
          <Alert tone="error" className="mt-4">
            {error}
          </Alert>
        ) : null}
        <div className="mt-6 flex flex-wrap justify-end gap-3">
          <Button variant="secondary" autoFocus onClick={() => ref.current?.close()}>
            {t('cancel')}
          </Button>
          <Button variant="danger" pending={pending} pendingLabel={pendingLabel} onClick={confirm}>
            {confirmLabel}
          </Button>
        </div>
      </dialog>
    </>
  );
}
