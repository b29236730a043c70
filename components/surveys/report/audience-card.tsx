import { getLocale, getTranslations } from 'next-intl/server';
import { buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { listLists } from '@/lib/contacts/lists';
import { AppError } from '@/lib/errors';
import { formatMargin, formatPoints, formatRate } from '@/lib/metrics';
import type { SurveyReport } from '@/lib/reports/survey';
import { getSurveyAudienceScore, parseAudienceParam } from '@/lib/reports/survey-answers';
import { listSegments } from '@/lib/segments/manage';
import type { WorkspaceCtx } from '@/lib/workspaces/context';
import { FormulaTip } from './formula-tip';
import { keptParams, type ReportParams } from './params';

/** The score among answers by contacts in one list or segment (a URL parameter), beside the overall score. */
export async function AudienceCard({ ctx, report, current, basePath }: { ctx: WorkspaceCtx; report: SurveyReport; current: ReportParams; basePath: string }) {
  const t = await getTranslations('surveys.report');
  const locale = await getLocale();
  const nd = t('noData');
  const kind = report.survey.kind;
  const [lists, segments] = await Promise.all([listLists(ctx), listSegments(ctx)]);
  const audience = parseAudienceParam(current.audience);
  // A list or segment deleted (or of another workspace) since the link was made: show the picker only.
  const result = audience
    ? await getSurveyAudienceScore(ctx, report.survey.id, audience).catch((e: unknown) => {
        if (e instanceof AppError && e.code === 'NOT_FOUND') return null;
        throw e;
      })
    : null;
  const score = (v: number | null) => (kind === 'nps' ? formatPoints(v, locale, nd) : formatRate(v, locale, nd));
  return (
    <Card title={t('audience.title')} description={t('audience.hint')}>
      {lists.length === 0 && segments.length === 0 ? (
        <p className="text-sm text-zinc-600">{t('audience.none')}</p>
      ) : (
        <form method="get" action={`${basePath}#audience`} className="flex flex-wrap items-end gap-3" id="audience">
          {keptParams(current, ['audience']).map(([k, v]) => (
            <input key={k} type="hidden" name={k} value={v} />
          ))}
          <label className="grid min-w-0 flex-1 gap-1 text-sm sm:max-w-sm">
            <span className="font-medium text-zinc-800">{t('audience.pick')}</span>
            <select name="audience" defaultValue={current.audience ?? ''} className="block w-full rounded-lg border-0 bg-white px-3 py-2 text-sm text-zinc-900 ring-1 ring-inset ring-zinc-300 focus:ring-2 focus:ring-brand-600">
              <option value="">{t('audience.choose')}</option>
              {lists.length ? (
                <optgroup label={t('audience.lists')}>
                  {lists.map((l) => (
                    <option key={l.id} value={`list:${l.id}`}>
                      {l.name}
                    </option>
                  ))}
                </optgroup>
              ) : null}
              {segments.length ? (
                <optgroup label={t('audience.segments')}>
                  {segments.map((s) => (
                    <option key={s.id} value={`segment:${s.id}`}>
                      {s.name}
                    </option>
                  ))}
                </optgroup>
              ) : null}
            </select>
          </label>
          <button type="submit" className={buttonClass('secondary')}>
            {t('audience.show')}
          </button>
        </form>
      )}
      {result ? (
        <dl className="mt-5 grid gap-4 sm:grid-cols-2" data-testid="audience-result">
          <div>
            <dt className="text-sm text-zinc-600">{t('audience.in', { name: result.name })}</dt>
            <dd className="mt-1 text-2xl font-semibold tabular-nums text-zinc-900">
              <FormulaTip formula={t(kind === 'nps' ? 'formula.npsCounts' : 'formula.csat', { promoters: result.counts.promoters, detractors: result.counts.detractors, satisfied: result.counts.promoters, total: result.total })}>
                {score(result.score)}
              </FormulaTip>
            </dd>
            <dd className="text-xs text-zinc-500">{t('audience.detail', { margin: formatMargin(result.margin, locale, nd), count: result.total })}</dd>
          </div>
          <div>
            <dt className="text-sm text-zinc-600">{t('audience.all')}</dt>
            <dd className="mt-1 text-2xl font-semibold tabular-nums text-zinc-500">{score(report.headline.score)}</dd>
            <dd className="text-xs text-zinc-500">{t('audience.detail', { margin: formatMargin(report.headline.margin, locale, nd), count: report.headline.total })}</dd>
          </div>
        </dl>
      ) : audience ? (
        <p className="mt-4 text-sm text-zinc-600">{t('audience.gone')}</p>
      ) : null}
    </Card>
  );
}
