'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useId, useRef } from 'react';
import { Button } from '@/components/ui/button';

/**
 * "Send now" asks first, with the audience count. A native modal <dialog>: focus moves in and is
 * trapped, Escape and Cancel close it, and nothing has changed until "Send" is pressed.
 */
export function SendNowDialog({ count, pending, onConfirm, onClose }: { count: number | null; pending: boolean; onConfirm: () => void; onClose: () => void }) {
  const t = useTranslations('campaigns.editor');
  const tc = useTranslations('common');
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const open = count !== null;
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      onClose={onClose}
      className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-xl bg-white p-6 shadow-xl ring-1 ring-zinc-200 backdrop:bg-zinc-900/40"
    >
      <h2 id={`${id}-title`} className="text-base font-semibold text-zinc-900">
        {t('confirmSendTitle')}
      </h2>
      <p id={`${id}-body`} className="mt-2 text-sm text-zinc-700">
        {count ? t('confirmSendNow', { count }) : t('confirmSendNobody')}
      </p>
      <div className="mt-6 flex flex-wrap justify-end gap-3">
        <Button variant="secondary" autoFocus onClick={onClose}>
          {tc('cancel')}
        </Button>
        {count ? (
          <Button pending={pending} pendingLabel={t('scheduling')} onClick={onConfirm}>
            {t('confirmSendButton', { count })}
          </Button>
        ) : null}
      </div>
    </dialog>
  );
}
