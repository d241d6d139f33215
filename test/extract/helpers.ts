// Shared by the extract tests: fixture loading, error assertions and a tiny ZIP writer.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { isKamerlensError, type ErrorCode, type KamerlensError } from '../../src/domain/index.js';

const FIXTURES = new URL('../fixtures/files/', import.meta.url);
const SAMPLE = new URL('../../data/sample/', import.meta.url);

/** Bytes of a committed fixture in test/fixtures/files. */
export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(name, FIXTURES)));
}

/** Text of a sample document in data/sample. */
export function sample(name: string): string {
  return readFileSync(new URL(name, SAMPLE), 'utf8');
}

/** Text with every whitespace run removed, for comparing content across different line wrapping. */
export function squash(text: string): string {
  return text.replace(/\s+/g, '');
}

/** Awaits `run` and asserts it failed with `code` and a message naming `file`; returns the error. */
export async function expectError(run: () => Promise<unknown> | unknown, code: ErrorCode, file: string): Promise<KamerlensError> {
  let caught: unknown;
  try {
    await run();
  } catch (e) {
    caught = e;
  }
  assert.ok(isKamerlensError(caught), `expected KamerlensError ${code}, got ${String(caught)}`);
  assert.equal(caught.code, code, caught.message);
  assert.ok(caught.message.includes(file), `message should name ${file}: ${caught.message}`);
  assert.equal(caught.context.file, file);
  return caught;
}

export interface ZipSpec {
  name: string;
  data: Uint8Array;
  /** Deflate (default) or store. */
  deflate?: boolean;
  /** Overrides the uncompressed size written in the headers (to make them lie). */
  declaredSize?: number;
  flags?: number;
}

/** Builds a ZIP archive in memory (CRCs left 0: our reader and JSZip do not check them). */
export function makeZip(specs: ZipSpec[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const s of specs) {
    const name = Buffer.from(s.name, 'utf8');
    const deflate = s.deflate ?? true;
    const body = deflate ? deflateRawSync(s.data) : Buffer.from(s.data);
    const size = s.declaredSize ?? s.data.byteLength;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(s.flags ?? 0, 6);
    local.writeUInt16LE(deflate ? 8 : 0, 8);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(s.flags ?? 0, 8);
    central.writeUInt16LE(deflate ? 8 : 0, 10);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(specs.length, 8);
  end.writeUInt16LE(specs.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, cd, end]));
}
