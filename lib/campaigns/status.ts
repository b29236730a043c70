import type { CampaignStatus } from '@/lib/db/schema/campaigns/constants';

/**
 * The one status every page shows. A `scheduled` campaign whose time has come is already in the
 * worker's hands (picked up within seconds), so it reads "Sending" everywhere, never "Scheduled"
 * with an Unschedule button beside a list that already says "Sent".
 */
export function campaignStatus(c: { status: CampaignStatus; scheduledAt: Date | string | null }, now: Date = new Date()): CampaignStatus {
  if (c.status === 'scheduled' && c.scheduledAt !== null && new Date(c.scheduledAt).getTime() <= now.getTime()) return 'sending';
  return c.status;
}

/** Content and schedule may still change: drafts and campaigns scheduled for later. */
export function isEditable(status: CampaignStatus): boolean {
  return status === 'draft' || status === 'scheduled';
}
