import type { Db } from '@/lib/db/client';
import { campaignLinks, type Campaign } from '@/lib/db/schema';
import { linkTargets } from './render';

/**
 * Freezes a campaign's links: the only URLs its tracked links may redirect to. Existing links stay
 * (mail already out points at them), so calling it again after an edit only adds new URLs.
 */
export async function freezeCampaignLinks(tx: Db, campaign: Pick<Campaign, 'id' | 'workspaceId' | 'blocks'>): Promise<void> {
  const urls = linkTargets(campaign.blocks);
  if (urls.length === 0) return;
  await tx
    .insert(campaignLinks)
    .values(urls.map((url) => ({ workspaceId: campaign.workspaceId, campaignId: campaign.id, url })))
    .onConflictDoNothing();
}
