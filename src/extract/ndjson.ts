// NDJSON bulk files: one {"id","kind","title","date","text"} object a line, validated line by line.
import { z } from 'zod';
import { DOCUMENT_KINDS, KamerlensError, type ExtractedText } from '../domain/index.js';
import { normaliseNewlines } from './text.js';

/** One line's outcome: a record, or the error that explains why the line was rejected. */
export type NdjsonItem = { line: number; record: ExtractedText } | { line: number; error: KamerlensError };

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

const recordSchema = z.object({
  id: z.string({ error: (i) => (i.input === undefined ? 'ontbreekt' : 'moet tekst zijn') }).trim().min(1, 'is leeg'),
  kind: z.enum(DOCUMENT_KINDS, {
    error: (i) => (i.input === undefined ? 'ontbreekt' : `moet een van deze zijn: ${DOCUMENT_KINDS.join(', ')}`),
  }),
  title: z.string({ error: 'moet tekst zijn' }).nullish(),
  date: z
    .string({ error: 'moet een datum JJJJ-MM-DD (als tekst) of null zijn' })
    .refine((d) => ISO_DATE.test(d) && !Number.isNaN(Date.parse(d)) && new Date(d).toISOString().startsWith(d), 'moet een bestaande datum JJJJ-MM-DD zijn')
    .nullish(),
  text: z
    .string({ error: (i) => (i.input === undefined ? 'ontbreekt' : 'moet tekst zijn') })
    .refine((t) => t.trim() !== '', 'is leeg'),
});

/**
 * Parses one NDJSON line (1-based `lineNo`, for messages). Null for a blank line;
 * otherwise the record or a BAD_RECORD error naming the file, line and field.
 */
export function parseNdjsonLine(line: string, lineNo: number, fileName: string): NdjsonItem | null {
  const src = (lineNo === 1 ? line.replace(/^\uFEFF/, '') : line).replace(/\r$/, '');
  if (src.trim() === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(src);
  } catch (e) {
    return { line: lineNo, error: badRecord(fileName, lineNo, undefined, `is geen geldige JSON (${(e as Error).message})`) };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { line: lineNo, error: badRecord(fileName, lineNo, undefined, 'is geen JSON-object') };
  }
  const parsed = recordSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.map(String).join('.');
    return { line: lineNo, error: badRecord(fileName, lineNo, field, `veld "${field}" ${issue.message}`) };
  }
  const r = parsed.data;
  return {
    line: lineNo,
    record: {
      format: 'ndjson',
      text: normaliseNewlines(r.text),
      pages: null,
      title: r.title?.trim() || null,
      declared: { id: r.id, kind: r.kind, date: r.date ?? null },
      warnings: [],
    },
  };
}

/**
 * Yields every non-blank line of an NDJSON text as a record or an error; one bad line
 * never stops the rest. Walks the string without splitting it into an array. For files
 * too large for one string, split the bytes into lines yourself (or use
 * readNdjsonStream) and call parseNdjsonLine.
 */
export function* readNdjson(text: string, fileName: string): Generator<NdjsonItem> {
  let start = 0;
  for (let lineNo = 1; start < text.length; lineNo++) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    const item = parseNdjsonLine(text.slice(start, end), lineNo, fileName);
    if (item) yield item;
    start = end + 1;
  }
}

/** Options for readNdjsonStream. */
export interface NdjsonStreamOptions {
  /** A line longer than this is rejected (BAD_RECORD) without being held in memory. */
  maxLineBytes?: number;
}

/**
 * Streams NDJSON from byte chunks (e.g. `fs.createReadStream(path)`): lines are split on
 * bytes, so memory stays at one line, and a line that is not UTF-8 is a BAD_RECORD for
 * that line only.
 */
export async function* readNdjsonStream(
  chunks: AsyncIterable<Uint8Array>,
  fileName: string,
  opts: NdjsonStreamOptions = {},
): AsyncGenerator<NdjsonItem> {
  const maxLine = opts.maxLineBytes ?? 256 * 1024 * 1024;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let overlong = false;
  let lineNo = 0;
  const finish = (): NdjsonItem | null => {
    lineNo++;
    if (overlong) {
      return { line: lineNo, error: badRecord(fileName, lineNo, undefined, `is langer dan ${maxLine} bytes`) };
    }
    const bytes = pending.length === 1 ? pending[0]! : Buffer.concat(pending);
    let line: string;
    try {
      line = decoder.decode(bytes);
    } catch {
      return { line: lineNo, error: badRecord(fileName, lineNo, undefined, 'is geen geldige UTF-8') };
    }
    return parseNdjsonLine(line, lineNo, fileName);
  };
  for await (const chunk of chunks) {
    let start = 0;
    for (let nl = chunk.indexOf(0x0a); nl !== -1; nl = chunk.indexOf(0x0a, start)) {
      take(chunk.subarray(start, nl));
      const item = finish();
      if (item) yield item;
      pending = [];
      pendingBytes = 0;
      overlong = false;
      start = nl + 1;
    }
    // The tail may be the start of a line the next chunk finishes; copy it, the chunk may be reused.
    take(chunk.slice(start));
  }
  if (pendingBytes > 0 || overlong) {
    const item = finish();
    if (item) yield item;
  }

  function take(part: Uint8Array): void {
    if (overlong || part.byteLength === 0) return;
    pendingBytes += part.byteLength;
    if (pendingBytes > maxLine) {
      overlong = true;
      pending = [];
      return;
    }
    pending.push(part);
  }
}

function badRecord(fileName: string, lineNo: number, field: string | undefined, reason: string): KamerlensError {
  const where = `"${fileName}", regel ${lineNo}`;
  const message = field === undefined ? `${where} ${reason}` : `${where}: ${reason}`;
  return new KamerlensError('BAD_RECORD', message, { file: fileName, record: lineNo, line: lineNo, ...(field ? { field } : {}) });
}
