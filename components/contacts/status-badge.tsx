import { useTranslations } from 'next-intl';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import type { ContactStatus } from '@/lib/db/schema/contacts/constants';

const TONE: Record<ContactStatus, BadgeTone> = {
  subscribed: 'success',
  unsubscribed: 'neutral',
  bounced: 'warning',
  complained: 'danger',
};

export function StatusBadge({ status }: { status: ContactStatus }) {
  const t = useTranslations('contacts.statuses');
  return <Badge tone={TONE[status]}>{t(status)}</Badge>;
}

export function TagChip({ tag }: { tag: string }) {
  return (
    <Badge tone="brand" shape="tag">
      {tag}
    </Badge>
  );
}
