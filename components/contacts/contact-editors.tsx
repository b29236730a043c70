'use client';

import { X } from 'lucide-react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/field';
import { FormStatus } from '@/components/ui/form-status';
import { useActionForm } from '@/components/ui/use-action-form';
import { addListMembersAction, addTagsAction, removeListMembersAction, removeTagsAction, setContactStatusAction } from '@/lib/actions/contacts';
import { CONTACT_STATUSES, type ContactStatus } from '@/lib/db/schema/contacts/constants';

interface Base {
  workspaceId: string;
  contactId: string;
}

export function ContactStatusForm({ workspaceId, contactId, status }: Base & { status: ContactStatus }) {
  const t = useTranslations('contacts');
  const form = useActionForm(setContactStatusAction);
  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-3">
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <input type="hidden" name="contactId" value={contactId} />
      <SelectField
        label={t('detail.status')}
        name="status"
        defaultValue={status}
        hint={t('detail.statusHint')}
        options={CONTACT_STATUSES.map((s) => ({ value: s, label: t(`statuses.${s}`) }))}
        error={form.fieldErrors.status}
      />
      <Button type="submit" variant="secondary" pending={form.isPending} pendingLabel={t('detail.saving')}>
        {t('detail.changeStatus')}
      </Button>
      <FormStatus error={form.formError} success={form.succeeded ? t('detail.statusChanged') : null} />
    </form>
  );
}

export function ContactTags({ workspaceId, contactId, tags, canEdit }: Base & { tags: string[]; canEdit: boolean }) {
  const t = useTranslations('contacts.detail');
  const [value, setValue] = useState('');
  const add = useActionForm(addTagsAction, { onSuccess: () => setValue('') });
  const remove = useActionForm(removeTagsAction);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void add.run({ workspaceId, contactIds: [contactId], tags: [value] });
  };
  return (
    <div className="space-y-4">
      {tags.length === 0 ? (
        <p className="text-sm text-zinc-500">{t('noTags')}</p>
      ) : (
        <ul className="flex flex-wrap gap-2" aria-label={t('tagsTitle')}>
          {tags.map((tag) => (
            <li key={tag} className="inline-flex items-center gap-1 rounded-md bg-brand-50 py-0.5 pl-2 pr-1 text-sm font-medium text-brand-800">
              {tag}
              {canEdit ? (
                <button
                  type="button"
                  aria-label={t('removeTag', { tag })}
                  disabled={remove.isPending}
                  onClick={() => void remove.run({ workspaceId, contactIds: [contactId], tags: [tag] })}
                  className="rounded p-0.5 text-brand-700 hover:bg-brand-100"
                >
                  <X aria-hidden className="size-3.5" />
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {canEdit ? (
        <form onSubmit={submit} noValidate className="flex items-start gap-2">
          <TextField
            className="flex-1"
            label={t('addTag')}
            value={value}
            onChange={(e) => setValue(e.target.value)}
            hint={t('tagHint')}
            error={add.fieldErrors['tags.0'] ?? add.fieldErrors.tags}
          />
          <Button type="submit" variant="secondary" className="mt-6" pending={add.isPending}>
            {t('add')}
          </Button>
        </form>
      ) : null}
      <FormStatus error={add.formError && !add.fieldErrors['tags.0'] ? add.formError : remove.formError} />
    </div>
  );
}

interface ListsProps extends Base {
  slug: string;
  onLists: { id: string; name: string }[];
  allLists: { id: string; name: string }[];
  canEdit: boolean;
}

export function ContactLists({ workspaceId, contactId, slug, onLists, allLists, canEdit }: ListsProps) {
  const t = useTranslations('contacts.detail');
  const add = useActionForm(addListMembersAction);
  const remove = useActionForm(removeListMembersAction);
  const available = allLists.filter((l) => !onLists.some((o) => o.id === l.id));
  const [listId, setListId] = useState('');
  const chosen = available.some((l) => l.id === listId) ? listId : (available[0]?.id ?? '');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (chosen) void add.run({ workspaceId, listId: chosen, contactIds: [contactId] });
  };
  return (
    <div className="space-y-4">
      {onLists.length === 0 ? (
        <p className="text-sm text-zinc-500">{t('noLists')}</p>
      ) : (
        <ul className="divide-y divide-zinc-100 text-sm" aria-label={t('listsTitle')}>
          {onLists.map((l) => (
            <li key={l.id} className="flex items-center justify-between gap-2 py-2">
              <Link href={`/w/${slug}/contacts?listId=${l.id}`} className="font-medium text-brand-700 hover:underline">
                {l.name}
              </Link>
              {canEdit ? (
                <Button
                  variant="ghost"
                  className="min-h-8 px-2 py-1 text-red-700"
                  pending={remove.isPending}
                  onClick={() => void remove.run({ workspaceId, listId: l.id, contactIds: [contactId] })}
                  aria-label={t('removeFromList', { list: l.name })}
                >
                  {t('remove')}
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {canEdit && available.length > 0 ? (
        <form onSubmit={submit} className="flex items-end gap-2">
          <SelectField
            className="flex-1"
            label={t('addToList')}
            value={chosen}
            onChange={(e) => setListId(e.target.value)}
            options={available.map((l) => ({ value: l.id, label: l.name }))}
          />
          <Button type="submit" variant="secondary" pending={add.isPending}>
            {t('add')}
          </Button>
        </form>
      ) : null}
      {canEdit && allLists.length === 0 ? (
        <Link href={`/w/${slug}/contacts/segments`} className="text-sm font-medium text-brand-700 hover:underline">
          {t('createListFirst')}
        </Link>
      ) : null}
      <FormStatus error={add.formError ?? remove.formError} />
    </div>
  );
}
