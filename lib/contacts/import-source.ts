import { Readable, pipeline } from 'node:stream';
import type { ReadableStream as NodeWebReadableStream } from 'node:stream/web';
import { CsvError, parse, type Options } from 'csv-parse';
import { IMPORT_LIMITS, type ImportError } from '@/lib/db/schema';
import { detectDelimiter } from './delimiter';

/** A whole import failed for a reason the user can act on; anything else is an internal error. */
export class ImportFailure extends Error {
  constructor(readonly error: ImportError) {
    super(`import failed: ${error.key}${error.line ? ` at line ${error.line}` : ''}`);
    this.name = 'ImportFailure';
  }
}

/** What an upload arrives as: a Node stream (multipart parser, file) or a web stream (`request.body`). */
export type CsvSource = Readable | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array | string>;

export interface CsvRecord {
  fields: string[];
  /** 1-based line on which the record starts (the header is line 1). */
  line: number;
}

async function* bytesOf(source: CsvSource): AsyncGenerator<Buffer> {
  const iterable: AsyncIterable<Uint8Array | string> =
    typeof ReadableStream !== 'undefined' && source instanceof ReadableStream
      ? Readable.fromWeb(source as unknown as NodeWebReadableStream<Uint8Array>)
      : (source as AsyncIterable<Uint8Array | string>);
  let total = 0;
  try {
    for await (const chunk of iterable) {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      total += buf.length;
      if (total > IMPORT_LIMITS.maxFileBytes) throw new ImportFailure({ key: 'fileTooLarge' });
      yield buf;
    }
  } catch (e) {
    if (e instanceof ImportFailure) throw e;
    throw new ImportFailure({ key: 'readFailed' });
  }
}

function csvFailure(e: CsvError, line: number): ImportFailure {
  // A record that ran past the size limit across several lines is an opening quote never closed.
  const spansLines = typeof e.lines === 'number' && e.lines > line;
  const key =
    e.code === 'CSV_QUOTE_NOT_CLOSED' || (e.code === 'CSV_MAX_RECORD_SIZE' && spansLines)
      ? 'quoteNotClosed'
      : e.code === 'INVALID_OPENING_QUOTE' || e.code === 'CSV_INVALID_CLOSING_QUOTE'
        ? 'invalidQuote'
        : e.code === 'CSV_MAX_RECORD_SIZE'
          ? 'lineTooLong'
          : 'malformedCsv';
  return new ImportFailure({ key, line, detail: e.code });
}

/**
 * Streams the records of a CSV upload, header first, never holding more than the parser's buffer.
 * The delimiter is sniffed from the first line; a UTF-8 BOM is dropped; strict quoting, so an
 * unclosed quote fails the file instead of swallowing the rows after it.
 */
export async function* readCsv(source: CsvSource): AsyncGenerator<CsvRecord> {
  const input = bytesOf(source)[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let headBytes = 0;
  let exhausted = false;
  while (headBytes < IMPORT_LIMITS.maxLineChars) {
    const next = await input.next();
    if (next.done) {
      exhausted = true;
      break;
    }
    head.push(next.value);
    headBytes += next.value.length;
    if (next.value.includes(0x0a) || next.value.includes(0x0d)) break;
  }
  const headText = Buffer.concat(head).toString('utf8').replace(/^\uFEFF/, '');
  if (headText.trim() === '') throw new ImportFailure({ key: 'emptyFile' });

  // Line numbers are taken as each record is parsed: after a parse error the stream drops the
  // records it had buffered, so counting what the loop received would misplace the error.
  let lastLine = 0;
  const options: Options<CsvRecord, string[]> = {
    bom: true,
    delimiter: detectDelimiter(headText.slice(0, IMPORT_LIMITS.maxLineChars)),
    relax_column_count: true,
    max_record_size: IMPORT_LIMITS.maxLineChars,
    on_record: (fields: string[], context): CsvRecord => {
      const line = lastLine + 1;
      lastLine = context.lines;
      return { fields, line };
    },
  };
  const parser = parse(options as unknown as Options);
  async function* replay(): AsyncGenerator<Buffer> {
    yield* head;
    if (exhausted) return;
    for (let next = await input.next(); !next.done; next = await input.next()) yield next.value;
  }
  // Errors of either side end up on the parser, and so in the loop below.
  pipeline(Readable.from(replay()), parser, () => {});

  try {
    for await (const record of parser as AsyncIterable<CsvRecord>) yield record;
  } catch (e) {
    if (e instanceof CsvError) throw csvFailure(e, lastLine + 1);
    throw e;
  } finally {
    parser.destroy();
    // Not awaited: the source may be stalled mid-read; returning it releases (destroys) the upload stream.
    input.return(undefined).catch(() => {});
  }
}
