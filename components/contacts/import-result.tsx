import { useFormatter, useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/alert';
import type { ImportReject } from '@/lib/db/schema/contacts/constants';
import type { ImportView } from './import-types';
import { translateMessage } from '@/lib/i18n/message-key';

/** Why a whole import failed, from its `contactImport.errors.*` key. */
export function useImportFailure() {
  const t = useTranslations('contactImport.errors');
  return (error: NonNullable<ImportView['error']>) =>
    t(error.key, { line: error.line ?? '?', detail: error.detail ?? '' });
}

export function ImportResult({ result }: { result: ImportView }) {
  const t = useTranslations();
  const format = useFormatter();
  const failure = useImportFailure();
  const n = (v: number) => format.number(v);
  const counts = [
    { key: 'totalRows', value: result.totalRows },
    { key: 'inserted', value: result.insertedRows },
    { key: 'updated', value: result.updatedRows },
    { key: 'duplicates', value: result.duplicateRows },
    { key: 'rejected', value: result.rejectedRows },
  ] as const;
  const failed = result.status === 'failed';
  return (
    <div className="space-y-5" data-testid="import-result">
      {failed ? (
        <Alert tone="error">
          <p className="font-semibold">{t('contacts.import.failedTitle', { file: result.fileName })}</p>
          {result.error ? <p className="mt-1">{failure(result.error)}</p> : null}
          {result.error?.key !== 'internal' ? <p className="mt-1">{t('contacts.import.nothingChanged')}</p> : null}
        </Alert>
      ) : result.status === 'completed' ? (
        <Alert tone={result.rejectedRows > 0 ? 'warning' : 'success'}>
          {t('contacts.import.doneTitle', { file: result.fileName })}
        </Alert>
      ) : (
        <Alert tone="info">{t('contacts.import.stillRunning', { file: result.fileName })}</Alert>
      )}
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5">
        {counts.map((c) => (
          <div key={c.key} className="rounded-lg bg-zinc-50 px-3 py-2 ring-1 ring-inset ring-zinc-200" data-testid={`import-count-${c.key}`}>
            <dt className="text-xs text-zinc-600">{t(`contacts.import.counts.${c.key}`)}</dt>
            <dd className="text-lg font-semibold tabular-nums text-zinc-900">{n(c.value)}</dd>
          </div>
        ))}
      </dl>
      {result.rejects.length > 0 ? (
        <RowTable
          title={t('contacts.import.rejectsTitle')}
          testId="rejects"
          rows={result.rejects}
          truncated={result.rejectedRows > result.rejects.length ? t('contacts.import.rejectsTruncated', { shown: result.rejects.length, count: result.rejectedRows }) : null}
        />
      ) : null}
      {result.notices?.length > 0 ? (
        <RowTable title={t('contacts.import.noticesTitle')} help={t('contacts.import.noticesHelp')} testId="notices" rows={result.notices} truncated={null} />
      ) : null}
    </div>
  );
}

/** Rows refused, or kept with a change: line, the file's column, the cell and why. */
function RowTable({ title, help, testId, rows, truncated }: { title: string; help?: string; testId: string; rows: ImportReject[]; truncated: string | null }) {
  const t = useTranslations();
  return (
    <div>
      <h3 className="text-sm font-semibold text-zinc-900">{title}</h3>
      {help ? <p className="mt-1 text-sm text-zinc-600">{help}</p> : null}
      {truncated ? <p className="mt-1 text-sm text-zinc-600">{truncated}</p> : null}
      <div className="mt-2 max-h-96 overflow-auto rounded-lg ring-1 ring-zinc-200" tabIndex={0} role="region" aria-label={title}>
        <table className="min-w-full text-sm" data-testid={testId}>
          <caption className="sr-only">{title}</caption>
          <thead className="sticky top-0 bg-white text-left text-xs uppercase tracking-wide text-zinc-500">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">{t('contacts.import.line')}</th>
              <th scope="col" className="px-3 py-2 font-medium">{t('contacts.import.field')}</th>
              <th scope="col" className="px-3 py-2 font-medium">{t('contacts.import.value')}</th>
              <th scope="col" className="px-3 py-2 font-medium">{t('contacts.import.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={`${r.line}-${i}`} className="border-t border-zinc-100">
                <td className="px-3 py-2 tabular-nums">{r.line}</td>
                <td className="px-3 py-2 text-zinc-700">{r.field ?? '—'}</td>
                <td className="max-w-xs truncate px-3 py-2 font-mono text-xs text-zinc-700" title={r.value}>
                  {r.value ?? '—'}
                </td>
                <td className="px-3 py-2 text-zinc-700">{translateMessage(t, r.reason)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
