import { createFormatter, createTranslator } from 'next-intl';
import { buttonClass } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { PREFERENCE_FREQUENCIES, PREFERENCE_TOPICS } from '@/lib/db/schema/sequences/constants';
import { messagesByLocale } from '@/lib/i18n/config';
import { formats } from '@/lib/i18n/formats';
import type { PreferenceCentre, PreferenceOutcome } from '@/lib/sequences/preferences';

export type PreferenceNotice = PreferenceOutcome | 'invalid' | 'tooMany' | 'tooLarge' | 'failed';

const GOOD = new Set<PreferenceNotice>(['saved', 'replayed', 'unsubscribed']);

/**
 * The preference centre, in the workspace's language (not the visitor's browser): two plain forms
 * that post without JavaScript. Large touch targets, fieldsets with legends, the outcome announced
 * in a status region.
 */
export function PreferenceCentreView({
  centre,
  action,
  submissionId,
  notice,
}: {
  centre: PreferenceCentre;
  action: string;
  submissionId: string;
  notice: PreferenceNotice | null;
}) {
  // The workspace's language, whatever the request's own locale (browser or cookie) is.
  const locale = centre.locale;
  const t = createTranslator({ locale, messages: messagesByLocale[locale], namespace: 'preferences' });
  const format = createFormatter({ locale, formats, timeZone: centre.timeZone });
  const ws = centre.workspaceName;
  const chosen = new Set<string>(centre.preferences.topics);
  const option = 'flex min-h-12 cursor-pointer items-center gap-3 rounded-lg px-3 py-2 ring-1 ring-inset ring-zinc-200 has-[:checked]:bg-brand-50 has-[:checked]:ring-brand-600 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-brand-600';
  return (
    <main id="main" lang={locale} className="mx-auto max-w-xl px-4 py-8 sm:py-16">
      <div className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-zinc-200 sm:p-8">
        <p className="text-sm font-medium text-brand-700" data-testid="preferences-workspace">
          {ws}
        </p>
        <h1 className="mt-1 text-2xl font-semibold text-zinc-900">{t('title')}</h1>
        <div role="status" aria-live="polite">
          {notice ? (
            <p
              className={cn(
                'mt-4 rounded-lg p-3 text-sm ring-1 ring-inset',
                GOOD.has(notice) ? 'bg-emerald-50 text-emerald-900 ring-emerald-200' : 'bg-amber-50 text-amber-950 ring-amber-200',
              )}
              data-testid="preferences-notice"
            >
              {t(`notice.${notice}`, { workspace: ws })}
            </p>
          ) : null}
        </div>
        {!centre.subscribed ? (
          <p className="mt-4 text-zinc-700" data-testid="preferences-unsubscribed">
            {t('notSubscribedBody', { workspace: ws })}
          </p>
        ) : (
          <>
            <p className="mt-2 text-zinc-600">{t('intro', { workspace: ws })}</p>
            <form method="post" action={action} className="mt-6 space-y-6" data-testid="preferences-form">
              <input type="hidden" name="intent" value="save" />
              <input type="hidden" name="submissionId" value={submissionId} />
              <fieldset>
                <legend className="text-base font-semibold text-zinc-900">{t('topicsLegend')}</legend>
                <p className="mt-1 text-sm text-zinc-600">{t('topicsHint')}</p>
                <div className="mt-3 grid gap-2 sm:grid-cols-2">
                  {PREFERENCE_TOPICS.map((topic) => (
                    <label key={topic} className={option}>
                      <input type="checkbox" name="topic" value={topic} defaultChecked={chosen.has(topic)} className="size-5 shrink-0 accent-brand-600" />
                      <span className="text-zinc-900">{t(`topics.${topic}`)}</span>
                    </label>
                  ))}
                </div>
              </fieldset>
              <fieldset>
                <legend className="text-base font-semibold text-zinc-900">{t('frequencyLegend')}</legend>
                <div className="mt-3 grid gap-2">
                  {PREFERENCE_FREQUENCIES.map((f) => (
                    <label key={f} className={option}>
                      <input type="radio" name="frequency" value={f} defaultChecked={centre.preferences.frequency === f} required className="size-5 shrink-0 accent-brand-600" />
                      <span className="text-zinc-900">{t(`frequencies.${f}`)}</span>
                    </label>
                  ))}
                </div>
              </fieldset>
              <div className="flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
                <button type="submit" className={buttonClass('primary', 'min-h-12 w-full sm:w-auto')}>
                  {t('save')}
                </button>
                {centre.preferences.updatedAt ? (
                  <p className="text-sm text-zinc-500" data-testid="preferences-updated">
                    {t('lastSaved', { date: format.dateTime(new Date(centre.preferences.updatedAt), 'date') })}
                  </p>
                ) : null}
              </div>
            </form>
            <form method="post" action={action} className="mt-8 border-t border-zinc-200 pt-6" data-testid="unsubscribe-form">
              <input type="hidden" name="intent" value="unsubscribe" />
              <h2 className="text-base font-semibold text-zinc-900">{t('unsubscribeTitle')}</h2>
              <p className="mt-1 text-sm text-zinc-600">{t('unsubscribeBody', { workspace: ws })}</p>
              <button type="submit" className={buttonClass('secondary', 'mt-3 min-h-12 w-full sm:w-auto')}>
                {t('unsubscribe')}
              </button>
            </form>
          </>
        )}
      </div>
    </main>
  );
}
