import { eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { campaignLinks, campaigns, workspaces, type AbTestConfig, type Campaign, type ContentBlock } from '@/lib/db/schema';
import type { Locale } from '@/lib/i18n/config';
import { preferencesUrl } from '@/lib/sequences/preference-links';
import { personalSurveyUrl, scoreClickUrl } from '@/lib/surveys/links';
import { signToken } from '@/lib/tracking/token';
import type { ClaimedSend } from './claims';
import { footerFor } from './footer';
import { renderCampaignMail, type RenderedMail, type SurveyEmbed } from './render';
import { trackingBaseUrl } from './send-config';
import { loadSurveyEmbeds } from './survey-block';

/**
 * Everything needed to turn a claimed row into that recipient's mail, loaded once per campaign
 * and delivery pass: content per A/B variant, the frozen link ids, the tracking origin.
 */
export interface CampaignContent {
  campaign: Campaign;
  locale: Locale;
  timeZone: string;
  workspaceName: string;
  linkIds: Map<string, number>;
  base: string;
  variants: Map<string | null, { subject: string; previewText: string; blocks: ContentBlock[] }>;
  /** The survey its score-button block embeds (same workspace only). */
  surveys: Record<string, SurveyEmbed>;
}

export interface ComposedMail extends RenderedMail {
  to: string;
  messageId: string;
}

/** The content a variant gets: the A/B variable replaced (ctaText = text of the first button). */
export function variantContent(campaign: Pick<Campaign, 'subject' | 'previewText' | 'blocks'>, ab: AbTestConfig | null, key: string | null) {
  const base = { subject: campaign.subject, previewText: campaign.previewText, blocks: campaign.blocks };
  const value = ab && key ? ab.variants.find((v) => v.key === key)?.value : undefined;
  if (!ab || value === undefined) return base;
  if (ab.variable === 'subject') return { ...base, subject: value };
  if (ab.variable === 'previewText') return { ...base, previewText: value };
  const first = base.blocks.findIndex((b) => b.type === 'button');
  if (first < 0) return base;
  return { ...base, blocks: base.blocks.map((b, i) => (i === first && b.type === 'button' ? { ...b, text: value } : b)) };
}

export async function loadCampaignContent(db: Db, campaignId: string): Promise<CampaignContent | null> {
  const [row] = await db
    .select({ campaign: campaigns, locale: workspaces.locale, timeZone: workspaces.timezone, workspaceName: workspaces.name })
    .from(campaigns)
    .innerJoin(workspaces, eq(workspaces.id, campaigns.workspaceId))
    .where(eq(campaigns.id, campaignId));
  if (!row) return null;
  const links = await db.select({ id: campaignLinks.id, url: campaignLinks.url }).from(campaignLinks).where(eq(campaignLinks.campaignId, campaignId));
  const ab = row.campaign.abTest ?? null;
  const keys: (string | null)[] = [null, ...(ab?.variants.map((v) => v.key) ?? [])];
  const base = trackingBaseUrl(row.campaign.baseUrl);
  return {
    campaign: row.campaign,
    locale: row.locale,
    timeZone: row.timeZone,
    workspaceName: row.workspaceName,
    linkIds: new Map(links.map((l) => [l.url, l.id])),
    base,
    variants: new Map(keys.map((k) => [k, variantContent(row.campaign, ab, k)])),
    surveys: await loadSurveyEmbeds(db, row.campaign.workspaceId, row.campaign.blocks, row.locale, base),
  };
}

function domainOf(from: string, base: string): string {
  const m = /@([^>\s]+)>?\s*$/.exec(from);
  return m ? m[1].toLowerCase() : new URL(base).hostname;
}

/**
 * One recipient's mail: merge tags, signed tracking links (a URL missing from the frozen links
 * stays untracked rather than becoming an open redirect), pixel, unsubscribe link and headers.
 * The Message-ID is a function of the send row, so a retry by the relay is recognisable.
 */
export function composeMail(content: CampaignContent, send: ClaimedSend, from: string): ComposedMail {
  const v = content.variants.get(send.variantKey) ?? content.variants.get(null)!;
  const t = (path: string, purpose: 'open' | 'click' | 'unsubscribe', values: number[]) =>
    `${content.base}/t/${path}/${signToken(purpose, values)}`;
  const mail = renderCampaignMail({
    subject: v.subject,
    previewText: v.previewText,
    blocks: v.blocks,
    contact: send.contact,
    locale: content.locale,
    timeZone: content.timeZone,
    footer: footerFor(content.locale, content.workspaceName),
    surveys: content.surveys,
    tracking: {
      scoreUrl: (score) => scoreClickUrl(content.base, send.id, score),
      surveyUrl: personalSurveyUrl(content.base, send.id),
      preferencesUrl: preferencesUrl(content.base, send.id),
      openUrl: t('o', 'open', [send.id]),
      unsubscribeUrl: t('u', 'unsubscribe', [send.id]),
      clickUrl: (url) => {
        const linkId = content.linkIds.get(url);
        return linkId === undefined ? url : t('c', 'click', [send.id, linkId]);
      },
    },
  });
  return { ...mail, to: send.email, messageId: `<pulse.${content.campaign.id}.${send.id}@${domainOf(from, content.base)}>` };
}
