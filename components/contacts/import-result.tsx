import { useFormatter, useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/alert';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
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
      {/* A long list scrolls inside its own region; on wider screens its header stays in view. */}
      <Table
        label={title}
        layout="stack"
        flush
        className="mt-2 max-h-96 overflow-y-auto border-y border-zinc-100 sm:[&_thead]:sticky sm:[&_thead]:top-0 sm:[&_thead]:bg-white"
        data-testid={testId}
      >
        <TableHeader>
          <TableRow>
            <TableHead>{t('contacts.import.line')}</TableHead>
            <TableHead>{t('contacts.import.field')}</TableHead>
            <TableHead>{t('contacts.import.value')}</TableHead>
            <TableHead>{t('contacts.import.reason')}</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((r, i) => (
            <TableRow key={`${r.line}-${i}`}>
              <TableCell label={t('contacts.import.line')} className="tabular-nums">
                {r.line}
              </TableCell>
              <TableCell label={t('contacts.import.field')} className="break-words">
                {r.field ?? '—'}
              </TableCell>
              <TableCell label={t('contacts.import.value')} className="max-w-xs max-sm:max-w-none">
                <span className="block truncate font-mono text-xs leading-5 max-sm:whitespace-normal max-sm:break-all" title={r.value}>
                  {r.value ?? '—'}
                </span>
              </TableCell>
              <TableCell label={t('contacts.import.reason')}>{translateMessage(t, r.reason)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
