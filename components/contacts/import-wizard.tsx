'use client';

import Link from 'next/link';
import { useFormatter, useTranslations } from 'next-intl';
import { useRef, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button, buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { IMPORT_LIMITS } from '@/lib/db/schema/contacts/constants';
import { readCsvHead, type CsvHead } from './csv-head';
import { buildMapping, guessColumns, type ColumnChoice, type MappingErrors } from './import-mapping';
import { ImportMappingForm } from './import-mapping-form';
import { ImportResult } from './import-result';
import { useImportUpload, type UploadState } from './use-import-upload';

interface Props {
  slug: string;
  workspaceId: string;
  lists: { id: string; name: string }[];
  /** Imports that existed when the page loaded: a new one with the file's name is this upload's. */
  knownImportIds: string[];
}

/** Choose a file → map its columns → stream it to the server → follow progress → the result. */
export function ImportWizard({ slug, workspaceId, lists, knownImportIds }: Props) {
  const t = useTranslations();
  const [file, setFile] = useState<File | null>(null);
  const [head, setHead] = useState<CsvHead | null>(null);
  const [columns, setColumns] = useState<ColumnChoice[]>([]);
  const [listId, setListId] = useState('');
  const [errors, setErrors] = useState<MappingErrors | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const upload = useImportUpload(workspaceId, knownImportIds);

  async function choose(picked: File | undefined) {
    setProblem(null);
    setErrors(null);
    if (!picked) return;
    if (picked.size > IMPORT_LIMITS.maxFileBytes) {
      setProblem(t('contactImport.errors.fileTooLarge'));
      return;
    }
    const read = await readCsvHead(picked);
    if ('problem' in read) {
      setProblem(t(`contactImport.errors.${read.problem}`, { line: 1, detail: '' }));
      return;
    }
    setFile(picked);
    setHead(read);
    setColumns(guessColumns(read.header));
  }

  function startOver() {
    setFile(null);
    setHead(null);
    setErrors(null);
    upload.reset();
    if (input.current) input.current.value = '';
  }

  function submit() {
    if (!file) return;
    const built = buildMapping(columns);
    if ('errors' in built) {
      setErrors(built.errors);
      return;
    }
    setErrors(null);
    void upload.start(file, built.mapping, listId || null);
  }

  const { state } = upload;
  if (state.phase !== 'idle') {
    return (
      <Card title={t('contacts.import.progressTitle', { file: file?.name ?? '' })}>
        {state.phase === 'uploading' ? <UploadProgress state={state} onCancel={upload.cancel} /> : null}
        {state.phase === 'done' ? <ImportResult result={state.result} /> : null}
        {state.phase === 'error' ? (
          <Alert tone="error">
            <p>{state.message}</p>
            {state.details.length ? (
              <ul className="mt-2 list-disc pl-5">
                {state.details.map((d) => (
                  <li key={d}>{d}</li>
                ))}
              </ul>
            ) : null}
          </Alert>
        ) : null}
        {state.phase === 'done' || state.phase === 'error' ? (
          <div className="mt-5 flex flex-wrap gap-3">
            <Button variant="secondary" onClick={startOver}>
              {t('contacts.import.another')}
            </Button>
            {state.phase === 'done' && state.result.status === 'completed' ? (
              <Link href={`/w/${slug}/contacts`} className={buttonClass('primary')}>
                {t('contacts.import.viewContacts')}
              </Link>
            ) : null}
          </div>
        ) : null}
      </Card>
    );
  }

  return (
    <Card title={file ? t('contacts.import.mappingTitle') : t('contacts.import.chooseTitle')} description={file ? undefined : t('contacts.import.chooseHelp')}>
      {file && head ? (
        <ImportMappingForm
          file={file}
          head={head}
          columns={columns}
          onColumns={setColumns}
          lists={lists}
          listId={listId}
          onListId={setListId}
          errors={errors}
          onSubmit={submit}
          onBack={startOver}
        />
      ) : (
        <div className="space-y-3">
          <label htmlFor="csv-file" className="block text-sm font-medium text-zinc-800">
            {t('contacts.import.file')}
          </label>
          <input
            ref={input}
            id="csv-file"
            type="file"
            accept=".csv,text/csv,text/plain"
            aria-describedby="csv-file-hint"
            onChange={(e) => void choose(e.target.files?.[0])}
            className="block w-full text-sm text-zinc-700 file:mr-4 file:rounded-lg file:border-0 file:bg-brand-50 file:px-4 file:py-2 file:text-sm file:font-semibold file:text-brand-700 hover:file:bg-brand-100"
          />
          <p id="csv-file-hint" className="text-xs text-zinc-500">
            {t('contacts.import.fileHint', { mb: IMPORT_LIMITS.maxFileBytes / 1024 / 1024, rows: IMPORT_LIMITS.maxRows })}
          </p>
          {problem ? <Alert tone="error">{problem}</Alert> : null}
        </div>
      )}
    </Card>
  );
}

function UploadProgress({ state, onCancel }: { state: Extract<UploadState, { phase: 'uploading' }>; onCancel: () => void }) {
  const t = useTranslations('contacts.import');
  const format = useFormatter();
  const pct = state.total > 0 ? Math.min(100, Math.floor((state.sent / state.total) * 100)) : 0;
  const sent = state.total > 0 && state.sent >= state.total;
  return (
    <div className="space-y-3">
      <div
        role="progressbar"
        aria-label={t('uploadProgress')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        className="h-3 overflow-hidden rounded-full bg-zinc-100 ring-1 ring-inset ring-zinc-200"
      >
        <div className="h-full bg-brand-600 transition-[width]" style={{ width: `${pct}%` }} />
      </div>
      <p className="text-sm text-zinc-700" aria-live="polite" data-testid="import-progress">
        {sent ? t('processing') : t('uploading', { pct })}
        {state.rows !== null ? ` · ${t('rowsRead', { rows: format.number(state.rows) })}` : ''}
      </p>
      {sent ? null : (
        <Button variant="ghost" onClick={onCancel}>
          {t('cancel')}
        </Button>
      )}
    </div>
  );
}
