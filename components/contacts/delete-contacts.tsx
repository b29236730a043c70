'use client';

import { Trash2 } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { ConfirmButton } from '@/components/ui/confirm-dialog';
import { useActionForm } from '@/components/ui/use-action-form';
import { deleteContactAction, deleteContactsAction } from '@/lib/actions/contacts';

/** The contact page's "Delete": asks, deletes, and goes back to the list. */
export function DeleteContactButton({ workspaceId, slug, contactId, email }: { workspaceId: string; slug: string; contactId: string; email: string }) {
  const t = useTranslations('contacts.delete');
  const router = useRouter();
  const del = useActionForm(deleteContactAction, { refresh: false });
  return (
    <ConfirmButton
      label={
        <>
          <Trash2 aria-hidden className="size-4" />
          {t('one')}
        </>
      }
      title={t('oneTitle')}
      body={t('oneBody', { email })}
      confirmLabel={t('oneConfirm')}
      pendingLabel={t('deleting')}
      error={del.formError}
      data-testid="delete-contact"
      onConfirm={async () => {
        const r = await del.run({ workspaceId, contactId });
        if (!r || r.serverError || r.validationErrors) return false;
        router.push(`/w/${slug}/contacts`);
        router.refresh();
        return true;
      }}
    />
  );
}

/** The form the list's row checkboxes belong to (they name it with their `form` attribute). */
export const BULK_FORM_ID = 'contacts-bulk';

function selectedIds(): string[] {
  return [...document.querySelectorAll<HTMLInputElement>(`input[form="${BULK_FORM_ID}"][name="contactIds"]:checked`)].map((i) => i.value);
}

/** "Delete selected" above the contacts table, counting the rows ticked on this page. */
export function BulkDeleteBar({ workspaceId }: { workspaceId: string }) {
  const t = useTranslations('contacts.delete');
  const [count, setCount] = useState(0);
  const del = useActionForm(deleteContactsAction);
  useEffect(() => {
    const update = () => setCount(selectedIds().length);
    update();
    document.addEventListener('change', update);
    return () => document.removeEventListener('change', update);
  }, []);
  return (
    <form id={BULK_FORM_ID} onSubmit={(e) => e.preventDefault()} className="mb-4 flex flex-wrap items-center gap-3">
      <p className="text-sm text-zinc-700" aria-live="polite" data-testid="selected-count">
        {t('selected', { count })}
      </p>
      <ConfirmButton
        variant="secondary"
        disabled={count === 0}
        label={
          <>
            <Trash2 aria-hidden className="size-4" />
            {t('many', { count })}
          </>
        }
        title={t('manyTitle', { count })}
        body={t('manyBody', { count })}
        confirmLabel={t('manyConfirm', { count })}
        pendingLabel={t('deleting')}
        error={del.formError}
        data-testid="bulk-delete"
        onConfirm={async () => {
          const r = await del.run({ workspaceId, contactIds: selectedIds() });
          const ok = Boolean(r && !r.serverError && !r.validationErrors);
          if (ok) setCount(0);
          return ok;
        }}
      />
    </form>
  );
}

/** Ticks or clears every row checkbox of the page. */
export function SelectAllContacts({ label }: { label: string }) {
  const [checked, setChecked] = useState(false);
  useEffect(() => {
    const sync = () => {
      const boxes = document.querySelectorAll<HTMLInputElement>(`input[form="${BULK_FORM_ID}"][name="contactIds"]`);
      setChecked(boxes.length > 0 && [...boxes].every((b) => b.checked));
    };
    document.addEventListener('change', sync);
    return () => document.removeEventListener('change', sync);
  }, []);
  return (
    <input
      type="checkbox"
      aria-label={label}
      checked={checked}
      className="size-4 rounded border-zinc-300"
      onChange={(e) => {
        for (const box of document.querySelectorAll<HTMLInputElement>(`input[form="${BULK_FORM_ID}"][name="contactIds"]`)) box.checked = e.target.checked;
        setChecked(e.target.checked);
        document.dispatchEvent(new Event('change'));
      }}
    />
  );
}
