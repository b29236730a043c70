import { CircleDot, Mail, MousePointerClick, ShoppingCart, Upload, UserPlus, UserCog, type LucideIcon } from 'lucide-react';
import { useFormatter, useTranslations } from 'next-intl';
import type { TimelineEntry } from '@/lib/contacts/detail';

const ICON: Record<TimelineEntry['kind'], LucideIcon> = {
  created: UserPlus,
  imported: Upload,
  added: UserPlus,
  updated: UserCog,
  status: CircleDot,
  lastOpen: Mail,
  lastClick: MousePointerClick,
  lastPurchase: ShoppingCart,
  event: Mail,
};

function useDescribe() {
  const t = useTranslations('contacts.timeline');
  const ts = useTranslations('contacts.statuses');
  const status = (s: string | null) => (s && ts.has(s as never) ? ts(s as never) : (s ?? '?'));
  return (e: TimelineEntry): string => {
    switch (e.kind) {
      case 'created':
        return e.by ? t('createdBy', { name: e.by }) : t('created');
      case 'imported':
        return t('imported', { file: e.fileName });
      case 'added':
        return t('added');
      case 'updated':
        return t('updated', { name: e.by ?? t('someone'), fields: e.fields.join(', ') });
      case 'status':
        return t('status', { name: e.by ?? t('someone'), from: status(e.from), to: status(e.to) });
      case 'event':
        return t(`events.${e.type}`, { campaign: e.campaignName ?? t('unknownCampaign') }) + (e.machine ? ` ${t('machine')}` : '');
      default:
        return t(e.kind);
    }
  };
}

export function ContactTimeline({ entries }: { entries: TimelineEntry[] }) {
  const t = useTranslations('contacts.timeline');
  const format = useFormatter();
  const describe = useDescribe();
  const hasEvents = entries.some((e) => e.kind === 'event');
  return (
    <div className="space-y-4">
      <ol className="space-y-4" data-testid="contact-timeline">
        {entries.map((e, i) => {
          const Icon = ICON[e.kind];
          return (
            <li key={`${e.kind}-${e.at.getTime()}-${i}`} className="flex gap-3 text-sm">
              <Icon aria-hidden className="mt-0.5 size-4 shrink-0 text-zinc-400" />
              <div>
                <p className="text-zinc-900">{describe(e)}</p>
                <time dateTime={e.at.toISOString()} className="text-xs text-zinc-500">
                  {format.dateTime(e.at, 'dateTime')}
                </time>
              </div>
            </li>
          );
        })}
      </ol>
      {hasEvents ? null : <p className="text-xs text-zinc-500">{t('campaignEventsLater')}</p>}
    </div>
  );
}
