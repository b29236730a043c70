import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { campaigns, contacts, memberships, surveyResponses, surveys, users, workspaces, type Job } from '@/lib/db/schema';
import { trackingBaseUrl } from '@/lib/campaigns/send-config';
import { isLocale, type Locale } from '@/lib/i18n/config';
import { translator } from '@/lib/i18n/translator';
import { button, escapeHtml, layout } from '@/lib/mail/html';
import { sendMail } from '@/lib/mail/send';

/**
 * The detractor alert job (SURVEY_JOB_KINDS.detractorAlert, enqueued by recordAnswer in the
 * answer's own transaction): one mail to each chosen member who is STILL a member of the survey's
 * workspace (a removed member gets nothing), in the workspace's language, with the score, the
 * comment (escaped) and a link to the survey report.
 */
export async function sendDetractorAlert(db: Db, job: Pick<Job, 'id' | 'payload'>): Promise<{ sent: number }> {
  const { surveyId, responseId } = job.payload as { surveyId?: unknown; responseId?: unknown };
  if (typeof surveyId !== 'string' || typeof responseId !== 'number') throw new Error(`job ${job.id}: bad detractor alert payload`);
  const [row] = await db
    .select({
      survey: { id: surveys.id, name: surveys.name, alertUserIds: surveys.alertUserIds, workspaceId: surveys.workspaceId },
      workspace: { name: workspaces.name, slug: workspaces.slug, locale: workspaces.locale },
      response: { score: surveyResponses.score, comment: surveyResponses.comment, status: surveyResponses.status, category: surveyResponses.category },
      contactEmail: contacts.email,
      campaignBaseUrl: campaigns.baseUrl,
    })
    .from(surveyResponses)
    .innerJoin(surveys, and(eq(surveys.id, surveyResponses.surveyId), eq(surveys.workspaceId, surveyResponses.workspaceId)))
    .innerJoin(workspaces, eq(workspaces.id, surveys.workspaceId))
    .leftJoin(contacts, and(eq(contacts.id, surveyResponses.contactId), eq(contacts.workspaceId, surveyResponses.workspaceId)))
    .leftJoin(campaigns, and(eq(campaigns.id, surveyResponses.campaignId), eq(campaigns.workspaceId, surveyResponses.workspaceId)))
    .where(and(eq(surveyResponses.id, responseId), eq(surveyResponses.surveyId, surveyId)));
  // Deleted since, changed into a non-detractor, or no longer counted: nothing to tell.
  if (!row || row.response.status !== 'confirmed' || row.response.category !== 'detractor') return { sent: 0 };
  if (row.survey.alertUserIds.length === 0) return { sent: 0 };

  const recipients = await db
    .select({ email: users.email })
    .from(users)
    .innerJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.workspaceId, row.survey.workspaceId)))
    .where(inArray(users.id, row.survey.alertUserIds));

  const locale: Locale = isLocale(row.workspace.locale) ? row.workspace.locale : 'en';
  // Never the respondent's Host header: the link goes to team members' inboxes.
  const reportUrl = `${trackingBaseUrl(row.campaignBaseUrl)}/w/${encodeURIComponent(row.workspace.slug)}/surveys/${row.survey.id}`;
  const mail = detractorAlertMail({
    locale,
    workspaceName: row.workspace.name,
    surveyName: row.survey.name,
    score: row.response.score,
    comment: row.response.comment,
    contactEmail: row.contactEmail,
    reportUrl,
  });
  for (const r of recipients) {
    await sendMail(db, { workspaceId: row.survey.workspaceId, kind: 'survey-detractor-alert', to: r.email, ...mail });
  }
  return { sent: recipients.length };
}

export function detractorAlertMail(opts: {
  locale: Locale;
  workspaceName: string;
  surveyName: string;
  score: number;
  comment: string | null;
  contactEmail: string | null;
  reportUrl: string;
}) {
  const t = translator(opts.locale);
  const vars = { score: opts.score, survey: opts.surveyName, workspace: opts.workspaceName };
  const subject = t('mail.surveyAlert.subject', vars);
  const intro = t('mail.surveyAlert.intro', vars);
  const who = opts.contactEmail ? t('mail.surveyAlert.contact', { contact: opts.contactEmail }) : t('mail.surveyAlert.anonymous');
  const comment = opts.comment
    ? `<p style="margin:16px 0 4px;font-weight:600">${escapeHtml(t('mail.surveyAlert.comment'))}</p><blockquote style="margin:0;padding:8px 12px;border-left:3px solid #a1a1aa;white-space:pre-wrap">${escapeHtml(opts.comment)}</blockquote>`
    : `<p>${escapeHtml(t('mail.surveyAlert.noComment'))}</p>`;
  const html = layout({
    lang: opts.locale,
    title: subject,
    body: `<h1 style="font-size:20px;margin:0 0 16px">${escapeHtml(subject)}</h1>
<p>${escapeHtml(intro)}</p><p>${escapeHtml(who)}</p>${comment}${button(opts.reportUrl, t('mail.surveyAlert.cta'))}`,
    footer: escapeHtml(t('mail.surveyAlert.footer', vars)),
  });
  const text = [
    subject,
    intro,
    who,
    opts.comment ? `${t('mail.surveyAlert.comment')}\n${opts.comment}` : t('mail.surveyAlert.noComment'),
    `${t('mail.surveyAlert.cta')}: ${opts.reportUrl}`,
    t('mail.surveyAlert.footer', vars),
  ].join('\n\n');
  return { subject, html, text };
}
