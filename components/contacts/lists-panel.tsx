'use client';

import Link from 'next/link';
import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { TextField } from '@/components/ui/field';
import { FormStatus } from '@/components/ui/form-status';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow, TableRowHeader } from '@/components/ui/table';
import { useActionForm } from '@/components/ui/use-action-form';
import { createListAction, deleteListAction, renameListAction } from '@/lib/actions/contacts';

type ListRow = { id: string; name: string; members: number };

interface Props {
  workspaceId: string;
  slug: string;
  canEdit: boolean;
  lists: ListRow[];
}

export function ListsPanel({ workspaceId, slug, canEdit, lists }: Props) {
  const t = useTranslations('contacts.lists');
  const create = useActionForm(createListAction, { reset: true });
  return (
    <Card title={t('title')} description={t('description')}>
      {lists.length === 0 ? (
        <p className="text-sm text-zinc-500">{t('empty')}</p>
      ) : (
        <Table label={t('tableCaption')} layout="stack" flush data-testid="lists">
          <TableHeader>
            <TableRow>
              <TableHead>{t('name')}</TableHead>
              <TableHead align="right">{t('members')}</TableHead>
              {canEdit ? (
                <TableHead align="right" hideLabel>
                  {t('actions')}
                </TableHead>
              ) : null}
            </TableRow>
          </TableHeader>
          <TableBody>
            {lists.map((l) => (
              <ListRowView key={l.id} list={l} workspaceId={workspaceId} slug={slug} canEdit={canEdit} />
            ))}
          </TableBody>
        </Table>
      )}
      {canEdit ? (
        <form onSubmit={create.onSubmit} noValidate className="mt-5 flex flex-wrap items-start gap-3" aria-label={t('create')}>
          <input type="hidden" name="workspaceId" value={workspaceId} />
          <TextField className="min-w-[14rem] flex-1" label={t('newName')} name="name" required error={create.fieldErrors.name} />
          <Button type="submit" className="sm:mt-7" pending={create.isPending}>
            {t('create')}
          </Button>
          <div className="basis-full">
            <FormStatus error={create.fieldErrors.name ? null : create.formError} />
          </div>
        </form>
      ) : null}
    </Card>
  );
}

function ListRowView({ list, workspaceId, slug, canEdit }: { list: ListRow; workspaceId: string; slug: string; canEdit: boolean }) {
  const t = useTranslations('contacts.lists');
  const format = useFormatter();
  const [renaming, setRenaming] = useState(false);
  const rename = useActionForm(renameListAction, { onSuccess: () => setRenaming(false) });
  const remove = useActionForm(deleteListAction);
  return (
    <TableRow data-testid={`list-${list.name}`}>
      <TableRowHeader className="font-normal">
        {renaming ? (
          <form onSubmit={rename.onSubmit} noValidate className="flex flex-wrap items-start gap-2" aria-label={t('renameNamed', { name: list.name })}>
            <input type="hidden" name="workspaceId" value={workspaceId} />
            <input type="hidden" name="listId" value={list.id} />
            <TextField label={t('newNameFor', { name: list.name })} name="name" defaultValue={list.name} autoFocus error={rename.fieldErrors.name} />
            <Button type="submit" variant="secondary" className="mt-7" pending={rename.isPending}>
              {t('save')}
            </Button>
            <Button variant="ghost" className="mt-7" onClick={() => setRenaming(false)}>
              {t('cancel')}
            </Button>
          </form>
        ) : (
          <Link href={`/w/${slug}/contacts?listId=${list.id}`} className="font-medium text-brand-700 hover:underline">
            {list.name}
          </Link>
        )}
        <FormStatus error={rename.fieldErrors.name ? null : (rename.formError ?? remove.formError)} />
      </TableRowHeader>
      <TableCell label={t('members')} align="right">
        {format.number(list.members)}
      </TableCell>
      {canEdit ? (
        <TableCell align="right" className="whitespace-nowrap py-1.5">
          {renaming ? null : (
            <Button variant="ghost" className="min-h-8 px-2 py-1" onClick={() => setRenaming(true)} aria-label={t('renameNamed', { name: list.name })}>
              {t('rename')}
            </Button>
          )}
          <Button
            variant="ghost"
            className="min-h-8 px-2 py-1 text-red-700"
            pending={remove.isPending}
            aria-label={t('deleteNamed', { name: list.name })}
            onClick={() => {
              if (window.confirm(t('confirmDelete', { name: list.name }))) void remove.run({ workspaceId, listId: list.id });
            }}
          >
            {t('delete')}
          </Button>
        </TableCell>
      ) : null}
    </TableRow>
  );
}
