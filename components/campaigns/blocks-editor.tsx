'use client';

import { ArrowDown, ArrowUp, Trash2 } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/field';
import type { SurveyOption } from '@/lib/campaigns/survey-block';
import type { ContentBlock } from '@/lib/db/schema/campaigns';

// The survey block is added from its own picker (it needs a survey), not as an empty block.
const NEW_BLOCK: Record<Exclude<ContentBlock['type'], 'survey'>, ContentBlock> = {
  heading: { type: 'heading', text: '' },
  text: { type: 'text', text: '' },
  button: { type: 'button', text: '', url: 'https://' },
  image: { type: 'image', src: 'https://', alt: '' },
  divider: { type: 'divider' },
  preferences: { type: 'preferences', text: '' },
};

interface Props {
  blocks: ContentBlock[];
  onChange: (blocks: ContentBlock[]) => void;
  errors: Record<string, string>;
  disabled: boolean;
  /** The workspace's surveys the survey block can embed. */
  surveys: SurveyOption[];
}

export function BlocksEditor({ blocks, onChange, errors, disabled, surveys }: Props) {
  const t = useTranslations('campaigns.editor');
  const hasSurvey = blocks.some((b) => b.type === 'survey');
  const firstSurvey = surveys.find((s) => s.status === 'open') ?? surveys[0];
  const update = (i: number, patch: Partial<ContentBlock>) => onChange(blocks.map((b, j) => (j === i ? ({ ...b, ...patch } as ContentBlock) : b)));
  const move = (i: number, d: -1 | 1) => {
    const next = [...blocks];
    [next[i], next[i + d]] = [next[i + d], next[i]];
    onChange(next);
  };
  return (
    <div className="space-y-3">
      {blocks.length === 0 ? <p className="text-sm text-zinc-500">{t('noBlocks')}</p> : null}
      <ol className="space-y-3">
        {blocks.map((b, i) => {
          const label = `${t(`blockTypes.${b.type}`)} ${i + 1}`;
          const err = (field: string) => errors[`blocks.${i}.${field}`];
          return (
            <li key={i} className="rounded-lg bg-zinc-50 p-3 ring-1 ring-zinc-200" aria-label={label}>
              <div className="mb-2 flex items-center justify-between">
                <span className="text-xs font-semibold uppercase tracking-wide text-zinc-500">{label}</span>
                <div className="flex gap-1">
                  <Button variant="ghost" className="min-h-8 px-2" disabled={disabled || i === 0} onClick={() => move(i, -1)} aria-label={t('moveUp', { block: label })}>
                    <ArrowUp aria-hidden className="size-4" />
                  </Button>
                  <Button variant="ghost" className="min-h-8 px-2" disabled={disabled || i === blocks.length - 1} onClick={() => move(i, 1)} aria-label={t('moveDown', { block: label })}>
                    <ArrowDown aria-hidden className="size-4" />
                  </Button>
                  <Button variant="ghost" className="min-h-8 px-2 text-red-700" disabled={disabled} onClick={() => onChange(blocks.filter((_, j) => j !== i))} aria-label={t('removeBlock', { block: label })}>
                    <Trash2 aria-hidden className="size-4" />
                  </Button>
                </div>
              </div>
              {b.type === 'heading' || b.type === 'button' || b.type === 'preferences' ? (
                <TextField label={t('blockText')} value={b.text} disabled={disabled} onChange={(e) => update(i, { text: e.target.value })} error={err('text')} />
              ) : null}
              {b.type === 'text' ? (
                <label className="block space-y-1.5">
                  <span className="block text-sm font-medium text-zinc-800">{t('blockText')}</span>
                  <textarea
                    value={b.text}
                    disabled={disabled}
                    rows={4}
                    aria-invalid={err('text') ? true : undefined}
                    onChange={(e) => update(i, { text: e.target.value })}
                    className="block w-full rounded-lg border-0 px-3 py-2 text-sm ring-1 ring-inset ring-zinc-300 focus:ring-2 focus:ring-brand-600 aria-[invalid=true]:ring-red-500"
                  />
                  {err('text') ? <span className="text-sm text-red-700">{err('text')}</span> : null}
                </label>
              ) : null}
              {b.type === 'preferences' ? <p className="mt-2 text-xs text-zinc-500">{t('preferencesHint')}</p> : null}
              {b.type === 'button' ? (
                <TextField className="mt-3" label={t('blockUrl')} type="url" value={b.url} disabled={disabled} onChange={(e) => update(i, { url: e.target.value })} error={err('url')} />
              ) : null}
              {b.type === 'survey' ? <SurveyBlockFields block={b} surveys={surveys} disabled={disabled} error={err('surveyId')} onPick={(surveyId) => update(i, { surveyId })} /> : null}
              {b.type === 'image' ? (
                <div className="grid gap-3 sm:grid-cols-2">
                  <TextField label={t('blockSrc')} type="url" value={b.src} disabled={disabled} onChange={(e) => update(i, { src: e.target.value })} error={err('src')} />
                  <TextField label={t('blockAlt')} value={b.alt} disabled={disabled} onChange={(e) => update(i, { alt: e.target.value })} error={err('alt')} />
                  <TextField
                    className="sm:col-span-2"
                    label={t('blockUrl')}
                    type="url"
                    value={b.href ?? ''}
                    disabled={disabled}
                    onChange={(e) => update(i, { href: e.target.value || undefined })}
                    error={err('href')}
                  />
                </div>
              ) : null}
            </li>
          );
        })}
      </ol>
      <div className="flex flex-wrap items-center gap-2" role="group" aria-label={t('addBlock')}>
        <span className="text-sm text-zinc-600">{t('addBlock')}:</span>
        {(Object.keys(NEW_BLOCK) as (keyof typeof NEW_BLOCK)[]).map((type) => (
          <Button key={type} variant="secondary" className="min-h-8 px-3 py-1" disabled={disabled || blocks.length >= 50} onClick={() => onChange([...blocks, { ...NEW_BLOCK[type] }])}>
            + {t(`blockTypes.${type}`)}
          </Button>
        ))}
        {!hasSurvey && firstSurvey ? (
          <Button
            variant="secondary"
            className="min-h-8 px-3 py-1"
            disabled={disabled || blocks.length >= 50}
            onClick={() => onChange([...blocks, { type: 'survey', surveyId: firstSurvey.id }])}
          >
            + {t('surveyAdd')}
          </Button>
        ) : null}
      </div>
      {!hasSurvey && !firstSurvey ? <p className="text-xs text-zinc-500">{t('surveyNone')}</p> : null}
      {errors.blocks ? <p className="text-sm text-red-700">{errors.blocks}</p> : null}
    </div>
  );
}

