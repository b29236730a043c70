import type { PlannedCampaign } from './campaigns-plan';
import type { PlannedContact } from './contacts-plan';
import { chance, pick } from './random';

/**
 * What happens after one campaign is delivered, decided from the seed per (campaign, contact):
 * human opens and clicks hours to days after the send, machine opens and link scans seconds
 * after it, some unsubscribes, bounces and the odd complaint. Times are absolute; the seed
 * records each event through the tracking store and then moves it to this time.
 */
export interface DeliveredSend {
  sendId: number;
  contact: PlannedContact;
  sentAt: Date;
  variantKey: string | null;
  /** First mail this contact ever got from the demo (new addresses bounce more). */
  firstMail: boolean;
}

export type PlannedHit =
  | { kind: 'open' | 'click'; sendId: number; at: Date; machine: false | 'apple-mpp' | 'scanner'; linkIndex?: number }
  | { kind: 'unsubscribe'; sendId: number; at: Date };

export type PlannedEspEvent = { kind: 'bounce' | 'complaint'; sendId: number; email: string; at: Date };

export interface CampaignEngagement {
  hits: PlannedHit[];
  esp: PlannedEspEvent[];
}

const MINUTE = 60_000;
const MAX_DELAY = 6 * 24 * 60 * MINUTE;
/** Delay to a first open: most within hours, a tail over days (exponential, mean 4 h). */
const openDelay = (u: number) => Math.min(MAX_DELAY, Math.round(-Math.log(1 - u) * 240 * MINUTE)) + MINUTE;
const later = (at: Date, ms: number) => new Date(at.getTime() + ms);

export function planEngagement(campaign: PlannedCampaign, sends: DeliveredSend[], linkCount: number): CampaignEngagement {
  const hits: PlannedHit[] = [];
  const esp: PlannedEspEvent[] = [];
  for (const s of sends) {
    const c = s.contact;
    const u = (what: string) => chance(campaign.key, c.index, what);
    if (u('bounce') < (s.firstMail ? 0.012 : 0.0015)) {
      esp.push({ kind: 'bounce', sendId: s.sendId, email: c.email, at: later(s.sentAt, 2 * MINUTE) });
      continue;
    }
    if (c.applePrivacy) hits.push({ kind: 'open', sendId: s.sendId, at: later(s.sentAt, 5_000 + u('mpp') * 30_000), machine: 'apple-mpp' });
    if (c.linkScanner && linkCount > 0) {
      hits.push({ kind: 'click', sendId: s.sendId, at: later(s.sentAt, 1_000 + u('scan') * 8_000), machine: 'scanner', linkIndex: 0 });
    }
    const quiet = c.quietSinceDaysAgo !== null && campaign.daysAgo < c.quietSinceDaysAgo;
    const opened = !quiet && u('open') < c.open * campaign.openFactor;
    let last = s.sentAt;
    if (opened) {
      const first = later(s.sentAt, openDelay(u('delay')));
      const variant = s.variantKey ? (campaign.abTest?.clickFactorByVariant[s.variantKey] ?? 1) : 1;
      const clicked = u('click') < c.clickGivenOpen * campaign.clickFactor * variant;
      // One clicker in eight reads with images off: a click, no open pixel.
      const imagesOff = clicked && u('images') < 0.125;
      if (!imagesOff) hits.push({ kind: 'open', sendId: s.sendId, at: first, machine: false });
      last = first;
      if (u('reopen') < 0.3) {
        last = later(first, openDelay(u('reopen-delay')));
        if (!imagesOff) hits.push({ kind: 'open', sendId: s.sendId, at: last, machine: false });
      }
      if (clicked && linkCount > 0) {
        const at = later(first, MINUTE + u('click-delay') * 5 * MINUTE);
        // The main call to action gets most clicks; the shop link in the footer the rest.
        const linkIndex = u('link') < 0.8 ? 0 : Math.min(linkCount - 1, 1);
        hits.push({ kind: 'click', sendId: s.sendId, at, machine: false, linkIndex });
        if (u('second-click') < 0.25) hits.push({ kind: 'click', sendId: s.sendId, at: later(at, 3 * MINUTE), machine: false, linkIndex: pick([0, 1], u('second-link')) % linkCount });
        if (at > last) last = at;
      }
    }
    const unsubscribeChance = campaign.category === 'promotional' ? 0.004 : 0.0025;
    if (u('unsubscribe') < unsubscribeChance) {
      hits.push({ kind: 'unsubscribe', sendId: s.sendId, at: later(opened ? last : s.sentAt, (opened ? 2 : 24 * 60) * MINUTE) });
    } else if (u('complaint') < 0.0004) {
      esp.push({ kind: 'complaint', sendId: s.sendId, email: c.email, at: later(s.sentAt, 3 * 60 * MINUTE) });
    }
  }
  hits.sort((a, b) => a.at.getTime() - b.at.getTime());
  return { hits, esp };
}
