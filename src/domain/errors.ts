/**
 * The error catalogue. Domain errors carry a stable code and the context a user needs
 * (file, page, record, field); they never carry an HTTP status — the server maps codes.
 * Codes are stable English identifiers; messages are Dutch, for the people who read them.
 */

export const ERROR_CODES = {
  // extract
  UNSUPPORTED_FORMAT: 'Deze bestandssoort wordt niet ondersteund',
  CORRUPT_FILE: 'Het bestand is beschadigd of niet wat de naam zegt',
  ENCRYPTED_FILE: 'Het bestand is versleuteld',
  NO_TEXT_LAYER: 'De PDF heeft geen tekstlaag (een scan?)',
  FILE_TOO_LARGE: 'Het bestand is groter dan toegestaan',
  ZIP_BOMB: 'Het archief pakt uit tot veel meer dan zijn eigen grootte',
  NOT_UTF8: 'De tekst is geen geldige UTF-8',
  BAD_RECORD: 'Een record in een bulkbestand is ongeldig',
  EMPTY_DOCUMENT: 'Het document bevat geen tekst',
  // query and lookup
  BAD_QUERY: 'De zoekopdracht klopt niet',
  BAD_REQUEST: 'Het verzoek is ongeldig',
  NOT_FOUND: 'Niet gevonden',
  // storage
  DATABASE_NOT_MIGRATED: 'De database heeft nog niet het schema van deze versie (voer `kamerlens migrate` uit)',
  BAD_CONFIG: 'De instellingen (omgevingsvariabelen) passen niet bij elkaar',
  // anything else
  INTERNAL: 'Interne fout',
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
