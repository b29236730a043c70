import { getLocale, getTranslations } from 'next-intl/server';
import { FormulaTip } from '@/components/surveys/report/formula-tip';
import { Card } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { formatPoints, formatRate, percent } from '@/lib/metrics';
import type { SequenceResults } from '@/lib/reports/sequence';
import { Bar } from './bar';
import { formatPValue, formatRelative } from './format';

const GROUP_BAR = { treatment: 'bg-brand-600', control: 'bg-zinc-400' } as const;
const VERDICT_TONE = {
  up: 'bg-emerald-50 text-emerald-950 ring-emerald-200',
  down: 'bg-amber-50 text-amber-950 ring-amber-200',
  open: 'bg-zinc-50 text-zinc-800 ring-zinc-200',
} as const;

/** Reactivation rate of the sequence group against the control group, with the lift and its significance in plain words. */
export async function LiftCard({ results }: { results: SequenceResults }) {
  const t = await getTranslations('sequences.results.lift');
  const locale = await getLocale();
  const nd = (await getTranslations('sequences.results'))('noData');
  const { groups, lift } = results;
  const peak = Math.max(groups.treatment.rate ?? 0, groups.control.rate ?? 0);
  const p = formatPValue(lift.pValue, locale, nd);
  const verdict =
    groups.treatment.enrolled === 0
      ? t('noTreatment')
      : groups.control.enrolled === 0
        ? t('noControl')
        : lift.significant
          ? (lift.absoluteLift ?? 0) >= 0
            ? t('significantUp', { p })
            : t('significantDown', { p })
          : t('notSignificant', { treatment: groups.treatment.enrolled, control: groups.control.enrolled, p });
  const tone = !lift.significant || groups.control.enrolled === 0 ? 'open' : (lift.absoluteLift ?? 0) >= 0 ? 'up' : 'down';
  return (
    <Card title={t('title')} description={t('description')}>
      <ul className="space-y-4" aria-label={t('title')} data-testid="lift-bars">
        {(['treatment', 'control'] as const).map((g) => (
          <li key={g} data-testid={`lift-${g}`}>
            <div className="flex flex-wrap items-baseline justify-between gap-x-3 text-sm">
              <span className="text-zinc-700">{t(g)}</span>
              <span className="font-medium tabular-nums text-zinc-900">
                <FormulaTip formula={t('formula', { reactivated: groups[g].reactivated, enrolled: groups[g].enrolled })} align="right">
                  {t('groupValue', { rate: formatRate(groups[g].rate, locale, nd), reactivated: groups[g].reactivated, enrolled: groups[g].enrolled })}
                </FormulaTip>
              </span>
            </div>
            <div className="mt-1">
              <Bar share={peak > 0 ? percent(groups[g].rate ?? 0, peak) : 0} className={GROUP_BAR[g]} />
            </div>
          </li>
        ))}
      </ul>
      <dl className="mt-6 grid grid-cols-2 gap-4 text-sm">
        <div>
          <dt className="text-zinc-600">{t('absolute')}</dt>
          <dd className="text-2xl font-semibold tabular-nums text-zinc-900" data-testid="lift-absolute">
            {lift.absoluteLift === null ? nd : t('absoluteValue', { points: formatPoints(lift.absoluteLift, locale) })}
          </dd>
        </div>
        <div>
          <dt className="text-zinc-600">{t('relative')}</dt>
          <dd className="text-2xl font-semibold tabular-nums text-zinc-900" data-testid="lift-relative">
            {formatRelative(lift.relativeLift, locale, nd)}
          </dd>
        </div>
      </dl>
      <p className={cn('mt-4 rounded-lg p-3 text-sm ring-1 ring-inset', VERDICT_TONE[tone])} data-testid="lift-verdict">
        {verdict}
      </p>
    </Card>
  );
}
