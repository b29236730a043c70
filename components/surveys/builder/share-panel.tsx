import { useTranslations } from 'next-intl';
import { Card } from '@/components/ui/card';
import { CopyField } from './copy-field';

/** The public link and the copy-paste score row for other mail tools (both built on the server). */
export function SharePanel({ publicUrl, snippet, isOpen, snippetLanguage }: { publicUrl: string; snippet: string; isOpen: boolean; snippetLanguage: string }) {
  const t = useTranslations('surveys.builder');
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Card title={t('publicLink')} description={t('publicLinkHelp')}>
        <CopyField label={t('publicLink')} value={publicUrl} copyLabel={t('copyLink')} testId="survey-public-url" />
        {!isOpen ? <p className="mt-1 text-sm text-amber-800">{t('publicLinkNotOpen')}</p> : null}
      </Card>
      <Card title={t('snippetTitle')} description={t('snippetHelp')}>
        <CopyField label={t('snippetLabel')} value={snippet} copyLabel={t('copySnippet')} multiline testId="survey-snippet" />
        <p className="text-xs text-zinc-500">{t('snippetLanguage', { language: snippetLanguage })}</p>
      </Card>
    </div>
  );
}
