/**
 * The error catalogue. Domain errors carry a stable code and the context a user needs
 * (file, page, record, field); they never carry an HTTP status — the server maps codes.
 */

export const ERROR_CODES = {
  // extract
  UNSUPPORTED_FORMAT: 'The file type is not supported',
  CORRUPT_FILE: 'The file is damaged or not what its name says',
  ENCRYPTED_FILE: 'The file is encrypted',
  NO_TEXT_LAYER: 'The PDF has no text layer (scanned image?)',
  FILE_TOO_LARGE: 'The file is over the size limit',
  ZIP_BOMB: 'The archive expands to far more than its size',
  NOT_UTF8: 'The text is not valid UTF-8',
  BAD_RECORD: 'A record in a bulk file is invalid',
  EMPTY_DOCUMENT: 'The document has no text',
  // query and lookup
  BAD_QUERY: 'The search query is malformed',
  BAD_REQUEST: 'The request is invalid',
  NOT_FOUND: 'Not found',
  // anything else
  INTERNAL: 'Internal error',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface ErrorContext {
  file?: string;
  page?: number;
  record?: string | number;
  field?: string;
  /** Character offset into a query string, for BAD_QUERY. */
  position?: number;
  [key: string]: unknown;
}

export class KamerlensError extends Error {
  readonly code: ErrorCode;
  readonly context: ErrorContext;

  constructor(code: ErrorCode, message?: string, context: ErrorContext = {}, options?: { cause?: unknown }) {
    super(message ?? ERROR_CODES[code], options);
    this.name = 'KamerlensError';
    this.code = code;
    this.context = context;
  }
}

export function isKamerlensError(e: unknown): e is KamerlensError {
  return e instanceof KamerlensError;
}
