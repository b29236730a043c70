'use client';

import Link from 'next/link';
import { useParams } from 'next/navigation';
import { useTranslations } from 'next-intl';

/** "Open the outbox", for messages that say a mail went there instead of out. */
export function OutboxLink() {
  const t = useTranslations('settings.outbox');
  const { slug } = useParams<{ slug: string }>();
  return (
    <Link href={`/w/${slug}/settings/outbox`} className="font-medium underline" data-testid="outbox-link">
      {t('openLink')}
    </Link>
  );
}
