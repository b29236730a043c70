import { eq } from 'drizzle-orm';
import { users, type Campaign } from '@/lib/db/schema';
import { invalid } from '@/lib/errors';
import { sendMail } from '@/lib/mail/send';
import { assertRole, type WorkspaceCtx } from '@/lib/workspaces/context';
import { getWorkspace } from '@/lib/workspaces/get';
import { footerFor } from './footer';
import { getCampaignInWorkspace } from './guards';
import { renderCampaignMail, type RenderInput } from './render';
import { sendReadiness } from './schedule';


export function previewInput(c: Campaign, locale: 'en' | 'nl', workspaceName: string, contact: RenderInput['contact']): RenderInput {
  return { subject: c.subject, previewText: c.previewText, blocks: c.blocks, contact, locale, footer: footerFor(locale, workspaceName) };
}

/** A test send to one address through the workspace's real mail route, without tracking. */
export async function sendTestCampaign({ ctx, input }: { ctx: WorkspaceCtx; input: { campaignId: string; to?: string } }) {
  assertRole(ctx, 'member');
  const c = await getCampaignInWorkspace(ctx.db, ctx, input.campaignId);
  const gaps = sendReadiness(c);
  if (gaps.length) throw invalid(gaps[0]);
  const ws = await getWorkspace(ctx);
  const [me] = await ctx.db.select({ email: users.email, name: users.name }).from(users).where(eq(users.id, ctx.userId));
  const to = input.to ?? me.email;
  const mail = renderCampaignMail(previewInput(c, ws.locale, ws.name, { email: to, firstName: me.name.split(' ')[0] }));
  return sendMail(ctx.db, { workspaceId: ws.id, kind: 'campaign-test', to, subject: `[TEST] ${mail.subject}`, html: mail.html, text: mail.text });
}