/** The survey block: which of the workspace's surveys, its state, and what a click does. */
function SurveyBlockFields({
  block,
  surveys,
  disabled,
  error,
  onPick,
}: {
  block: Extract<ContentBlock, { type: 'survey' }>;
  surveys: SurveyOption[];
  disabled: boolean;
  error?: string;
  onPick: (surveyId: string) => void;
}) {
  const t = useTranslations('campaigns.editor');
  const picked = surveys.find((s) => s.id === block.surveyId);
  const options = surveys.map((s) => ({ value: s.id, label: `${s.name} (${t('surveyKind', { kind: s.kind })})` }));
  return (
    <div className="space-y-2">
      <SelectField
        label={t('surveyPick')}
        value={block.surveyId}
        disabled={disabled}
        onChange={(e) => onPick(e.target.value)}
        options={picked ? options : [{ value: block.surveyId, label: t('surveyChoose') }, ...options]}
        error={error}
      />
      {picked ? (
        picked.status !== 'open' ? (
          <p className="text-sm text-amber-800">{t('surveyStatus', { status: picked.status })}</p>
        ) : null
      ) : (
        <p className="text-sm text-red-700">{t('surveyMissing')}</p>
      )}
      {picked?.cadenceMonths ? <p className="text-xs text-zinc-600">{t('surveyCadence', { months: picked.cadenceMonths })}</p> : null}
      <p className="text-xs text-zinc-500">{t('surveyHint')}</p>
    </div>
  );
}
