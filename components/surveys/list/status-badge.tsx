import { useTranslations } from 'next-intl';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import type { SurveyStatus } from '@/lib/db/schema/surveys/constants';

const TONE: Record<SurveyStatus, BadgeTone> = { draft: 'neutral', open: 'success', closed: 'warning' };

export function SurveyStatusBadge({ status }: { status: SurveyStatus }) {
  const t = useTranslations('surveys.list.statuses');
  return <Badge tone={TONE[status]}>{t(status)}</Badge>;
}
