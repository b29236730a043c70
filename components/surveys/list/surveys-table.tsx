import Link from 'next/link';
import { useFormatter, useTranslations } from 'next-intl';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow, TableRowHeader } from '@/components/ui/table';
import type { SurveyListRow } from '@/lib/surveys/get';
import { SurveyStatusBadge } from './status-badge';

/** Every survey with its confirmed answers and its NPS or CSAT (computed by lib/metrics in listSurveys). */
export function SurveysTable({ slug, rows, canEdit }: { slug: string; rows: SurveyListRow[]; canEdit: boolean }) {
  const t = useTranslations('surveys.list');
  const format = useFormatter();
  const base = `/w/${slug}/surveys`;
  const result = (r: SurveyListRow) => {
    if (r.score === null) return <span className="text-zinc-500">{t('noAnswers')}</span>;
    const text =
      r.kind === 'nps'
        ? format.number(r.score, { maximumFractionDigits: 1, signDisplay: 'exceptZero' })
        : format.number(r.score / 100, { style: 'percent', maximumFractionDigits: 1 });
    return (
      <abbr title={t(r.kind === 'nps' ? 'npsFormula' : 'csatFormula')} className="font-semibold text-zinc-900 no-underline">
        {text}
      </abbr>
    );
  };
  return (
    <Table label={t('tableCaption')} layout="stack" flush data-testid="surveys-table">
      <TableHeader>
        <TableRow>
          <TableHead>{t('name')}</TableHead>
          <TableHead>{t('kind')}</TableHead>
          <TableHead>{t('status')}</TableHead>
          <TableHead align="right">{t('confirmed')}</TableHead>
          <TableHead align="right">{t('result')}</TableHead>
          <TableHead>{t('created')}</TableHead>
          <TableHead hideLabel>{t('actions')}</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((r) => (
          <TableRow key={r.id} data-testid={`survey-row-${r.name}`}>
            <TableRowHeader className="font-normal">
              <Link className="font-medium text-brand-700 hover:underline" href={`${base}/${r.id}`}>
                {r.name}
              </Link>
            </TableRowHeader>
            <TableCell label={t('kind')} className="whitespace-nowrap">
              {t(`kinds.${r.kind}`)}
            </TableCell>
            <TableCell label={t('status')}>
              <SurveyStatusBadge status={r.status} />
              {r.status === 'open' && r.closesAt ? <p className="mt-1 text-xs text-zinc-500">{t('closesOn', { date: format.dateTime(r.closesAt, 'dateTime') })}</p> : null}
            </TableCell>
            <TableCell label={t('confirmed')} align="right">
              {format.number(r.confirmed)}
            </TableCell>
            <TableCell label={t('result')} align="right">
              {result(r)}
            </TableCell>
            <TableCell label={t('created')} className="whitespace-nowrap text-zinc-500">
              {format.dateTime(r.createdAt, 'date')}
            </TableCell>
            <TableCell label={t('actions')} className="whitespace-nowrap">
              <span className="flex gap-3">
                <Link className="text-brand-700 hover:underline" href={`${base}/${r.id}`} aria-label={t('reportFor', { name: r.name })}>
                  {t('report')}
                </Link>
                {canEdit ? (
                  <Link className="text-brand-700 hover:underline" href={`${base}/${r.id}/edit`} aria-label={t('editFor', { name: r.name })}>
                    {t('edit')}
                  </Link>
                ) : null}
              </span>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
