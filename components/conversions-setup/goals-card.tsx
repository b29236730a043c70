'use client';

import { Target } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useFormatter, useTranslations } from 'next-intl';
import { useAction } from 'next-safe-action/hooks';
import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ConfirmButton } from '@/components/ui/confirm-dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow, TableRowHeader } from '@/components/ui/table';
import { archiveGoalAction } from '@/lib/actions/conversions';
import { translateMessage } from '@/lib/i18n/message-key';
import type { ActionServerError } from '@/lib/errors';
import { GoalForm, type GoalView } from './goal-form';

export function GoalsCard({ workspaceId, canEdit, goals }: { workspaceId: string; canEdit: boolean; goals: GoalView[] }) {
  const t = useTranslations('conversionsSetup.goals');
  const all = useTranslations();
  const format = useFormatter();
  const router = useRouter();
  const [editing, setEditing] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [archiveError, setArchiveError] = useState<string | null>(null);
  const { executeAsync } = useAction(archiveGoalAction);

  const setArchived = async (goal: GoalView, archived: boolean) => {
    const result = await executeAsync({ workspaceId, goalId: goal.id, archived });
    const e = result?.serverError as ActionServerError | undefined;
    if (e) {
      setArchiveError(e.code === 'INTERNAL' ? all('errors.internal', { requestId: e.requestId ?? '-' }) : translateMessage(all, `errors.${e.messageKey}`, e.params));
      return false;
    }
    setArchiveError(null);
    router.refresh();
    return true;
  };

  const value = (g: GoalView) =>
    g.defaultValueCents == null ? t('noValue') : format.number(g.defaultValueCents / 100, { style: 'currency', currency: g.currency });

  return (
    <Card title={t('title')} description={t('description')}>
      {goals.length === 0 && !adding ? (
        <EmptyState icon={Target} title={t('emptyTitle')} body={t('emptyBody')}>
          {canEdit ? <Button onClick={() => setAdding(true)}>{t('add')}</Button> : null}
        </EmptyState>
      ) : null}
      {goals.length > 0 ? (
        <Table label={t('title')} layout="stack" flush>
          <TableHeader>
            <TableHead>{t('name')}</TableHead>
            <TableHead>{t('key')}</TableHead>
            <TableHead>{t('kind')}</TableHead>
            <TableHead>{t('value')}</TableHead>
            <TableHead>{t('status')}</TableHead>
            {canEdit ? <TableHead>{t('actions')}</TableHead> : null}
          </TableHeader>
          <TableBody>
            {goals.map((g) => (
              <TableRow key={g.id} data-testid={`goal-${g.key}`}>
                <TableRowHeader>{g.name}</TableRowHeader>
                <TableCell label={t('key')}>
                  <code className="text-xs">{g.key}</code>
                </TableCell>
                <TableCell label={t('kind')}>{t(g.kind)}</TableCell>
                <TableCell label={t('value')}>{value(g)}</TableCell>
                <TableCell label={t('status')}>
                  <Badge tone={g.archived ? 'neutral' : 'success'}>{g.archived ? t('archived') : t('active')}</Badge>
                </TableCell>
                {canEdit ? (
                  <TableCell label={t('actions')}>
                    <div className="flex flex-wrap gap-2">
                      {!g.archived ? (
                        <Button variant="secondary" className="min-h-8 px-3 py-1" onClick={() => setEditing(g.id)} aria-label={t('editTitle', { name: g.name })}>
                          {t('edit')}
                        </Button>
                      ) : null}
                      {g.archived ? (
                        <Button variant="ghost" className="min-h-8 px-3 py-1" onClick={() => void setArchived(g, false)}>
                          {t('restore')}
                        </Button>
                      ) : (
                        <ConfirmButton
                          label={t('archive')}
                          title={t('archiveTitle', { name: g.name })}
                          body={t('archiveBody')}
                          confirmLabel={t('archive')}
                          onConfirm={() => setArchived(g, true)}
                          error={archiveError}
                          variant="secondary"
                          className="min-h-8 px-3 py-1"
                        />
                      )}
                    </div>
                  </TableCell>
                ) : null}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
      {canEdit && editing ? (
        <div className="mt-6 rounded-lg bg-zinc-50 p-4 ring-1 ring-zinc-200">
          <GoalForm key={editing} workspaceId={workspaceId} goal={goals.find((g) => g.id === editing)} onDone={() => setEditing(null)} onCancel={() => setEditing(null)} />
        </div>
      ) : null}
      {canEdit && (adding || goals.length > 0) && !editing ? (
        <div className="mt-6 border-t border-zinc-100 pt-5">
          <h3 className="mb-3 text-sm font-semibold text-zinc-900">{t('add')}</h3>
          <GoalForm workspaceId={workspaceId} onCancel={goals.length === 0 ? () => setAdding(false) : undefined} />
        </div>
      ) : null}
    </Card>
  );
}
