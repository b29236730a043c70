'use client';

import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/field';
import { FormStatus } from '@/components/ui/form-status';
import { useActionForm } from '@/components/ui/use-action-form';
import { createGoalAction, updateGoalAction } from '@/lib/actions/conversions';

export interface GoalView {
  id: string;
  key: string;
  name: string;
  kind: 'macro' | 'micro';
  defaultValueCents: number | null;
  currency: string;
  archived: boolean;
}

const CURRENCIES = ['EUR', 'USD', 'GBP', 'CHF', 'SEK', 'DKK', 'NOK', 'PLN'];

/** Create (no goal) or edit a goal. */
export function GoalForm({ workspaceId, goal, onDone, onCancel }: { workspaceId: string; goal?: GoalView; onDone?: () => void; onCancel?: () => void }) {
  const t = useTranslations('conversionsSetup.goals');
  const common = useTranslations('common');
  const form = useActionForm(goal ? updateGoalAction : createGoalAction, { reset: !goal, onSuccess: () => onDone?.() });
  const currencies = goal && !CURRENCIES.includes(goal.currency) ? [goal.currency, ...CURRENCIES] : CURRENCIES;
  const title = goal ? t('editTitle', { name: goal.name }) : t('add');
  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-4" aria-label={title}>
      <input type="hidden" name="workspaceId" value={workspaceId} />
      {goal ? <input type="hidden" name="goalId" value={goal.id} /> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label={t('key')} name="key" defaultValue={goal?.key} placeholder="purchase" hint={t('keyHint')} error={form.fieldErrors.key} autoCapitalize="off" spellCheck={false} />
        <TextField label={t('name')} name="name" defaultValue={goal?.name} placeholder="Purchase" error={form.fieldErrors.name} />
        <SelectField
          label={t('kind')}
          name="kind"
          defaultValue={goal?.kind ?? 'macro'}
          hint={`${t('macroExamples')}. ${t('microExamples')}.`}
          options={[
            { value: 'macro', label: t('macro') },
            { value: 'micro', label: t('micro') },
          ]}
          error={form.fieldErrors.kind}
        />
        <div className="grid grid-cols-[1fr_7rem] gap-3">
          <TextField
            label={t('defaultValue')}
            name="defaultValue"
            inputMode="decimal"
            optional={common('optional')}
            defaultValue={goal?.defaultValueCents == null ? '' : String(goal.defaultValueCents / 100)}
            hint={t('defaultValueHint')}
            error={form.fieldErrors.defaultValue}
          />
          <SelectField label={t('currency')} name="currency" defaultValue={goal?.currency ?? 'EUR'} options={currencies.map((c) => ({ value: c, label: c }))} error={form.fieldErrors.currency} />
        </div>
      </div>
      <FormStatus error={form.formError} success={form.succeeded && !goal ? t('created') : null} />
      <div className="flex flex-wrap gap-3">
        <Button type="submit" pending={form.isPending} pendingLabel={common('saving')}>
          {goal ? common('save') : t('create')}
        </Button>
        {onCancel ? (
          <Button variant="ghost" onClick={onCancel}>
            {t('cancel')}
          </Button>
        ) : null}
      </div>
    </form>
  );
}
