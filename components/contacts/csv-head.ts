import { detectDelimiter } from '@/lib/contacts/delimiter';
import { IMPORT_LIMITS } from '@/lib/db/schema/contacts/constants';

/**
 * The browser's look at a CSV before upload: header and a few sample rows from the first bytes of
 * the file only. The whole file is parsed on the server (lib/contacts/import-source.ts).
 */
export interface CsvHead {
  delimiter: ',' | ';';
  header: string[];
  samples: string[][];
}

export type CsvHeadProblem = 'emptyFile' | 'lineTooLong' | 'readFailed';

/**
 * Complete records at the start of `text` (quotes, `""` escapes, CRLF/LF/CR). A record cut off by
 * the end of the text is left out unless `complete` says the text is the whole file.
 */
export function parseRecords(text: string, delimiter: string, maxRecords: number, complete: boolean): string[][] {
  const records: string[][] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let atFieldStart = true;
  const endRecord = () => {
    fields.push(field);
    // Blank lines carry no data, as on the server.
    if (fields.some((f) => f.trim() !== '')) records.push(fields);
    fields = [];
    field = '';
    atFieldStart = true;
  };
  for (let i = 0; i < text.length && records.length < maxRecords; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && atFieldStart) {
      quoted = true;
      atFieldStart = false;
    } else if (ch === delimiter) {
      fields.push(field);
      field = '';
      atFieldStart = true;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
    } else {
      field += ch;
      atFieldStart = false;
    }
  }
  if (complete && records.length < maxRecords && (field !== '' || fields.length > 0)) endRecord();
  return records;
}

const HEAD_BYTES = IMPORT_LIMITS.maxLineChars * 2;

export async function readCsvHead(file: File, sampleRows = 3): Promise<CsvHead | { problem: CsvHeadProblem }> {
  let text: string;
  try {
    const bytes = await file.slice(0, HEAD_BYTES).arrayBuffer();
    text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return { problem: 'readFailed' };
  }
  if (text.trim() === '') return { problem: 'emptyFile' };
  const delimiter = detectDelimiter(text.slice(0, IMPORT_LIMITS.maxLineChars));
  const [header, ...samples] = parseRecords(text, delimiter, sampleRows + 1, file.size <= HEAD_BYTES);
  if (!header) return { problem: 'lineTooLong' };
  return { delimiter, header, samples };
}
