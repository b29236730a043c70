import { useTranslations } from 'next-intl';
import type { ContactStatus } from '@/lib/db/schema/contacts/constants';

const STYLE: Record<ContactStatus, string> = {
  subscribed: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  unsubscribed: 'bg-zinc-100 text-zinc-700 ring-zinc-200',
  bounced: 'bg-amber-50 text-amber-900 ring-amber-200',
  complained: 'bg-red-50 text-red-800 ring-red-200',
};

export function StatusBadge({ status }: { status: ContactStatus }) {
  const t = useTranslations('contacts.statuses');
  return <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${STYLE[status]}`}>{t(status)}</span>;
}

export function TagChip({ tag }: { tag: string }) {
  return <span className="inline-flex rounded-md bg-brand-50 px-1.5 py-0.5 text-xs font-medium text-brand-800">{tag}</span>;
}
