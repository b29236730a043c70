'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useRef, useState } from 'react';
import { getImportAction, recentImportsAction } from '@/lib/actions/contacts';
import type { ImportMapping } from '@/lib/db/schema/contacts/validation';
import { safeFileName } from './import-mapping';
import type { ImportView, RouteErrorBody } from './import-types';
import { uploadFile } from './upload';
import { translateMessage } from '@/lib/i18n/message-key';

export type UploadState =
  | { phase: 'idle' }
  | { phase: 'uploading'; sent: number; total: number; rows: number | null }
  | { phase: 'done'; result: ImportView }
  | { phase: 'error'; message: string; details: string[] };

const POLL_MS = 1000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Streams the file to the import route and follows its progress: bytes from the upload itself,
 * rows from the import's row in contact_imports (polled until the upload answers).
 */
export function useImportUpload(workspaceId: string, knownImportIds: string[]) {
  const t = useTranslations();
  const router = useRouter();
  const [state, setState] = useState<UploadState>({ phase: 'idle' });
  const abortRef = useRef<(() => void) | null>(null);

  const translate = useCallback(
    (key: string, params?: Record<string, string | number>) => translateMessage(t, key, params),
    [t],
  );

  const errorState = useCallback(
    (body: RouteErrorBody | null, status: number): UploadState => {
      const e = body?.error;
      if (!e) return { phase: 'error', message: t('contacts.import.uploadFailed', { status }), details: [] };
      const message = e.code === 'INTERNAL' ? t('errors.internal', { requestId: e.requestId ?? '-' }) : translate(`errors.${e.messageKey}`, e.params);
      return { phase: 'error', message, details: (e.issues ?? []).map((i) => `${i.path}: ${translate(i.message)}`) };
    },
    [t, translate],
  );

  /** When the upload's answer is lost, the import row still tells how it ended. */
  const waitForImport = useCallback(async (importId: string): Promise<ImportView | null> => {
    for (let i = 0; i < 600; i++) {
      const res = await getImportAction({ workspaceId, importId });
      if (!res?.data) return null;
      if (res.data.status !== 'running') return res.data;
      await sleep(POLL_MS);
    }
    return null;
  }, [workspaceId]);

  const start = useCallback(
    async (file: File, mapping: ImportMapping, listId: string | null) => {
      const fileName = safeFileName(file.name);
      setState({ phase: 'uploading', sent: 0, total: file.size, rows: null });
      const qs = new URLSearchParams({ workspaceId, fileName, mapping: JSON.stringify(mapping) });
      if (listId) qs.set('listId', listId);
      // The upload starts at once; its import row is found by polling for a new one with this name.
      const upload = uploadFile(`/api/contacts/import?${qs}`, file, (sent, total) =>
        setState((s) => (s.phase === 'uploading' ? { ...s, sent, total } : s)),
      );
      abortRef.current = upload.abort;
      const known = new Set(knownImportIds);
      let importId: string | null = null;
      let finished = false;
      void (async () => {
        while (!finished) {
          await sleep(POLL_MS);
          if (finished) return;
          const res = await recentImportsAction({ workspaceId });
          const row = res?.data?.find((r) => !known.has(r.id) && r.fileName === fileName);
          if (row && !finished) {
            importId = row.id;
            setState((s) => (s.phase === 'uploading' ? { ...s, rows: row.totalRows } : s));
          }
        }
      })();

      try {
        const { status, body } = await upload.promise;
        finished = true;
        const result = (body as { import?: ImportView } | null)?.import;
        setState(result ? { phase: 'done', result } : errorState(body as RouteErrorBody | null, status));
      } catch (e) {
        finished = true;
        const aborted = e instanceof Error && e.message === 'aborted';
        const settled = !aborted && importId ? await waitForImport(importId) : null;
        setState(
          settled
            ? { phase: 'done', result: settled }
            : { phase: 'error', message: t(aborted ? 'contacts.import.cancelled' : 'contacts.import.networkError'), details: [] },
        );
      } finally {
        abortRef.current = null;
        router.refresh();
      }
    },
    [workspaceId, knownImportIds, errorState, waitForImport, router, t],
  );

  const uploading = state.phase === 'uploading';
  useEffect(() => {
    if (!uploading) return;
    // Leaving the page mid-upload would cut the file off; the browser asks first.
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [uploading]);

  const cancel = useCallback(() => abortRef.current?.(), []);
  const reset = useCallback(() => setState({ phase: 'idle' }), []);
  return { state, start, cancel, reset };
}
