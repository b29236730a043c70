import { UsersRound } from 'lucide-react';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow, TableRowHeader } from '@/components/ui/table';
import { INACTIVITY_TIERS } from '@/lib/metrics/benchmarks';
import { formatRate } from '@/lib/metrics/rates';
import { getDriftingSegments, segmentQuery, type DriftingSegment } from '@/lib/sequences/segments';
import { hasRole } from '@/lib/workspaces/context';
import { getPageContext } from '@/lib/workspaces/page-context';

/**
 * Who is drifting away: the inactivity tiers, behaviour and value segments under the workspace's
 * definition, live counts with the expected reactivation beside each, and a way into a win-back.
 */
export async function DriftingPanel({ slug, workspaceId }: { slug: string; workspaceId: string }) {
  const { workspace, role, ctx } = await getPageContext(slug);
  if (workspace.id !== workspaceId) throw new Error('DriftingPanel: slug and workspace id disagree');
  const [t, locale, data] = await Promise.all([getTranslations('sequences.segments'), getLocale(), getDriftingSegments(ctx, workspace)]);
  const base = `/w/${slug}`;

  if (data.subscribed === 0) {
    return (
      <EmptyState icon={UsersRound} title={t('emptyTitle')} body={t('emptyBody')}>
        <Link href={`${base}/contacts`} className={buttonClass('secondary')}>
          {t('emptyAction')}
        </Link>
      </EmptyState>
    );
  }

  const canStart = hasRole(role, 'member');
  const days = workspace.benchmarks.inactivityDays;
  const label = (s: DriftingSegment) => {
    if (s.kind === 'tier') {
      const def = INACTIVITY_TIERS.find((x) => x.id === s.id)!;
      return def.toDays === null ? t('tierOpen', { from: def.fromDays }) : t('tier', { from: def.fromDays, to: def.toDays });
    }
    return t(`${s.kind}.${s.id}.label`);
  };
  const hint = (s: DriftingSegment) => (s.kind === 'tier' ? null : t(`${s.kind}.${s.id}.hint`, { days }));
  const signals = workspace.inactivitySignals.map((s) => t(`signals.${s}`)).join(', ');

  const group = (title: string, rows: DriftingSegment[]) => [
    <TableRow key={title} className="bg-zinc-50">
      <TableRowHeader colSpan={5} className="py-2 text-xs uppercase tracking-wide text-zinc-500">
        {title}
      </TableRowHeader>
    </TableRow>,
    ...rows.map((s) => (
      <TableRow key={`${s.kind}-${s.id}`} data-testid={`segment-${s.kind}-${s.id}`}>
        <TableRowHeader>
          {label(s)}
          {hint(s) ? <span className="block text-xs font-normal text-zinc-500">{hint(s)}</span> : null}
        </TableRowHeader>
        <TableCell label={t('count')} align="right">
          <span data-testid="segment-count">{s.count.toLocaleString(locale)}</span>
        </TableCell>
        <TableCell label={t('share')}>
          <div className="flex items-center gap-2">
            <div className="h-2 w-20 shrink-0 overflow-hidden rounded-full bg-zinc-100" aria-hidden>
              <div className="h-full rounded-full bg-brand-600" style={{ width: `${Math.min(100, s.share ?? 0)}%` }} />
            </div>
            <span className="tabular-nums">{formatRate(s.share, locale, t('noData'))}</span>
          </div>
        </TableCell>
        <TableCell label={t('expected')}>{s.expected ? t('range', { low: s.expected.low, high: s.expected.high }) : '—'}</TableCell>
        <TableCell label={t('action')}>
          {s.sequence ? (
            <Link href={`${base}/sequences/${s.sequence.id}`} className="font-medium whitespace-nowrap text-brand-700 hover:underline" title={s.sequence.name}>
              {t('view')}
            </Link>
          ) : canStart ? (
            <Link href={`${base}/sequences/new?${segmentQuery(s)}`} className="font-medium whitespace-nowrap text-brand-700 hover:underline">
              {t('start')}
            </Link>
          ) : (
            <span className="text-zinc-500">—</span>
          )}
        </TableCell>
      </TableRow>
    )),
  ];

  return (
    <Card
      title={t('title')}
      description={
        <>
          {t('definition', { days, signals, subscribed: data.subscribed })}{' '}
          <Link href={`${base}/settings/inactivity`} className="font-medium text-brand-700 hover:underline">
            {t('changeDefinition')}
          </Link>
        </>
      }
    >
      <Table label={t('title')} layout="stack" flush>
        <TableHeader>
          <TableRow>
            <TableHead>{t('segment')}</TableHead>
            <TableHead align="right">{t('count')}</TableHead>
            <TableHead>{t('share')}</TableHead>
            <TableHead>{t('expected')}</TableHead>
            <TableHead hideLabel>{t('action')}</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {group(t('tiers'), data.tiers)}
          {group(t('behaviours'), data.behaviours)}
          {group(t('values'), data.values)}
        </TableBody>
      </Table>
    </Card>
  );
}
