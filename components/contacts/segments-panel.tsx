'use client';

import Link from 'next/link';
import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { FormStatus } from '@/components/ui/form-status';
import { useActionForm } from '@/components/ui/use-action-form';
import { deleteSegmentAction } from '@/lib/actions/contacts';
import type { SegmentRules } from '@/lib/segments/rules';
import { SegmentBuilder } from './segment-builder';
import { useSegmentSummary } from './segment-summary';
import { fromRules, newRule, type DraftRules } from './segment-draft';

interface Props {
  workspaceId: string;
  slug: string;
  canEdit: boolean;
  /** `count`: contacts the segment selects right now; null when it could not be counted. */
  segments: { id: string; name: string; rules: SegmentRules; count: number | null }[];
  lists: { id: string; name: string }[];
}

export function SegmentsPanel({ workspaceId, slug, canEdit, segments, lists }: Props) {
  const t = useTranslations('contacts.segments');
  const [editing, setEditing] = useState<{ id: string | null; name: string; rules: DraftRules } | null>(null);
  const remove = useActionForm(deleteSegmentAction);
  const summary = useSegmentSummary(lists);
  const tc = useTranslations('contacts.segments.summary');
  const format = useFormatter();
  return (
    <>
      <Card
        title={t('title')}
        description={t('description')}
        footer={
          canEdit && !editing ? (
            <Button variant="secondary" onClick={() => setEditing({ id: null, name: '', rules: { match: 'all', rules: [newRule('lastActivity', lists)] } })}>
              {t('new')}
            </Button>
          ) : null
        }
      >
        {segments.length === 0 ? (
          <p className="text-sm text-zinc-500">{t('empty')}</p>
        ) : (
          <ul className="divide-y divide-zinc-100" data-testid="segments">
            {segments.map((s) => (
              <li key={s.id} className="flex flex-wrap items-start justify-between gap-2 py-3 text-sm" data-testid={`segment-${s.name}`}>
                <div className="min-w-0 flex-1 basis-64">
                  <p className="flex flex-wrap items-baseline gap-x-3">
                    <Link href={`/w/${slug}/contacts?segmentId=${s.id}`} className="font-medium text-brand-700 hover:underline">
                      {s.name}
                    </Link>
                    <span className="text-zinc-700 tabular-nums" data-testid="segment-count">
                      {s.count === null ? tc('countUnknown') : tc('count', { count: s.count, formatted: format.number(s.count) })}
                    </span>
                  </p>
                  <p className="mt-0.5 text-zinc-500" data-testid="segment-rule">
                    {summary(s.rules)}
                  </p>
                </div>
                {canEdit ? (
                  <span className="flex gap-1">
                    <Button variant="ghost" className="min-h-8 px-2 py-1" onClick={() => setEditing({ id: s.id, name: s.name, rules: fromRules(s.rules) })} aria-label={t('editNamed', { name: s.name })}>
                      {t('edit')}
                    </Button>
                    <Button
                      variant="ghost"
                      className="min-h-8 px-2 py-1 text-red-700"
                      pending={remove.isPending}
                      aria-label={t('deleteNamed', { name: s.name })}
                      onClick={() => {
                        if (window.confirm(t('confirmDelete', { name: s.name }))) void remove.run({ workspaceId, segmentId: s.id });
                      }}
                    >
                      {t('delete')}
                    </Button>
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        <FormStatus error={remove.formError} />
      </Card>
      {editing ? (
        <SegmentBuilder key={editing.id ?? 'new'} workspaceId={workspaceId} lists={lists} segment={editing} onDone={() => setEditing(null)} />
      ) : null}
    </>
  );
}
