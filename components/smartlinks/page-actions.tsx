'use client';

import { Trash2 } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmButton } from '@/components/ui/confirm-dialog';
import { FormStatus } from '@/components/ui/form-status';
import { TextField } from '@/components/ui/field';
import { useActionForm } from '@/components/ui/use-action-form';
import { checkSmartlinkSlugAction, deleteSmartlinkAction, publishSmartlinkAction, setSmartlinkSlugAction } from '@/lib/actions/smartlinks';
import type { SmartlinkStatus } from '@/lib/db/schema/smartlinks/constants';

/** Publish / unpublish (asks first), and delete (asks first: irreversible). Members and up. */
export function SmartlinkStatusActions({ workspaceId, slug, pageId, title, status, publicUrl }: { workspaceId: string; slug: string; pageId: string; title: string; status: SmartlinkStatus; publicUrl: string }) {
  const t = useTranslations('smartlinks.builder');
  const publish = useActionForm(publishSmartlinkAction);
  const del = useActionForm(deleteSmartlinkAction, { refresh: false });
  const ref = { workspaceId, pageId };
  const which = status === 'published' ? 'unpublish' : 'publish';
  return (
    <div className="flex flex-wrap items-center gap-2">
      <ConfirmButton
        variant={status === 'published' ? 'secondary' : 'primary'}
        label={t(`${which}.button`)}
        title={t(`${which}.title`)}
        body={t(`${which}.body`, { url: publicUrl })}
        confirmLabel={t(`${which}.confirm`)}
        pendingLabel={t(`${which}.pending`)}
        error={publish.formError}
        data-testid={`smartlink-${which}`}
        onConfirm={async () => {
          const r = await publish.run({ ...ref, publish: status !== 'published' });
          return Boolean(r && !r.serverError && !r.validationErrors);
        }}
      />
      <ConfirmButton
        variant="secondary"
        label={
          <>
            <Trash2 aria-hidden className="size-4" />
            {t('delete.button')}
          </>
        }
        title={t('delete.title', { title })}
        body={t('delete.body')}
        confirmLabel={t('delete.confirm')}
        pendingLabel={t('delete.pending')}
        error={del.formError}
        data-testid="smartlink-delete"
        onConfirm={async () => {
          const r = await del.run({ ...ref, slug });
          return Boolean(r && !r.serverError && !r.validationErrors);
        }}
      />
    </div>
  );
}

/** The page's public address: availability check (global) and change. */
export function SmartlinkSlugForm({ workspaceId, pageId, slug, base, canEdit }: { workspaceId: string; pageId: string; slug: string; base: string; canEdit: boolean }) {
  const t = useTranslations('smartlinks.builder');
  const [value, setValue] = useState(slug);
  const [check, setCheck] = useState<'available' | 'taken' | 'invalid' | null>(null);
  const checker = useActionForm(checkSmartlinkSlugAction, { refresh: false, onSuccess: (d) => setCheck((d as { status: 'available' | 'taken' | 'invalid' }).status) });
  const change = useActionForm(setSmartlinkSlugAction);
  const message = change.succeeded ? t('slugSaved') : check === 'available' ? t('slugAvailable') : check === 'taken' ? t('slugTaken') : check === 'invalid' ? t('slugInvalid') : '';
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        void change.run({ workspaceId, pageId, slug: value });
      }}
    >
      <TextField
        label={t('slug')}
        hint={`${t('slugHint')} ${base}/l/${value || '…'}`}
        name="slug"
        value={value}
        onChange={(e) => {
          setValue(e.target.value);
          setCheck(null);
          change.reset();
        }}
        maxLength={48}
        disabled={!canEdit}
        error={change.fieldErrors.slug}
        data-testid="smartlink-slug"
      />
      <p role="status" aria-live="polite" className={`text-sm ${check === 'available' || change.succeeded ? 'text-green-700' : 'text-red-700'}`} data-testid="slug-status">
        {message}
      </p>
      {canEdit ? (
        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" pending={checker.isPending} pendingLabel={t('checking')} onClick={() => void checker.run({ workspaceId, pageId, slug: value })} data-testid="slug-check">
            {t('checkSlug')}
          </Button>
          <Button type="submit" variant="secondary" pending={change.isPending} pendingLabel={t('savingSlug')} disabled={value === slug} data-testid="slug-save">
            {t('saveSlug')}
          </Button>
        </div>
      ) : null}
      <FormStatus error={change.formError ?? checker.formError} />
    </form>
  );
}
