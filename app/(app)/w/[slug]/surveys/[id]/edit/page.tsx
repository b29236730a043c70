import { getTranslations } from 'next-intl/server';
import { SharePanel } from '@/components/surveys/builder/share-panel';
import { SurveyStatusActions } from '@/components/surveys/builder/status-actions';
import type { BuilderDraft } from '@/components/surveys/builder/draft';
import { SurveyBuilder } from '@/components/surveys/builder/survey-builder';
import { SurveyStatusBadge } from '@/components/surveys/list/status-badge';
import { SendSurveyDialog } from '@/components/surveys/send-survey-dialog';
import { Alert } from '@/components/ui/alert';
import { PageHeader } from '@/components/ui/page-header';
import { utcToWallTime } from '@/lib/campaigns/zoned-time';
import type { Survey } from '@/lib/db/schema';
import { baseUrl } from '@/lib/http/base-url';
import { countNpsGroups } from '@/lib/campaigns/audience';
import { listLists } from '@/lib/contacts/lists';
import { listMembers } from '@/lib/members/list';
import { listSegments } from '@/lib/segments/manage';
import { countSurveyAnswers, getSurveyInWorkspace, surveyStatusAt } from '@/lib/surveys/get';
import { publicSurveyUrl } from '@/lib/surveys/links';
import { defaultSurveyQuestion, scoreRowHtml } from '@/lib/surveys/score-row';
import { hasRole } from '@/lib/workspaces/context';
import { getPageContext, orNotFound } from '@/lib/workspaces/page-context';

function toDraft(s: Survey, timeZone: string): BuilderDraft {
  const groups = (g: Survey['followUp']) => ({ promoter: g.promoter ?? '', passive: g.passive ?? '', detractor: g.detractor ?? '' });
  return {
    name: s.name,
    kind: s.kind,
    locale: s.locale,
    question: s.question,
    followUp: groups(s.followUp),
    thankYou: groups(s.thankYou),
    nextStepLabel: s.passiveNextStep?.label ?? '',
    nextStepUrl: s.passiveNextStep?.url ?? '',
    brandColor: s.brandColor,
    logoUrl: s.logoUrl ?? '',
    changeWindowHours: String(s.changeWindowHours),
    alertUserIds: s.alertUserIds,
    closesAtLocal: s.closesAt ? utcToWallTime(s.closesAt, timeZone) : '',
  };
}

export default async function EditSurveyPage({ params }: { params: Promise<{ slug: string; id: string }> }) {
  const { slug, id } = await params;
  const { ctx, workspace, role } = await getPageContext(slug);
  const survey = await orNotFound(getSurveyInWorkspace(ctx, id));
  const [members, answers, origin, lists, segments, npsCounts] = await Promise.all([
    listMembers(ctx),
    countSurveyAnswers(ctx, survey.id),
    baseUrl(),
    listLists(ctx),
    listSegments(ctx),
    countNpsGroups(ctx),
  ]);
  const t = await getTranslations('surveys.builder');
  const tRoles = await getTranslations('roles');
  const canEdit = hasRole(role, 'member');
  const status = surveyStatusAt(survey);

  const publicUrl = publicSurveyUrl(origin, survey.publicToken);
  // The snippet speaks the survey's language; "auto" has no browser to ask in a mail, so the workspace's.
  const snippetLocale = survey.locale === 'auto' ? workspace.locale : survey.locale;
  const snippet = scoreRowHtml({
    kind: survey.kind,
    brandColor: survey.brandColor,
    locale: snippetLocale,
    // The public page's own default wording, so the mail and the page ask the same question.
    question: survey.question || defaultSurveyQuestion(survey.kind, snippetLocale),
    hrefFor: (s) => `${publicUrl}?score=${s}`,
  });

  return (
    <>
      <PageHeader
        title={survey.name}
        description={t(`status.${status}`)}
        actions={
          <div className="flex flex-wrap items-center gap-2">
            <SurveyStatusBadge status={status} />
            {canEdit ? (
              <SendSurveyDialog
                workspaceId={workspace.id}
                slug={slug}
                survey={{
                  id: survey.id,
                  name: survey.name,
                  kind: survey.kind,
                  status,
                  cadenceMonths: survey.cadenceMonths,
                  waveAudience: survey.waveAudience,
                  nextWaveAt: survey.nextWaveAt?.toISOString() ?? null,
                }}
                lists={lists.map((l) => ({ id: l.id, name: l.name }))}
                segments={segments.map((s) => ({ id: s.id, name: s.name }))}
                npsCounts={npsCounts}
              />
            ) : null}
            {canEdit ? (
              <SurveyStatusActions workspaceId={workspace.id} slug={slug} surveyId={survey.id} name={survey.name} status={status} answers={answers} />
            ) : null}
          </div>
        }
      />
      {canEdit ? null : (
        <Alert tone="info" className="mb-6">
          {t('readOnly', { role: tRoles(role) })}
        </Alert>
      )}
      <div className="space-y-6">
        <SharePanel publicUrl={publicUrl} snippet={snippet} isOpen={status === 'open'} snippetLanguage={t(`locales.${snippetLocale}`)} />
        <SurveyBuilder
          workspaceId={workspace.id}
          workspaceName={workspace.name}
          slug={slug}
          timeZone={workspace.timezone}
          members={members.map((m) => ({ userId: m.userId, name: m.name, email: m.email }))}
          canEdit={canEdit}
          surveyId={survey.id}
          initial={toDraft(survey, workspace.timezone)}
          kindLocked={answers > 0}
          links={{ review: workspace.reviewUrl ?? undefined, referral: workspace.referralUrl ?? undefined }}
        />
      </div>
    </>
  );
}
