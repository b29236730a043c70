import { sequenceAudienceSchema } from '@/lib/db/schema/sequences/validation';
import type { SequenceAudience } from '@/lib/db/schema/sequences/constants';

type Query = Record<string, string | string[] | undefined>;
const list = (v: string | string[] | undefined) => (Array.isArray(v) ? v : (v ?? '').split(',')).map((x) => x.trim()).filter(Boolean);

/**
 * The audience a link preselects (the dashboard links each tier here): `?tier=tier2,tier3`,
 * `?behaviour=stoppedBuying`, `?value=high`, `?nps=detractor` or `?segment=<id>`. Anything
 * invalid falls back to the 61–120 days tier.
 */
export function audienceFromQuery(q: Query): SequenceAudience {
  const candidate =
    q.tier !== undefined
      ? { type: 'tier', tiers: [...new Set(list(q.tier))] }
      : q.behaviour !== undefined
        ? { type: 'behaviour', segment: list(q.behaviour)[0] }
        : q.value !== undefined
          ? { type: 'value', tiers: [...new Set(list(q.value))] }
          : q.nps !== undefined
            ? { type: 'npsCategory', categories: [...new Set(list(q.nps))] }
            : q.segment !== undefined
              ? { type: 'segment', segmentId: list(q.segment)[0] }
              : null;
  const parsed = sequenceAudienceSchema.safeParse(candidate);
  return parsed.success ? parsed.data : { type: 'tier', tiers: ['tier2'] };
}
