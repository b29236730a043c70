import Link from 'next/link';
import { useFormatter, useTranslations } from 'next-intl';
import type { ImportView } from './import-types';
import { useImportFailure } from './import-result';

type HistoryRow = Pick<
  ImportView,
  'id' | 'fileName' | 'status' | 'totalRows' | 'insertedRows' | 'updatedRows' | 'duplicateRows' | 'rejectedRows' | 'error' | 'createdAt'
>;

const STATUS_STYLE = { running: 'bg-sky-50 text-sky-800', completed: 'bg-emerald-50 text-emerald-800', failed: 'bg-red-50 text-red-800' } as const;

export function ImportHistory({ slug, rows }: { slug: string; rows: HistoryRow[] }) {
  const t = useTranslations('contacts.import');
  const format = useFormatter();
  const failure = useImportFailure();
  if (rows.length === 0) return <p className="text-sm text-zinc-500">{t('noHistory')}</p>;
  const n = (v: number) => format.number(v);
  return (
    <div className="-mx-5 overflow-x-auto sm:-mx-6">
      <table className="min-w-full text-sm" data-testid="import-history">
        <thead className="text-left text-xs uppercase tracking-wide text-zinc-500">
          <tr>
            <th scope="col" className="px-5 py-2 font-medium sm:px-6">{t('fileColumn')}</th>
            <th scope="col" className="px-3 py-2 font-medium">{t('started')}</th>
            <th scope="col" className="px-3 py-2 font-medium">{t('status')}</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">{t('counts.totalRows')}</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">{t('counts.inserted')}</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">{t('counts.updated')}</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">{t('counts.duplicates')}</th>
            <th scope="col" className="px-5 py-2 text-right font-medium sm:px-6">{t('counts.rejected')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} className="border-t border-zinc-100 align-top">
              <td className="px-5 py-3 sm:px-6">
                <Link href={`/w/${slug}/contacts/import?import=${r.id}`} className="font-medium text-brand-700 hover:underline">
                  {r.fileName}
                </Link>
                {r.error ? <p className="mt-1 text-xs text-red-700">{failure(r.error)}</p> : null}
              </td>
              <td className="whitespace-nowrap px-3 py-3 text-zinc-500">
                {format.dateTime(new Date(r.createdAt), { dateStyle: 'medium', timeStyle: 'short' })}
              </td>
              <td className="px-3 py-3">
                <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ${STATUS_STYLE[r.status]}`}>{t(`statuses.${r.status}`)}</span>
              </td>
              <td className="px-3 py-3 text-right tabular-nums">{n(r.totalRows)}</td>
              <td className="px-3 py-3 text-right tabular-nums">{n(r.insertedRows)}</td>
              <td className="px-3 py-3 text-right tabular-nums">{n(r.updatedRows)}</td>
              <td className="px-3 py-3 text-right tabular-nums">{n(r.duplicateRows)}</td>
              <td className="px-5 py-3 text-right tabular-nums sm:px-6">{n(r.rejectedRows)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
