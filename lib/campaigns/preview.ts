import { and, eq, sql } from 'drizzle-orm';
import { memberships, users, type Campaign } from '@/lib/db/schema';
import { invalid } from '@/lib/errors';
import { sendMail } from '@/lib/mail/send';
import { assertRole, type WorkspaceCtx } from '@/lib/workspaces/context';
import { getWorkspace } from '@/lib/workspaces/get';
import { footerFor } from './footer';
import { getCampaignInWorkspace } from './guards';
import { renderCampaignMail, type RenderInput } from './render';
import { sendReadiness } from './schedule';
import { trackingBaseUrl } from './send-config';
import { loadSurveyEmbeds } from './survey-block';

/** A mail without tracking: links as written, survey scores to the public page with ?score=N. */
export function previewInput(
  c: Campaign,
  locale: 'en' | 'nl',
  workspaceName: string,
  contact: RenderInput['contact'],
  surveys: RenderInput['surveys'] = {},
): RenderInput {
  return { subject: c.subject, previewText: c.previewText, blocks: c.blocks, contact, locale, footer: footerFor(locale, workspaceName), surveys };
}

async function isMemberAddress(ctx: WorkspaceCtx, address: string): Promise<boolean> {
  const [row] = await ctx.db
    .select({ id: users.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.workspaceId, ctx.workspaceId), sql`lower(${users.email}) = lower(${address})`))
    .limit(1);
  return Boolean(row);
}

/** A test send to one address through the workspace's real mail route, without tracking. */
export async function sendTestCampaign({ ctx, input }: { ctx: WorkspaceCtx; input: { campaignId: string; to?: string; baseUrl?: string } }) {
  assertRole(ctx, 'member');
  const c = await getCampaignInWorkspace(ctx.db, ctx, input.campaignId);
  const gaps = sendReadiness(c);
  if (gaps.length) throw invalid(gaps[0]);
  const ws = await getWorkspace(ctx);
  const [me] = await ctx.db.select({ email: users.email, name: users.name }).from(users).where(eq(users.id, ctx.userId));
  const to = input.to ?? me.email;
  // Campaign content goes only to the team: a test send must not be a way to mail anyone at all.
  if (!(await isMemberAddress(ctx, to))) throw invalid('testRecipientNotMember');
  const surveys = await loadSurveyEmbeds(ctx.db, ws.id, c.blocks, ws.locale, trackingBaseUrl(input.baseUrl ?? c.baseUrl));
  const mail = renderCampaignMail(previewInput(c, ws.locale, ws.name, { email: to, firstName: me.name.split(' ')[0] }, surveys));
  return sendMail(ctx.db, { workspaceId: ws.id, kind: 'campaign-test', to, subject: `[TEST] ${mail.subject}`, html: mail.html, text: mail.text });
}
