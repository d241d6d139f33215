/** Maps domain error codes to HTTP statuses and the one JSON error shape of every route. */
import { isKamerlensError, type ErrorCode } from '../domain/index.js';

const STATUS: Partial<Record<ErrorCode, number>> = {
  BAD_QUERY: 400,
  BAD_REQUEST: 400,
  NOT_FOUND: 404,
  FILE_TOO_LARGE: 413,
  UNSUPPORTED_FORMAT: 415,
};

export interface ErrorBody {
  ok: false;
  error: { code: string; message: string; position?: number; field?: string };
}

/** The status and body for any thrown value; unknown errors become a 500 without internals. */
export function toHttpError(e: unknown): { status: number; body: ErrorBody } {
  if (isKamerlensError(e)) {
    const error: ErrorBody['error'] = { code: e.code, message: e.message };
    if (typeof e.context.position === 'number') error.position = e.context.position;
    if (typeof e.context.field === 'string') error.field = e.context.field;
    return { status: STATUS[e.code] ?? 500, body: { ok: false, error } };
  }
  return { status: 500, body: { ok: false, error: { code: 'INTERNAL', message: 'Interne fout' } } };
}
