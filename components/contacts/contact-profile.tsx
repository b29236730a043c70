import { useFormatter, useTranslations } from 'next-intl';
import type { Contact } from '@/lib/db/schema';
import type { InactivityTierId } from '@/lib/metrics/reactivation';

interface Props {
  contact: Contact;
  /** Under the workspace's inactivity definition (lib/metrics definedInactivity); null while active or when nothing is known. */
  tier: InactivityTierId | null;
  /** Whole days since the last counted activity; null when nothing is known. */
  daysInactive: number | null;
}

export function ContactProfile({ contact: c, tier, daysInactive }: Props) {
  const t = useTranslations('contacts.detail');
  const s = useTranslations('sequences.segments.profile');
  const format = useFormatter();
  const date = (d: Date | null) => (d ? format.dateTime(d, 'dateTime') : t('never'));
  const rows: [string, string][] = [
    [t('email'), c.email],
    [t('firstName'), c.firstName ?? '—'],
    [t('lastName'), c.lastName ?? '—'],
    [t('joined'), c.joinedAt ? format.dateTime(c.joinedAt, 'date') : '—'],
    [t('lastOpen'), date(c.lastOpenAt)],
    [t('lastClick'), date(c.lastClickAt)],
    [t('lastPurchase'), date(c.lastPurchaseAt)],
    // Imported from the shop's export (lib/contacts/import-money); the value tiers of re-engagement read it.
    [s('lifetimeValue'), c.lifetimeValueCents > 0 ? format.number(c.lifetimeValueCents / 100, { style: 'currency', currency: 'EUR' }) : '—'],
    [s('daysInactive'), daysInactive === null ? t('noSignals') : s('days', { days: daysInactive })],
    [t('inactivity'), tier ? t(`tiers.${tier}`) : daysInactive !== null ? t('active') : t('noSignals')],
    // The group of the latest confirmed answer (lib/surveys/answer sets it); segments and audiences use the same column.
    [t('nps'), c.npsCategory && c.npsAnsweredAt ? t('surveyGroup', { group: t(`npsGroups.${c.npsCategory}`), date: format.dateTime(c.npsAnsweredAt, 'date') }) : t('noAnswer')],
    [t('csat'), c.csatCategory && c.csatAnsweredAt ? t('surveyGroup', { group: t(`csatGroups.${c.csatCategory}`), date: format.dateTime(c.csatAnsweredAt, 'date') }) : t('noAnswer')],
    [t('added'), date(c.createdAt)],
    [t('updated'), date(c.updatedAt)],
  ];
  return (
    <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt className="text-zinc-500">{label}</dt>
          <dd className="font-medium break-words text-zinc-900">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function ContactAttributes({ attributes }: { attributes: Record<string, string> }) {
  const t = useTranslations('contacts.detail');
  const entries = Object.entries(attributes).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return <p className="text-sm text-zinc-500">{t('noAttributes')}</p>;
  return (
    <dl className="divide-y divide-zinc-100 text-sm" data-testid="contact-attributes">
      {entries.map(([key, value]) => (
        <div key={key} className="grid grid-cols-[minmax(8rem,1fr)_2fr] gap-4 py-2">
          <dt className="font-mono text-xs text-zinc-600">{key}</dt>
          <dd className="break-words text-zinc-900">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
