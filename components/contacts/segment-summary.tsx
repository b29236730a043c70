import { useTranslations } from 'next-intl';
import type { SegmentRule, SegmentRules } from '@/lib/segments/rules';

/** A segment's rules as one readable sentence, so the list says what each segment selects. */
export function useSegmentSummary(lists: { id: string; name: string }[]) {
  const t = useTranslations('contacts.segments.summary');
  const tiers = useTranslations('contacts.detail.tiers');
  const statuses = useTranslations('contacts.statuses');
  const groups = useTranslations('contacts.segments.surveyGroups');
  const listName = (id: string) => lists.find((l) => l.id === id)?.name ?? t('unknownList');

  const one = (r: SegmentRule): string => {
    switch (r.kind) {
      case 'lastActivity':
        return r.op === 'never' ? t('never', { signal: r.signal }) : t(r.op, { signal: r.signal, days: r.days ?? 0 });
      case 'inactivityTier':
        return t('tiers', { tiers: r.tiers.map((id) => tiers(id)).join(', ') });
      case 'engagement':
        if (r.behaviour === 'openedNotClicked') return t('openedNotClicked', { days: r.days ?? 0 });
        return r.days ? t('neverEngagedJoined', { days: r.days }) : t('neverEngaged');
      case 'list':
        return t(r.op === 'in' ? 'inList' : 'notInList', { list: listName(r.listId) });
      case 'tag':
        return t(r.op === 'has' ? 'hasTag' : 'notHasTag', { tag: r.tag });
      case 'attribute':
        return t(r.op === 'equals' ? 'attrEquals' : 'attrContains', { key: r.key, value: r.value });
      case 'status':
        return t('status', { statuses: r.statuses.map((s) => statuses(s)).join(', ') });
      case 'surveyCategory':
        return t(r.survey === 'nps' ? 'npsGroups' : 'csatGroups', {
          groups: r.categories.map((c: string) => groups(`${r.survey}.${c}`)).join(', '),
        });
      case 'group':
        return `(${all(r)})`;
    }
  };
  const all = (rules: SegmentRules): string => rules.rules.map(one).join(t(rules.match === 'all' ? 'and' : 'or'));
  return (rules: SegmentRules) => (rules.rules.length ? all(rules) : t('everyone'));
}
