/** Runs the BlobStore conformance suite on the folder and on PostgreSQL, and what each adds. */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { BLOB_CHUNK_BYTES, originalBlobKey, readBlob } from '../../src/store/blob-store.js';
import { FolderBlobStore } from '../../src/store/folder-blob-store.js';
import { PG_BLOB_MIGRATIONS, PgBlobStore } from '../../src/store/postgres/pg-blob-store.js';
import { PG_FILE_MIGRATIONS, PG_STORE_MIGRATIONS } from '../../src/store/postgres/store-migrations.js';
import { freshPgDb, pgSkip } from '../helpers/pg.js';
import { drain, pseudoRandomBytes, runBlobStoreConformance } from './blob-store-conformance.js';

const text = (s: string) => new TextEncoder().encode(s);
const same = (a: Uint8Array | null, b: Uint8Array) => assert.ok(a && Buffer.from(a).equals(Buffer.from(b)), 'bytes differ');

runBlobStoreConformance('folder', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kl-blobs-'));
  return { blobs: new FolderBlobStore(dir), close: async () => rmSync(dir, { recursive: true, force: true }) };
});

describe('FolderBlobStore', () => {
  it('reads the files an existing data folder holds, at the paths the sync always used', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kl-blobs-'));
    try {
      mkdirSync(join(dir, 'files', 'Verslag', '3f'), { recursive: true });
      writeFileSync(join(dir, 'files', 'Verslag', '3f', '3f0e0000-0000-4000-8000-000000000001.v2.xml'), '<vergadering/>');
      const blobs = new FolderBlobStore(dir);
      same(await readBlob(blobs, 'files/Verslag/3f/3f0e0000-0000-4000-8000-000000000001.v2.xml'), text('<vergadering/>'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('leaves no temporary file behind, after a write or a failed one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kl-blobs-'));
    try {
      const blobs = new FolderBlobStore(dir);
      await blobs.put('files/a/b.v1.pdf', text('een'));
      async function* failing() {
        yield text('half');
        throw new Error('weg');
      }
      await assert.rejects(blobs.put('files/a/b.v1.pdf', failing()), /weg/);
      assert.deepEqual(readdirSync(join(dir, 'files', 'a')), ['b.v1.pdf']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('postgres', { skip: pgSkip }, () => {
  const openPg = async () => {
    const db = await freshPgDb();
    await db.migrate('blobs', PG_BLOB_MIGRATIONS);
    return { db, blobs: new PgBlobStore(db) };
  };

  runBlobStoreConformance('postgres', async () => {
    const { db, blobs } = await openPg();
    return { blobs, close: () => db.close() };
  });

  describe('PgBlobStore', () => {
    it('stores a new blob in one statement (chunks as put cuts them), and leaves one that is there', async () => {
      const { db, blobs } = await openPg();
      try {
        const sizes = [0, 1, BLOB_CHUNK_BYTES, 2 * BLOB_CHUNK_BYTES + 1, 4 * BLOB_CHUNK_BYTES, 4 * BLOB_CHUNK_BYTES + 1];
        for (const [i, size] of sizes.entries()) {
          const key = `originals/nieuw-${size}`;
          const bytes = pseudoRandomBytes(size, i + 1);
          assert.equal(await blobs.putNew(key, bytes, { contentType: 'application/pdf' }), true, `${size}`);
          assert.deepEqual(Buffer.from(await readBlob(blobs, key) ?? []), Buffer.from(bytes), `${size}`);
          const rows = await db.rows<{ seq: number; n: number }>('SELECT seq, length(bytes) AS n FROM blob_chunks WHERE blob_key = $1 ORDER BY seq', [key]);
          const want = Array.from({ length: Math.ceil(size / BLOB_CHUNK_BYTES) }, (_, seq) => ({ seq, n: Math.min(BLOB_CHUNK_BYTES, size - seq * BLOB_CHUNK_BYTES) }));
          assert.deepEqual(rows, want, `${size}`);
          assert.deepEqual(await db.rows('SELECT size::int AS size, chunks, content_type FROM blobs WHERE blob_key = $1', [key]), [{ size, chunks: want.length, content_type: 'application/pdf' }]);
          // There already: not written again, whatever the bytes.
          assert.equal(await blobs.putNew(key, text('anders')), false);
          assert.deepEqual(Buffer.from(await readBlob(blobs, key) ?? []), Buffer.from(bytes));
        }
      } finally {
        await db.close();
      }
    });

    it('keeps a blob as rows of one chunk each', async () => {
      const { db, blobs } = await openPg();
      try {
        await blobs.put('originals/drie', pseudoRandomBytes(2 * BLOB_CHUNK_BYTES + 1));
        const rows = await db.rows<{ seq: number; n: number }>("SELECT seq, length(bytes) AS n FROM blob_chunks WHERE blob_key = 'originals/drie' ORDER BY seq");
        assert.deepEqual(rows, [{ seq: 0, n: BLOB_CHUNK_BYTES }, { seq: 1, n: BLOB_CHUNK_BYTES }, { seq: 2, n: 1 }]);
        await blobs.put('originals/drie', text('x'));
        assert.equal((await db.rows("SELECT 1 FROM blob_chunks WHERE blob_key = 'originals/drie'")).length, 1);
      } finally {
        await db.close();
      }
    });

    it('a put inside a unit of work that rolls back leaves nothing; inside it, it reads back', async () => {
      const { db, blobs } = await openPg();
      try {
        const big = pseudoRandomBytes(BLOB_CHUNK_BYTES + 5, 7);
        await assert.rejects(
          db.atomic(async (tx) => {
            const inUnit = new PgBlobStore(tx);
            await inUnit.put('files/Document/aa/x.v1.pdf', big);
            // The unit's own client reads what it wrote, chunk by chunk.
            same(await readBlob(inUnit, 'files/Document/aa/x.v1.pdf'), big);
            throw new Error('terug');
          }),
          /terug/,
        );
        assert.equal(await blobs.has('files/Document/aa/x.v1.pdf'), false);
        assert.deepEqual(await db.rows('SELECT * FROM blob_chunks'), []);
        assert.deepEqual(await db.rows('SELECT * FROM blobs'), []);
      } finally {
        await db.close();
      }
    });

    it('a blob replaced while it is read ends the stream with an error, never two contents spliced', async () => {
      const { db, blobs } = await openPg();
      try {
        await blobs.put('files/x/r.v1.pdf', pseudoRandomBytes(3 * BLOB_CHUNK_BYTES, 8));
        const b = (await blobs.open('files/x/r.v1.pdf'))!;
        const it = b.stream[Symbol.asyncIterator]();
        assert.equal(((await it.next()).value as Uint8Array).byteLength, BLOB_CHUNK_BYTES);
        await blobs.put('files/x/r.v1.pdf', pseudoRandomBytes(3 * BLOB_CHUNK_BYTES, 9));
        await assert.rejects(
          (async () => {
            for (let r = await it.next(); !r.done; r = await it.next());
          })(),
          /vervangen of verwijderd/,
        );
        same(await readBlob(blobs, 'files/x/r.v1.pdf'), pseudoRandomBytes(3 * BLOB_CHUNK_BYTES, 9));
      } finally {
        await db.close();
      }
    });

    it('concurrent writers of one key leave one whole blob', async () => {
      const { db, blobs } = await openPg();
      try {
        const contents = [1, 2, 3, 4].map((s) => pseudoRandomBytes(BLOB_CHUNK_BYTES * 2 + s, 20 + s));
        await Promise.all(contents.map((c) => blobs.put('originals/strijd', c)));
        const got = (await readBlob(blobs, 'originals/strijd'))!;
        assert.ok(contents.some((c) => Buffer.from(c).equals(Buffer.from(got))), 'a mix of writers');
      } finally {
        await db.close();
      }
    });

    it('moves the originals of a database from before into chunks, byte for byte', async () => {
      const db = await freshPgDb();
      try {
        await db.migrate('store', PG_STORE_MIGRATIONS);
        await db.migrate('files', PG_FILE_MIGRATIONS);
        const big = pseudoRandomBytes(BLOB_CHUNK_BYTES * 2 + 333, 11);
        const bigHash = createHash('sha256').update(big).digest('hex');
        await db.q('INSERT INTO originals (content_hash, bytes) VALUES ($1, $2), ($3, $4), ($5, $6)', [
          bigHash, Buffer.from(big), 'h-klein <p>', Buffer.from('klein'), 'h-leeg', Buffer.alloc(0),
        ]);
        await db.migrate('blobs', PG_BLOB_MIGRATIONS);
        const blobs = new PgBlobStore(db);
        assert.equal(originalBlobKey(bigHash), `originals/${bigHash}`);
        same(await readBlob(blobs, originalBlobKey(bigHash)), big);
        // A hash that is no sha256 (the store treats hashes as opaque): the same key as the store's.
        same(await readBlob(blobs, originalBlobKey('h-klein <p>')), text('klein'));
        const empty = (await blobs.open(originalBlobKey('h-leeg')))!;
        assert.equal(empty.size, 0);
        assert.equal((await drain(empty.stream)).bytes.byteLength, 0);
        assert.equal((await db.one<{ t: string | null }>("SELECT to_regclass('originals')::text AS t"))?.t, null);
      } finally {
        await db.close();
      }
    });
  });
});
