export const CONTACT_STATUSES = ['subscribed', 'unsubscribed', 'bounced', 'complained'] as const;
export type ContactStatus = (typeof CONTACT_STATUSES)[number];

/** Free-form per-contact fields (city, plan, …). Values are text: CSV cells and form inputs are text. */
export type ContactAttributes = Record<string, string>;

export const CONTACT_LIMITS = {
  nameLength: 100,
  tagLength: 50,
  tagsPerContact: 50,
  attributeKeyLength: 40,
  attributeValueLength: 500,
  attributesPerContact: 50,
  /** Ids per bulk call (tags, list members). */
  bulkIds: 1000,
  pageSize: 50,
  maxPageSize: 200,
} as const;

export const IMPORT_STATUSES = ['running', 'completed', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

export const IMPORT_LIMITS = {
  maxRows: 1_000_000,
  maxColumns: 200,
  /** Characters in one record (csv-parse `max_record_size`); also bounds the header sniffing. */
  maxLineChars: 65_536,
  maxFileBytes: 256 * 1024 * 1024,
  /** Valid rows per staging INSERT, and how often the import row's progress is updated. */
  batchSize: 1000,
  /** Rejects kept on the import row; `rejectedRows` still counts every one. */
  maxRejectsKept: 1000,
  /** Characters of the offending cell kept in a reject. */
  rejectValueChars: 100,
} as const;

/** One refused row: `line` is 1-based with the header on line 1; `reason` is an i18n key. */
export interface ImportReject {
  line: number;
  reason: string;
  field?: string;
  value?: string;
}

/** A row that was imported, but not exactly as written; same shape, `reason` may carry params (lib/i18n/message-key). */
export type ImportNotice = ImportReject;

/** The contact dates an import can take over from another mail tool. */
export const IMPORT_DATE_FIELDS = ['joinedAt', 'lastOpenAt', 'lastClickAt', 'lastPurchaseAt'] as const;
export type ImportDateField = (typeof IMPORT_DATE_FIELDS)[number];

/** Why a whole import failed; `key` is an i18n key under `contactImport.errors.`. */
export const IMPORT_ERROR_KEYS = [
  'emptyFile',
  'noRows',
  'readFailed',
  'fileTooLarge',
  'tooManyRows',
  'tooManyColumns',
  'lineTooLong',
  'missingColumn',
  'ambiguousColumn',
  'quoteNotClosed',
  'invalidQuote',
  'malformedCsv',
  'internal',
] as const;
export type ImportErrorKey = (typeof IMPORT_ERROR_KEYS)[number];

export interface ImportError {
  key: ImportErrorKey;
  /** 1-based line where the problem starts (header = 1), when known. */
  line?: number;
  /** A safe detail such as the missing column name or the parser's error code; never a stack or SQL. */
  detail?: string;
}
