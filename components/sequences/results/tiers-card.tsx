import { getLocale, getTranslations } from 'next-intl/server';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow, TableRowHeader } from '@/components/ui/table';
import { formatPoints, formatRate, type GroupCounts, type Rate } from '@/lib/metrics';
import type { SequenceResults, TierResult } from '@/lib/reports/sequence';
import { Bar } from './bar';

const KNOWN = new Set(['tier1', 'tier2', 'tier3', 'tier4']);

/** Per inactivity tier at enrolment: sequence against control, with the tier's typical reactivation range. */
export async function TiersCard({ results }: { results: SequenceResults }) {
  const t = await getTranslations('sequences.results');
  const locale = await getLocale();
  const nd = t('noData');
  const cell = (g: GroupCounts, rate: Rate) => t('tiers.cell', { rate: formatRate(rate, locale, nd), reactivated: g.reactivated, enrolled: g.enrolled });
  const significance = (tier: TierResult) =>
    tier.control.enrolled === 0 ? (
      <Badge>{t('tiers.noControl')}</Badge>
    ) : tier.lift.significant ? (
      <Badge tone={(tier.lift.absoluteLift ?? 0) >= 0 ? 'success' : 'warning'}>{t('tiers.significant')}</Badge>
    ) : (
      <Badge>{t('tiers.notSignificant')}</Badge>
    );
  return (
    <Card title={t('tiers.title')} description={t('tiers.description')}>
      <Table label={t('tiers.title')} layout="stack" data-testid="tiers-table">
        <TableHeader>
          <TableRow>
            <TableHead>{t('tiers.tier')}</TableHead>
            <TableHead>{t('tiers.treatment')}</TableHead>
            <TableHead>{t('tiers.control')}</TableHead>
            <TableHead align="right">{t('tiers.lift')}</TableHead>
            <TableHead>{t('tiers.significance')}</TableHead>
            <TableHead align="right">{t('tiers.expected')}</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {results.tiers.map((tier) => (
            <TableRow key={tier.tier} data-testid={`tier-${tier.tier}`}>
              <TableRowHeader>{t(`tiers.names.${KNOWN.has(tier.tier) ? tier.tier : 'unknown'}` as 'tiers.names.unknown')}</TableRowHeader>
              <TableCell label={t('tiers.treatment')}>
                <span className="tabular-nums">{cell(tier.treatment, tier.lift.treatmentRate)}</span>
                <div className="mt-1 w-full min-w-24">
                  <Bar share={tier.lift.treatmentRate} className="bg-brand-600" />
                </div>
              </TableCell>
              <TableCell label={t('tiers.control')}>
                <span className="tabular-nums">{cell(tier.control, tier.lift.controlRate)}</span>
                <div className="mt-1 w-full min-w-24">
                  <Bar share={tier.lift.controlRate} className="bg-zinc-400" />
                </div>
              </TableCell>
              <TableCell label={t('tiers.lift')} align="right">
                {tier.lift.absoluteLift === null ? nd : t('lift.absoluteValue', { points: formatPoints(tier.lift.absoluteLift, locale) })}
              </TableCell>
              <TableCell label={t('tiers.significance')}>{significance(tier)}</TableCell>
              <TableCell label={t('tiers.expected')} align="right">
                {tier.expected ? t('tiers.expectedValue', tier.expected) : nd}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Card>
  );
}
