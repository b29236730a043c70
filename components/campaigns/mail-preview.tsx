'use client';

import { useTranslations } from 'next-intl';
import { useMemo } from 'react';
import { renderCampaignMail, type SurveyEmbed } from '@/lib/campaigns/render';
import type { ContentBlock } from '@/lib/db/schema/campaigns';

const DAY_MS = 86_400_000;
/** A week from today at noon UTC: the same calendar day on the server render and in the browser. */
const sampleSunset = () => new Date((Math.floor(Date.now() / DAY_MS) + 7) * DAY_MS + DAY_MS / 2);

/** The mail as a recipient sees it, rendered by the same code that sends it. */
export function MailPreview({
  subject,
  previewText,
  blocks,
  locale,
  workspaceName,
  surveys = {},
}: {
  subject: string;
  previewText: string;
  blocks: ContentBlock[];
  locale: string;
  workspaceName: string;
  /** Surveys the blocks embed: the preview links each score to the public page (?score=N). */
  surveys?: Record<string, SurveyEmbed>;
}) {
  const t = useTranslations('campaigns');
  const mail = useMemo(
    () =>
      renderCampaignMail({
        subject,
        previewText,
        blocks,
        locale,
        surveys,
        // Sample values for the sequence tags too: a step's "removed on {{ sunset_date }}" must not preview as "removed on .".
        contact: { email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace', joinedAt: new Date('2024-03-05'), daysAway: 97, sunsetAt: sampleSunset() },
        footer: { address: workspaceName, unsubscribeLabel: t('mail.unsubscribe'), reason: t('mail.reason', { workspace: workspaceName }) },
      }),
    [subject, previewText, blocks, locale, workspaceName, surveys, t],
  );
  return (
    <div className="overflow-hidden rounded-xl bg-white ring-1 ring-zinc-200">
      <div className="border-b border-zinc-100 px-4 py-3 text-sm">
        <p className="truncate font-semibold text-zinc-900">{mail.subject || '—'}</p>
        <p className="truncate text-zinc-500">{previewText}</p>
      </div>
      <iframe title={t('editor.previewTitle')} sandbox="" srcDoc={mail.html} className="h-[36rem] w-full" />
    </div>
  );
}
