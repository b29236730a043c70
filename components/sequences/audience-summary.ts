import type { SequenceAudience } from '@/lib/db/schema/sequences/constants';

// A next-intl translator scoped to `sequences.audience` (server or client).
type T = (key: never, params?: never) => string;

/** One line naming a sequence's audience, e.g. "Inactive 61–120 days, 121–365 days". */
export function audienceSummary(tr: T, audience: SequenceAudience, segmentName?: string | null): string {
  const t = tr as unknown as (key: string, params?: Record<string, string>) => string;
  switch (audience.type) {
    case 'tier':
      return t('summary.tier', { tiers: audience.tiers.map((x) => t(`tiers.${x}`)).join(', ') });
    case 'behaviour':
      return t(`behaviours.${audience.segment}`);
    case 'value':
      return audience.tiers.map((x) => t(`values.${x}`)).join(', ');
    case 'npsCategory':
      return t('summary.npsCategory', { groups: audience.categories.map((x) => t(`nps.${x}`)).join(', ') });
    case 'segment':
      return segmentName ? t('summary.segment', { name: segmentName }) : t('summary.segmentGone');
  }
}
