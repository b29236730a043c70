'use client';

import { Plus, X } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/field';
import { FormStatus } from '@/components/ui/form-status';
import { useActionForm } from '@/components/ui/use-action-form';
import { createContactAction, updateContactAction } from '@/lib/actions/contacts';
import { CONTACT_STATUSES } from '@/lib/db/schema/contacts/constants';

interface Props {
  workspaceId: string;
  slug: string;
  /** Absent: a new contact. Status and tags have their own editors on the contact page. */
  contact?: { id: string; email: string; firstName: string | null; lastName: string | null; attributes: Record<string, string> };
}

type Row = { id: number; key: string; value: string };
let nextRow = 0;
const rowsOf = (attributes: Record<string, string>): Row[] => Object.entries(attributes).map(([key, value]) => ({ id: nextRow++, key, value }));

/** Add one contact by hand, or edit one: email, names and attributes (the whole set is saved). */
export function ContactForm({ workspaceId, slug, contact }: Props) {
  const t = useTranslations('contacts.form');
  const tc = useTranslations('contacts');
  const router = useRouter();
  const [rows, setRows] = useState<Row[]>(() => rowsOf(contact?.attributes ?? {}));
  const form = useActionForm(contact ? updateContactAction : createContactAction, {
    onSuccess: (data) => {
      if (!contact) router.push(`/w/${slug}/contacts/${(data as { id: string }).id}`);
    },
  });
  const e = form.fieldErrors;
  // One tag's problem arrives as "tags.1"; the form has one tags field.
  const tagsError = e.tags ?? Object.entries(e).find(([k]) => k.startsWith('tags.'))?.[1];
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const fd = new FormData(event.currentTarget);
    const text = (name: string) => String(fd.get(name) ?? '');
    const attributes = Object.fromEntries(rows.filter((r) => r.key.trim() !== '').map((r) => [r.key.trim(), r.value]));
    const input: Record<string, unknown> = { workspaceId, email: text('email'), firstName: text('firstName'), lastName: text('lastName'), attributes };
    if (contact) input.contactId = contact.id;
    else Object.assign(input, { status: text('status'), tags: text('tags') });
    void form.run(input);
  };
  const setRow = (id: number, patch: Partial<Row>) => setRows((rs) => rs.map((r) => (r.id === id ? { ...r, ...patch } : r)));
  // "attributes.city" → "city: …"; the record-wide rules (how many) come as "attributes".
  const attributeErrors = Object.entries(e).filter(([k]) => k === 'attributes' || k.startsWith('attributes.'));
  return (
    <form onSubmit={submit} noValidate className="space-y-5" aria-label={contact ? t('editTitle') : t('newTitle')}>
      <TextField label={t('email')} name="email" type="email" autoComplete="off" required defaultValue={contact?.email} error={e.email} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label={t('firstName')} name="firstName" defaultValue={contact?.firstName ?? ''} optional={t('optional')} error={e.firstName} />
        <TextField label={t('lastName')} name="lastName" defaultValue={contact?.lastName ?? ''} optional={t('optional')} error={e.lastName} />
      </div>
      {contact ? null : (
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField
            label={t('status')}
            name="status"
            defaultValue="subscribed"
            hint={t('statusHint')}
            options={CONTACT_STATUSES.map((s) => ({ value: s, label: tc(`statuses.${s}`) }))}
            error={e.status}
          />
          <TextField label={t('tags')} name="tags" hint={t('tagsHint')} optional={t('optional')} error={tagsError} />
        </div>
      )}
      <fieldset className="space-y-3">
        <legend className="text-sm font-medium text-zinc-800">{t('attributes')}</legend>
        <p className="text-xs text-zinc-500">{t('attributesHint')}</p>
        {rows.map((r, i) => (
          <div key={r.id} className="grid grid-cols-[1fr_1fr_auto] items-start gap-2">
            <TextField label={t('attributeKey', { n: i + 1 })} value={r.key} onChange={(ev) => setRow(r.id, { key: ev.target.value })} />
            <TextField label={t('attributeValue', { n: i + 1 })} value={r.value} onChange={(ev) => setRow(r.id, { value: ev.target.value })} />
            <Button variant="ghost" className="mt-6 px-2" aria-label={t('removeAttribute', { n: i + 1 })} onClick={() => setRows((rs) => rs.filter((x) => x.id !== r.id))}>
              <X aria-hidden className="size-4" />
            </Button>
          </div>
        ))}
        {attributeErrors.map(([k, v]) => (
          <p key={k} className="text-sm text-red-700">
            {k === 'attributes' ? v : `${k.slice('attributes.'.length)}: ${v}`}
          </p>
        ))}
        <Button variant="secondary" onClick={() => setRows((rs) => [...rs, { id: nextRow++, key: '', value: '' }])}>
          <Plus aria-hidden className="size-4" />
          {t('addAttribute')}
        </Button>
      </fieldset>
      <FormStatus error={form.formError} success={form.succeeded && contact ? t('saved') : null} />
      <div className="flex flex-wrap gap-3">
        <Button type="submit" pending={form.isPending} pendingLabel={t('saving')}>
          {contact ? t('save') : t('create')}
        </Button>
        <Button variant="ghost" onClick={() => router.push(contact ? `/w/${slug}/contacts/${contact.id}` : `/w/${slug}/contacts`)}>
          {t('cancel')}
        </Button>
      </div>
    </form>
  );
}
