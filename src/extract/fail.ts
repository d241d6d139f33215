// Builds extract-stage errors whose message names the file and says what went wrong.
import { KamerlensError, type ErrorCode, type ErrorContext } from '../domain/index.js';

/**
 * A KamerlensError for `file`: the message reads `"name.pdf" <reason>`, so a user sees
 * which file failed and why without the code.
 */
export function fileError(
  code: ErrorCode,
  file: string,
  reason: string,
  context: Omit<ErrorContext, 'file'> = {},
  cause?: unknown,
): KamerlensError {
  return new KamerlensError(code, `"${file}" ${reason}`, { file, ...context }, cause === undefined ? undefined : { cause });
}

/** Human byte counts for messages: 1536 → "1,5 kB", 209715200 → "200 MB". */
export function formatBytes(n: number): string {
  if (n < 1000) return `${n} bytes`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let v = n;
  let unit = 'bytes';
  for (const u of units) {
    if (v < 1000) break;
    v /= 1000;
    unit = u;
  }
  // A Dutch decimal comma: the messages are Dutch.
  return `${v >= 100 ? Math.round(v) : String(Number(v.toFixed(1))).replace('.', ',')} ${unit}`;
}
