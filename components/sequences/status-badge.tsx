import { useTranslations } from 'next-intl';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import type { SequenceStatus } from '@/lib/db/schema/sequences/constants';

const TONE: Record<SequenceStatus, BadgeTone> = { draft: 'neutral', active: 'success', paused: 'warning', stopped: 'danger' };

export function SequenceStatusBadge({ status }: { status: SequenceStatus }) {
  const t = useTranslations('sequences.statuses');
  return <Badge tone={TONE[status]}>{t(status)}</Badge>;
}
