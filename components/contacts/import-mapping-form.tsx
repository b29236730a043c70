'use client';

import { useFormatter, useTranslations } from 'next-intl';
import type { FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { SelectField } from '@/components/ui/field';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow, TableRowHeader } from '@/components/ui/table';
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
      <Table label={t('contacts.import.mappingCaption')} layout="stack" flush>
        <TableHeader>
          <TableRow>
            <TableHead>{t('contacts.import.column')}</TableHead>
            <TableHead>{t('contacts.import.example')}</TableHead>
            <TableHead>{t('contacts.import.importAs')}</TableHead>
            <TableHead>{t('contacts.import.attributeName')}</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {columns.map((c) => {
            const keyError = errors?.keys[c.index];
            const examples = head.samples.map((r) => r[c.index] ?? '').filter(Boolean).slice(0, 3);
            return (
              <TableRow key={c.index} data-testid={`mapping-${c.header}`}>
                <TableRowHeader className="break-words">
                  {name(c)}
                  {c.problem ? <p className="mt-1 text-xs font-normal text-amber-800">{t(`contacts.import.problems.${c.problem}`)}</p> : null}
                </TableRowHeader>
                <TableCell label={t('contacts.import.example')} className="max-w-[14rem] text-zinc-600 max-sm:max-w-none">
                  <span className="block truncate" title={examples.join(' · ')}>
                    {examples.length ? examples.join(' · ') : '—'}
                  </span>
                </TableCell>
                <TableCell label={t('contacts.import.importAs')}>
                  <select
                    aria-label={t('contacts.import.importAsFor', { column: name(c) })}
                    value={c.target}
                    disabled={Boolean(c.problem)}
                    onChange={(e) => onColumns(chooseTarget(columns, c.index, e.target.value as ColumnTarget))}
                    className={`${control} max-w-full`}
                  >
                    {COLUMN_TARGETS.map((target) => (
                      <option key={target} value={target}>
                        {t(`contacts.import.targets.${target}`)}
                      </option>
                    ))}
                  </select>
                </TableCell>
                <TableCell label={t('contacts.import.attributeName')}>
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
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
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
