'use client';

import { useFormatter, useTranslations } from 'next-intl';
import type { FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { SelectField } from '@/components/ui/field';
import type { CsvHead } from './csv-head';
import { chooseTarget, COLUMN_TARGETS, type ColumnChoice, type ColumnTarget, type MappingErrors } from './import-mapping';
import { translateMessage } from '@/lib/i18n/message-key';

interface Props {
  file: File;
  head: CsvHead;
  columns: ColumnChoice[];
  onColumns: (columns: ColumnChoice[]) => void;
  lists: { id: string; name: string }[];
  listId: string;
  onListId: (listId: string) => void;
  errors: MappingErrors | null;
  onSubmit: () => void;
  onBack: () => void;
}

const control = 'rounded-md border-0 py-1.5 pl-2 pr-7 text-sm ring-1 ring-inset ring-zinc-300 focus:ring-2 focus:ring-brand-600';

export function ImportMappingForm({ file, head, columns, onColumns, lists, listId, onListId, errors, onSubmit, onBack }: Props) {
  const t = useTranslations();
  const format = useFormatter();
  const translate = (key: string) => translateMessage(t, key);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit();
  };
  const name = (c: ColumnChoice) => c.header || t('contacts.import.unnamed', { n: c.index + 1 });
  return (
    <form onSubmit={submit} noValidate aria-label={t('contacts.import.mappingTitle')} className="space-y-5">
      <p className="text-sm text-zinc-600">
        {t('contacts.import.fileSummary', {
          file: file.name,
          size: format.number(file.size / 1024, { maximumFractionDigits: 0 }),
          delimiter: head.delimiter,
          columns: columns.length,
        })}
      </p>
      {errors?.email ? <Alert tone="error">{translate(errors.email)}</Alert> : null}
      {errors?.attributes ? <Alert tone="error">{translate(errors.attributes)}</Alert> : null}
      <div className="-mx-5 overflow-x-auto sm:-mx-6">
        <table className="min-w-full text-sm">
          <thead className="text-left text-xs uppercase tracking-wide text-zinc-500">
            <tr>
              <th scope="col" className="px-5 py-2 font-medium sm:px-6">{t('contacts.import.column')}</th>
              <th scope="col" className="px-3 py-2 font-medium">{t('contacts.import.example')}</th>
              <th scope="col" className="px-3 py-2 font-medium">{t('contacts.import.importAs')}</th>
              <th scope="col" className="px-5 py-2 font-medium sm:px-6">{t('contacts.import.attributeName')}</th>
            </tr>
          </thead>
          <tbody>
            {columns.map((c) => {
              const keyError = errors?.keys[c.index];
              const examples = head.samples.map((r) => r[c.index] ?? '').filter(Boolean).slice(0, 3);
              return (
                <tr key={c.index} className="border-t border-zinc-100 align-top" data-testid={`mapping-${c.header}`}>
                  <th scope="row" className="px-5 py-3 text-left font-medium text-zinc-900 sm:px-6">
                    {name(c)}
                    {c.problem ? <p className="mt-1 text-xs font-normal text-amber-800">{t(`contacts.import.problems.${c.problem}`)}</p> : null}
                  </th>
                  <td className="max-w-[14rem] px-3 py-3 text-zinc-600">
                    <span className="block truncate" title={examples.join(' · ')}>
                      {examples.length ? examples.join(' · ') : '—'}
                    </span>
                  </td>
                  <td className="px-3 py-3">
                    <select
                      aria-label={t('contacts.import.importAsFor', { column: name(c) })}
                      value={c.target}
                      disabled={Boolean(c.problem)}
                      onChange={(e) => onColumns(chooseTarget(columns, c.index, e.target.value as ColumnTarget))}
                      className={control}
                    >
                      {COLUMN_TARGETS.map((target) => (
                        <option key={target} value={target}>
                          {t(`contacts.import.targets.${target}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td className="px-5 py-3 sm:px-6">
                    {c.target === 'attribute' ? (
                      <>
                        <input
                          aria-label={t('contacts.import.attributeNameFor', { column: name(c) })}
                          aria-invalid={keyError ? true : undefined}
                          value={c.attributeKey}
                          onChange={(e) => onColumns(columns.map((x) => (x.index === c.index ? { ...x, attributeKey: e.target.value } : x)))}
                          className={`${control} w-full pr-2 aria-[invalid=true]:ring-red-500`}
                        />
                        {keyError ? <p className="mt-1 text-sm text-red-700">{translate(keyError)}</p> : null}
                      </>
                    ) : (
                      <span className="text-zinc-400">—</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <SelectField
        label={t('contacts.import.targetList')}
        hint={t('contacts.import.targetListHint')}
        value={listId}
        onChange={(e) => onListId(e.target.value)}
        options={[{ value: '', label: t('contacts.import.noList') }, ...lists.map((l) => ({ value: l.id, label: l.name }))]}
        className="max-w-sm"
      />
      <p className="text-sm text-zinc-600">{t('contacts.import.mergeRules')}</p>
      <p className="text-sm text-zinc-600">{t('contacts.import.tagsLowerCase')}</p>
      <p className="text-sm text-zinc-600">{t('contacts.import.datesHelp')}</p>
      <div className="flex flex-wrap gap-3">
        <Button type="submit">{t('contacts.import.start')}</Button>
        <Button variant="secondary" onClick={onBack}>
          {t('contacts.import.chooseAnother')}
        </Button>
      </div>
    </form>
  );
}
