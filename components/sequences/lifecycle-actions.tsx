'use client';

import { Pause, Play, Square, Trash2 } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { activateSequenceAction, deleteSequenceAction, pauseSequenceAction, resumeSequenceAction, stopSequenceAction } from '@/app/(app)/w/[slug]/sequences/actions';
import { ConfirmButton } from '@/components/ui/confirm-dialog';
import { useActionForm } from '@/components/ui/use-action-form';
import type { EntryMode, SequenceStatus } from '@/lib/db/schema/sequences/constants';

const ok = (r: { serverError?: unknown; validationErrors?: unknown } | undefined) => Boolean(r && !r.serverError && !r.validationErrors);

/**
 * Activate / pause / resume / stop (and delete a draft). Each asks first and says exactly what
 * happens to the contacts: who enters, who keeps their place, who leaves.
 */
export function LifecycleActions({
  workspaceId,
  slug,
  sequenceId,
  name,
  status,
  entryMode,
  controlPct,
  audienceCount,
  inProgress,
}: {
  workspaceId: string;
  slug: string;
  sequenceId: string;
  name: string;
  status: SequenceStatus;
  entryMode: EntryMode;
  controlPct: number;
  /** Contacts the audience selects now (who would enter on activation). */
  audienceCount: number;
  /** Active enrolments. */
  inProgress: number;
}) {
  const t = useTranslations('sequences.lifecycle');
  const activate = useActionForm(activateSequenceAction);
  const pause = useActionForm(pauseSequenceAction);
  const resume = useActionForm(resumeSequenceAction);
  const stop = useActionForm(stopSequenceAction);
  const del = useActionForm(deleteSequenceAction, { refresh: false });
  const ref = { workspaceId, sequenceId };
  const icon = 'size-4';
  return (
    <div className="flex flex-wrap items-center gap-2">
      {status === 'draft' ? (
        <>
          <ConfirmButton
            variant="primary"
            label={
              <>
                <Play aria-hidden className={icon} />
                {t('activate')}
              </>
            }
            title={t('activateTitle', { name })}
            body={t(entryMode === 'once' ? 'activateBodyOnce' : 'activateBodyContinuous', { count: audienceCount, pct: controlPct })}
            confirmLabel={t('activateConfirm')}
            pendingLabel={t('activating')}
            error={activate.formError}
            data-testid="sequence-activate"
            onConfirm={async () => ok(await activate.run(ref))}
          />
          <ConfirmButton
            variant="secondary"
            label={
              <>
                <Trash2 aria-hidden className={icon} />
                {t('delete')}
              </>
            }
            title={t('deleteTitle', { name })}
            body={t('deleteBody')}
            confirmLabel={t('deleteConfirm')}
            pendingLabel={t('deleting')}
            error={del.formError}
            data-testid="sequence-delete"
            onConfirm={async () => ok(await del.run({ ...ref, slug }))}
          />
        </>
      ) : null}
      {status === 'active' ? (
        <ConfirmButton
          variant="secondary"
          label={
            <>
              <Pause aria-hidden className={icon} />
              {t('pause')}
            </>
          }
          title={t('pauseTitle', { name })}
          body={t('pauseBody', { count: inProgress })}
          confirmLabel={t('pauseConfirm')}
          pendingLabel={t('pausing')}
          error={pause.formError}
          data-testid="sequence-pause"
          onConfirm={async () => ok(await pause.run(ref))}
        />
      ) : null}
      {status === 'paused' ? (
        <ConfirmButton
          variant="primary"
          label={
            <>
              <Play aria-hidden className={icon} />
              {t('resume')}
            </>
          }
          title={t('resumeTitle', { name })}
          body={t('resumeBody')}
          confirmLabel={t('resumeConfirm')}
          pendingLabel={t('resuming')}
          error={resume.formError}
          data-testid="sequence-resume"
          onConfirm={async () => ok(await resume.run(ref))}
        />
      ) : null}
      {status === 'active' || status === 'paused' ? (
        <ConfirmButton
          variant="secondary"
          label={
            <>
              <Square aria-hidden className={icon} />
              {t('stop')}
            </>
          }
          title={t('stopTitle', { name })}
          body={t('stopBody', { count: inProgress })}
          confirmLabel={t('stopConfirm')}
          pendingLabel={t('stopping')}
          error={stop.formError}
          data-testid="sequence-stop"
          onConfirm={async () => ok(await stop.run(ref))}
        />
      ) : null}
    </div>
  );
}
