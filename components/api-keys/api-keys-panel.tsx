'use client';

import { KeyRound } from 'lucide-react';
import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ConfirmButton } from '@/components/ui/confirm-dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { SelectField, TextField } from '@/components/ui/field';
import { FormStatus } from '@/components/ui/form-status';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow, TableRowHeader } from '@/components/ui/table';
import { useActionForm } from '@/components/ui/use-action-form';
import { createApiKeyAction, revokeApiKeyAction } from '@/lib/actions/api-keys';

export interface ApiKeyRow {
  id: string;
  name: string;
  prefix: string;
  scope: 'read' | 'write';
  createdByName: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

interface Props {
  workspaceId: string;
  canManage: boolean;
  keys: ApiKeyRow[];
}

export function ApiKeysPanel({ workspaceId, canManage, keys }: Props) {
  const t = useTranslations('apiKeys');
  return (
    <>
      {canManage ? <CreateKeyForm workspaceId={workspaceId} /> : null}
      <Card title={t('title')} description={t('description')}>
        {keys.length === 0 ? (
          <EmptyState icon={KeyRound} title={t('emptyTitle')} body={canManage ? t('emptyBody') : t('emptyBodyReadOnly')} />
        ) : (
          <Table label={t('tableCaption')} layout="stack" flush data-testid="api-keys">
            <TableHeader>
              <TableRow>
                <TableHead>{t('name')}</TableHead>
                <TableHead>{t('scope')}</TableHead>
                <TableHead>{t('created')}</TableHead>
                <TableHead>{t('lastUsed')}</TableHead>
                <TableHead>{t('status')}</TableHead>
                <TableHead align="right" hideLabel>
                  {t('actions')}
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {keys.map((k) => (
                <KeyRowView key={k.id} row={k} workspaceId={workspaceId} canManage={canManage} />
              ))}
            </TableBody>
          </Table>
        )}
      </Card>
      <p className="text-sm text-zinc-600">
        {t.rich('docs', { code: (chunks) => <code className="font-mono text-xs">{chunks}</code>, link: (chunks) => <a className="font-medium text-brand-700 underline" href="/api/v1/openapi.json">{chunks}</a> })}
      </p>
    </>
  );
}

function KeyRowView({ row: k, workspaceId, canManage }: { row: ApiKeyRow; workspaceId: string; canManage: boolean }) {
  const t = useTranslations('apiKeys');
  const format = useFormatter();
  const revoke = useActionForm(revokeApiKeyAction);
  return (
    <TableRow data-testid={`api-key-${k.prefix}`}>
      <TableRowHeader className="font-normal">
        <p className="font-medium text-zinc-900">{k.name}</p>
        <p className="font-mono text-xs text-zinc-500">{k.prefix}…</p>
      </TableRowHeader>
      <TableCell label={t('scope')}>
        <Badge tone={k.scope === 'write' ? 'warning' : 'neutral'}>{t(`scopes.${k.scope}`)}</Badge>
      </TableCell>
      <TableCell label={t('created')}>
        <span className="text-sm text-zinc-700">{format.dateTime(new Date(k.createdAt), 'date')}</span>
        {k.createdByName ? <span className="block text-xs text-zinc-500">{t('createdBy', { name: k.createdByName })}</span> : null}
      </TableCell>
      <TableCell label={t('lastUsed')}>
        <span className="text-sm text-zinc-700">{k.lastUsedAt ? format.dateTime(new Date(k.lastUsedAt), 'date') : t('neverUsed')}</span>
      </TableCell>
      <TableCell label={t('status')}>
        {k.revokedAt ? <Badge tone="danger">{t('revoked')}</Badge> : <Badge tone="success">{t('active')}</Badge>}
      </TableCell>
      <TableCell align="right" className="py-1.5">
        {canManage && !k.revokedAt ? (
          <ConfirmButton
            label={t('revoke')}
            title={t('revokeTitle', { name: k.name })}
            body={t('revokeBody')}
            confirmLabel={t('revokeConfirm')}
            pendingLabel={t('revoking')}
            error={revoke.formError}
            data-testid={`revoke-${k.prefix}`}
            onConfirm={async () => {
              const r = await revoke.run({ workspaceId, keyId: k.id });
              return Boolean(r && !r.serverError && !r.validationErrors);
            }}
          />
        ) : null}
      </TableCell>
    </TableRow>
  );
}

function CreateKeyForm({ workspaceId }: { workspaceId: string }) {
  const t = useTranslations('apiKeys');
  const [created, setCreated] = useState<{ key: string; prefix: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const form = useActionForm(createApiKeyAction, {
    reset: true,
    onSuccess: (data) => {
      setCopied(false);
      setCreated(data as { key: string; prefix: string });
    },
  });
  return (
    <Card title={t('createTitle')} description={t('createHelp')}>
      <form onSubmit={form.onSubmit} noValidate className="grid gap-4 sm:grid-cols-[1fr_12rem_auto] sm:items-start" aria-label={t('createTitle')}>
        <input type="hidden" name="workspaceId" value={workspaceId} />
        <TextField label={t('name')} name="name" required maxLength={80} error={form.fieldErrors.name} />
        <SelectField
          label={t('scope')}
          name="scope"
          defaultValue="read"
          options={[
            { value: 'read', label: t('scopes.read') },
            { value: 'write', label: t('scopes.write') },
          ]}
          error={form.fieldErrors.scope}
        />
        <Button type="submit" className="sm:mt-6" pending={form.isPending} pendingLabel={t('creating')}>
          {t('create')}
        </Button>
        <div className="sm:col-span-3">
          <FormStatus error={form.formError} />
        </div>
      </form>
      {created ? (
        <Alert tone="warning" className="mt-4">
          <p className="font-medium">{t('shownOnce')}</p>
          <div className="mt-2 flex flex-wrap items-center gap-2">
            <label className="sr-only" htmlFor="new-api-key">
              {t('newKey')}
            </label>
            <input
              id="new-api-key"
              readOnly
              value={created.key}
              data-testid="new-api-key"
              onFocus={(e) => e.currentTarget.select()}
              className="min-w-0 flex-1 rounded-md border-0 bg-white px-2 py-1.5 font-mono text-sm text-zinc-900 ring-1 ring-inset ring-zinc-300"
            />
            <Button
              type="button"
              variant="secondary"
              onClick={async () => {
                await navigator.clipboard.writeText(created.key).catch(() => {});
                setCopied(true);
              }}
            >
              {copied ? t('copied') : t('copy')}
            </Button>
            <Button type="button" variant="ghost" onClick={() => setCreated(null)}>
              {t('done')}
            </Button>
          </div>
        </Alert>
      ) : null}
    </Card>
  );
}
