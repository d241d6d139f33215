// Reads a ZIP central directory and inflates single entries under a size cap, without trusting the archive.
import { inflateRawSync } from 'node:zlib';

/** One central-directory record, with ZIP64 sizes resolved. */
export interface ZipEntry {
  name: string;
  /** 0 = stored, 8 = deflate; anything else we cannot read. */
  method: number;
  /** Bit 0 set: the entry is encrypted. */
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

/** The archive's structure is unreadable; `message` says where it broke. */
export class BrokenZipError extends Error {
  override readonly name = 'BrokenZipError';
}

/** The entry inflates past the cap given to inflateZipEntry. */
export class ZipEntryTooLargeError extends Error {
  override readonly name = 'ZipEntryTooLargeError';
}

const EOCD_SIG = 0x06054b50;
const ZIP64_LOCATOR_SIG = 0x07064b50;
const ZIP64_EOCD_SIG = 0x06064b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;
const U16_MAX = 0xffff;
const U32_MAX = 0xffffffff;

/** True when the bytes start like a ZIP archive (a local header or an empty archive). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 && bytes[3] === 4 || bytes[2] === 5 && bytes[3] === 6);
}

/** Lists the central directory. Throws BrokenZipError when it is missing or inconsistent. */
export function listZipEntries(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = findEndOfCentralDirectory(view);
  let count = view.getUint16(eocd + 10, true);
  let cdSize = view.getUint32(eocd + 12, true);
  let cdOffset = view.getUint32(eocd + 16, true);
  if (count === U16_MAX || cdSize === U32_MAX || cdOffset === U32_MAX) {
    ({ count, cdSize, cdOffset } = readZip64End(view, eocd));
  }
  if (cdOffset + cdSize > bytes.byteLength) throw new BrokenZipError('de centrale map ligt voorbij het einde van het bestand');
  const decoder = new TextDecoder('utf-8');
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > cdOffset + cdSize || view.getUint32(p, true) !== CENTRAL_SIG) {
      throw new BrokenZipError(`record ${i + 1} van ${count} in de centrale map is beschadigd`);
    }
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    const end = p + 46 + nameLen + extraLen + commentLen;
    if (end > cdOffset + cdSize) throw new BrokenZipError(`record ${i + 1} van de centrale map loopt voorbij de map`);
    const entry: ZipEntry = {
      name: decoder.decode(bytes.subarray(p + 46, p + 46 + nameLen)),
      flags: view.getUint16(p + 8, true),
      method: view.getUint16(p + 10, true),
      compressedSize: view.getUint32(p + 20, true),
      uncompressedSize: view.getUint32(p + 24, true),
      localHeaderOffset: view.getUint32(p + 42, true),
    };
    applyZip64Extra(view, p + 46 + nameLen, extraLen, entry);
    entries.push(entry);
    p = end;
  }
  return entries;
}

/**
 * Inflates one entry, refusing to produce more than `maxOutput` bytes (so a lying
 * header cannot make us allocate gigabytes). Throws ZipEntryTooLargeError past the cap
 * and BrokenZipError for damaged data.
 */
export function inflateZipEntry(bytes: Uint8Array, entry: ZipEntry, maxOutput: number): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localHeaderOffset;
  if (at + 30 > bytes.byteLength || view.getUint32(at, true) !== LOCAL_SIG) {
    throw new BrokenZipError(`de lokale kop van ${entry.name} ontbreekt`);
  }
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const end = start + entry.compressedSize;
  if (end > bytes.byteLength) throw new BrokenZipError(`de data van ${entry.name} lopen voorbij het einde van het bestand`);
  const data = bytes.subarray(start, end);
  if (entry.method === 0) {
    if (data.byteLength > maxOutput) throw new ZipEntryTooLargeError(entry.name);
    return data;
  }
  if (entry.method !== 8) throw new BrokenZipError(`${entry.name} gebruikt compressiemethode ${entry.method}, die niet wordt ondersteund`);
  try {
    return inflateRawSync(data, { maxOutputLength: Math.max(1, maxOutput) });
  } catch (e) {
    if (e instanceof RangeError || (e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new ZipEntryTooLargeError(entry.name);
    }
    throw new BrokenZipError(`de data van ${entry.name} zijn beschadigd (${(e as Error).message})`);
  }
}

function findEndOfCentralDirectory(view: DataView): number {
  // The record is 22 bytes plus a comment of at most 64 KiB, at the very end.
  const last = view.byteLength - 22;
  const first = Math.max(0, last - U16_MAX);
  for (let p = last; p >= first; p--) {
    if (view.getUint32(p, true) === EOCD_SIG && p + 22 + view.getUint16(p + 20, true) <= view.byteLength) return p;
  }
  throw new BrokenZipError('de centrale map ontbreekt (het bestand is afgebroken of geen ZIP-archief)');
}

function readZip64End(view: DataView, eocd: number): { count: number; cdSize: number; cdOffset: number } {
  const locator = eocd - 20;
  if (locator < 0 || view.getUint32(locator, true) !== ZIP64_LOCATOR_SIG) throw new BrokenZipError('de ZIP64-locator ontbreekt');
  const end64 = toSafeNumber(view.getBigUint64(locator + 8, true));
  if (end64 + 56 > view.byteLength || view.getUint32(end64, true) !== ZIP64_EOCD_SIG) {
    throw new BrokenZipError('het ZIP64-eindrecord is beschadigd');
  }
  return {
    count: toSafeNumber(view.getBigUint64(end64 + 32, true)),
    cdSize: toSafeNumber(view.getBigUint64(end64 + 40, true)),
    cdOffset: toSafeNumber(view.getBigUint64(end64 + 48, true)),
  };
}

/** ZIP64 extra field (id 1) holds, in order, only the sizes whose 32-bit slot is 0xFFFFFFFF. */
function applyZip64Extra(view: DataView, start: number, length: number, entry: ZipEntry): void {
  const needs = entry.uncompressedSize === U32_MAX || entry.compressedSize === U32_MAX || entry.localHeaderOffset === U32_MAX;
  if (!needs) return;
  for (let p = start; p + 4 <= start + length; ) {
    const id = view.getUint16(p, true);
    const size = view.getUint16(p + 2, true);
    if (id === 1) {
      let q = p + 4;
      const next = (): number => {
        if (q + 8 > p + 4 + size) throw new BrokenZipError(`de ZIP64-groottes van ${entry.name} zijn beschadigd`);
        const v = toSafeNumber(view.getBigUint64(q, true));
        q += 8;
        return v;
      };
      if (entry.uncompressedSize === U32_MAX) entry.uncompressedSize = next();
      if (entry.compressedSize === U32_MAX) entry.compressedSize = next();
      if (entry.localHeaderOffset === U32_MAX) entry.localHeaderOffset = next();
      return;
    }
    p += 4 + size;
  }
  throw new BrokenZipError(`de ZIP64-groottes van ${entry.name} ontbreken`);
}

/** Values past 2^53 only appear in hostile archives; they saturate so size checks still fail them. */
function toSafeNumber(v: bigint): number {
  return v > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(v);
}
