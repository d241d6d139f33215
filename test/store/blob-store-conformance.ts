/**
 * The BlobStore conformance suite: every implementation (folder, PostgreSQL) gives back the
 * bytes it was given, streamed a chunk at a time, replaces atomically, and refuses keys that
 * are not ours.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { BLOB_CHUNK_BYTES, readBlob, type BlobStore } from '../../src/store/blob-store.js';

/** Deterministic bytes that differ everywhere (a repeated pattern would hide a chunk out of order). */
export function pseudoRandomBytes(n: number, seed = 1): Uint8Array {
  const out = new Uint8Array(n);
  let block = createHash('sha256').update(String(seed)).digest();
  for (let i = 0; i < n; i += 32) {
    out.set(block.subarray(0, Math.min(32, n - i)), i);
    block = createHash('sha256').update(block).digest();
  }
  return out;
}

/** Reads a stream, recording each chunk's size. */
export async function drain(stream: AsyncIterable<Uint8Array>): Promise<{ bytes: Uint8Array; chunks: number[] }> {
  const parts: Uint8Array[] = [];
  for await (const c of stream) parts.push(new Uint8Array(c));
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) (bytes.set(p, at), (at += p.byteLength));
  return { bytes, chunks: parts.map((p) => p.byteLength) };
}

const text = (s: string) => new TextEncoder().encode(s);

export function runBlobStoreConformance(name: string, open: () => Promise<{ blobs: BlobStore; close(): Promise<void> }>): void {
  describe(`BlobStore conformance (${name})`, () => {
    let blobs: BlobStore;
    let close: () => Promise<void>;
    before(async () => {
      ({ blobs, close } = await open());
    });
    after(async () => close());

    it('gives back what it was given, with its size', async () => {
      const info = await blobs.put('files/Verslag/ab/een.v1.xml', text('<vlos/>'), { contentType: 'text/xml' });
      assert.equal(info.size, 7);
      assert.equal(await blobs.has('files/Verslag/ab/een.v1.xml'), true);
      const b = await blobs.open('files/Verslag/ab/een.v1.xml');
      assert.ok(b);
      assert.equal(b.size, 7);
      // The folder keeps no type (callers know their files'); a store that keeps one keeps it right.
      assert.ok(b.contentType === null || b.contentType === 'text/xml', String(b.contentType));
      assert.equal(new TextDecoder().decode((await drain(b.stream)).bytes), '<vlos/>');
    });

    it('streams a blob of several chunks back byte for byte, never more than a chunk at a time', async () => {
      const big = pseudoRandomBytes(3 * BLOB_CHUNK_BYTES + 12_345);
      assert.equal((await blobs.put('originals/groot', big)).size, big.byteLength);
      const b = (await blobs.open('originals/groot'))!;
      assert.equal(b.size, big.byteLength);
      const got = await drain(b.stream);
      assert.ok(got.chunks.length >= 4, `${got.chunks.length} chunks`);
      assert.ok(Math.max(...got.chunks) <= BLOB_CHUNK_BYTES, `largest chunk ${Math.max(...got.chunks)}`);
      assert.ok(Buffer.from(got.bytes).equals(Buffer.from(big)));
      assert.ok(Buffer.from((await readBlob(blobs, 'originals/groot'))!).equals(Buffer.from(big)));
    });

    it('takes a stream of odd-sized pieces as well as bytes', async () => {
      const big = pseudoRandomBytes(2 * BLOB_CHUNK_BYTES + 7, 2);
      async function* pieces() {
        for (let i = 0; i < big.byteLength; i += 100_003) yield big.subarray(i, Math.min(i + 100_003, big.byteLength));
      }
      assert.equal((await blobs.put('originals/gestroomd', pieces())).size, big.byteLength);
      assert.ok(Buffer.from((await readBlob(blobs, 'originals/gestroomd'))!).equals(Buffer.from(big)));
    });

    it('keeps an empty blob', async () => {
      await blobs.put('originals/leeg', new Uint8Array(0));
      const b = (await blobs.open('originals/leeg'))!;
      assert.equal(b.size, 0);
      assert.equal((await drain(b.stream)).bytes.byteLength, 0);
    });

    it('replaces on overwrite, a longer blob by a shorter one too', async () => {
      await blobs.put('files/x/y.v1.pdf', pseudoRandomBytes(BLOB_CHUNK_BYTES + 10, 3));
      await blobs.put('files/x/y.v1.pdf', text('kort'));
      const b = (await blobs.open('files/x/y.v1.pdf'))!;
      assert.equal(b.size, 4);
      assert.equal(new TextDecoder().decode((await drain(b.stream)).bytes), 'kort');
    });

    it('a write whose source fails leaves the old blob as it was', async () => {
      await blobs.put('files/x/z.v1.pdf', text('oud'));
      async function* failing() {
        yield pseudoRandomBytes(BLOB_CHUNK_BYTES + 1, 4);
        throw new Error('verbinding verbroken');
      }
      await assert.rejects(blobs.put('files/x/z.v1.pdf', failing()), /verbinding verbroken/);
      assert.equal(new TextDecoder().decode((await readBlob(blobs, 'files/x/z.v1.pdf'))!), 'oud');
    });

    it('answers a missing key with null, false and false', async () => {
      assert.equal(await blobs.open('files/nergens.v1.xml'), null);
      assert.equal(await blobs.has('files/nergens.v1.xml'), false);
      assert.equal(await blobs.remove('files/nergens.v1.xml'), false);
      assert.equal(await readBlob(blobs, 'files/nergens.v1.xml'), null);
    });

    it('removes', async () => {
      await blobs.put('originals/weg', text('weg'));
      assert.equal(await blobs.remove('originals/weg'), true);
      assert.equal(await blobs.open('originals/weg'), null);
      assert.equal(await blobs.has('originals/weg'), false);
    });

    it('refuses a key that could leave its place', async () => {
      for (const bad of ['../buiten', 'files/../../etc/passwd', '/etc/passwd', '.verborgen', 'files/.x', 'a\\b', 'a//b', '', 'a/b/', 'nul\0']) {
        await assert.rejects(blobs.put(bad, text('x')), RangeError, JSON.stringify(bad));
        await assert.rejects(blobs.open(bad), RangeError, JSON.stringify(bad));
      }
    });

    it('serves concurrent readers of one blob, each the whole of it', async () => {
      const big = pseudoRandomBytes(2 * BLOB_CHUNK_BYTES + 99, 5);
      await blobs.put('originals/gedeeld', big);
      const reads = await Promise.all(Array.from({ length: 6 }, async () => drain((await blobs.open('originals/gedeeld'))!.stream)));
      for (const r of reads) assert.ok(Buffer.from(r.bytes).equals(Buffer.from(big)));
    });

    it('lets a reader stop early without harm to the next', async () => {
      const b = (await blobs.open('originals/groot'))!;
      for await (const _ of b.stream) break; // a client that goes away after one chunk
      assert.equal((await readBlob(blobs, 'originals/groot'))!.byteLength, 3 * BLOB_CHUNK_BYTES + 12_345);
    });
  });
}
