import { useTranslations } from 'next-intl';
import { Card } from '@/components/ui/card';
import { DEFAULT_STEPS, sequenceSpanDays } from '@/lib/metrics/sequences';

/** The default five steps and their gaps, beside the "new sequence" form. */
export function TemplateOutline() {
  const t = useTranslations('sequences');
  const span = sequenceSpanDays(DEFAULT_STEPS.map((s) => s.gap));
  return (
    <Card title={t('new.templateTitle')} description={t('new.templateBody')}>
      <ol className="space-y-3 text-sm">
        {DEFAULT_STEPS.map((s, i) => (
          <li key={s.kind} className="flex gap-3">
            <span aria-hidden className="flex size-6 shrink-0 items-center justify-center rounded-full bg-brand-50 text-xs font-semibold text-brand-700 ring-1 ring-brand-100">
              {i + 1}
            </span>
            <span>
              <span className="block font-medium text-zinc-900">
                <span className="sr-only">{t('builder.step', { n: i + 1 })}: </span>
                {t(`kinds.${s.kind}`)}
              </span>
              <span className="block text-xs text-zinc-500">{i === 0 ? t('builder.atEntry') : t('builder.gap', { min: s.gap.min, max: s.gap.max, prev: i })}</span>
            </span>
          </li>
        ))}
      </ol>
      <p className="mt-4 text-xs text-zinc-600">{t('builder.span', { min: span.min, max: span.max })}</p>
    </Card>
  );
}
