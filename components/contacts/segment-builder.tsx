'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { TextField } from '@/components/ui/field';
import { FormStatus } from '@/components/ui/form-status';
import { useActionForm } from '@/components/ui/use-action-form';
import { countSegmentAction, createSegmentAction, updateSegmentAction } from '@/lib/actions/contacts';
import { segmentRulesSchema } from '@/lib/segments/rules';
import { toRules, type DraftRules } from './segment-draft';
import { RuleList } from './segment-rules';
import { translateMessage } from '@/lib/i18n/message-key';

const COUNT_DEBOUNCE_MS = 400;

interface Props {
  workspaceId: string;
  lists: { id: string; name: string }[];
  segment: { id: string | null; name: string; rules: DraftRules };
  onDone: () => void;
}

type Count = { state: 'invalid' } | { state: 'counting' } | { state: 'done'; count: number } | { state: 'error' };

/** Rules on the left, a live count of the contacts they select right now, and save. */
export function SegmentBuilder({ workspaceId, lists, segment, onDone }: Props) {
  const t = useTranslations();
  const format = useFormatter();
  const [name, setName] = useState(segment.name);
  const [draft, setDraft] = useState<DraftRules>(segment.rules);
  const [showErrors, setShowErrors] = useState(false);
  const [count, setCount] = useState<Count>({ state: 'counting' });
  const seq = useRef(0);
  const save = useActionForm(segment.id ? updateSegmentAction : createSegmentAction, { onSuccess: onDone });

  const rules = useMemo(() => toRules(draft), [draft]);
  const parsed = useMemo(() => segmentRulesSchema.safeParse(rules), [rules]);
  const key = JSON.stringify(rules);
  const errors = useMemo(() => {
    if (parsed.success || !showErrors) return {};
    const out: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String).join('.');
      out[path] ??= translateMessage(t, issue.message);
    }
    return out;
  }, [parsed, showErrors, t]);

  useEffect(() => {
    const mine = ++seq.current;
    if (!parsed.success) {
      const id = setTimeout(() => setCount({ state: 'invalid' }), 0);
      return () => clearTimeout(id);
    }
    const id = setTimeout(async () => {
      setCount({ state: 'counting' });
      const res = await countSegmentAction({ workspaceId, rules: JSON.parse(key) });
      // A slower answer to an older version of the rules must not overwrite a newer one.
      if (mine !== seq.current) return;
      setCount(res?.data ? { state: 'done', count: res.data.count } : { state: 'error' });
    }, COUNT_DEBOUNCE_MS);
    return () => clearTimeout(id);
  }, [key, parsed.success, workspaceId]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setShowErrors(true);
    if (!parsed.success) return;
    void save.run({ workspaceId, name, rules: parsed.data, ...(segment.id && { segmentId: segment.id }) });
  };

  return (
    <Card title={segment.id ? t('contacts.segments.editTitle', { name: segment.name }) : t('contacts.segments.newTitle')}>
      <form onSubmit={submit} noValidate className="space-y-5" aria-label={t('contacts.segments.builderLabel')}>
        <TextField label={t('contacts.segments.name')} value={name} onChange={(e) => setName(e.target.value)} required error={save.fieldErrors.name} className="max-w-sm" />
        <RuleList
          match={draft.match}
          rules={draft.rules}
          onChange={(match, next) => setDraft({ match, rules: next })}
          path=""
          depth={1}
          lists={lists}
          errors={errors}
        />
        <p role="status" aria-live="polite" className="rounded-lg bg-brand-50 px-4 py-3 text-sm font-medium text-brand-800" data-testid="segment-count">
          {count.state === 'done'
            ? t('contacts.segments.liveCount', { count: count.count, formatted: format.number(count.count) })
            : count.state === 'counting'
              ? t('contacts.segments.counting')
              : count.state === 'invalid'
                ? t('contacts.segments.incomplete')
                : t('contacts.segments.countFailed')}
        </p>
        <FormStatus error={save.formError} />
        <div className="flex flex-wrap gap-3">
          <Button type="submit" pending={save.isPending} pendingLabel={t('common.saving')}>
            {t('contacts.segments.save')}
          </Button>
          <Button variant="secondary" onClick={onDone}>
            {t('common.cancel')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
