/**
 * Files shared by all nodes: with PostgreSQL as the database, a worker's sync keeps the
 * Kamer's files and the documents' originals in the database, and a second node with a data
 * folder of its own (it never saw the first one's disk) serves them byte for byte, streamed
 * with their length, and derives reports from them. Nothing lands in either data folder.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { openPgServices, type Opened } from '../../src/main.js';
import { createApp } from '../../src/server/app.js';
import { pullStream } from '../../src/server/send-file.js';
import { syncFeed, type SyncDeps } from '../../src/ingest/sync.js';
import { rederiveVerslagen } from '../../src/ingest/vlos.js';
import { BLOB_CHUNK_BYTES } from '../../src/store/blob-store.js';
import { freshPgSchemaUrl, pgSkip } from '../helpers/pg.js';

const root = join(import.meta.dirname, '..', '..');
const WORLD = join(root, 'data', 'tk-world');
const VLOS = join(import.meta.dirname, '..', 'fixtures', 'tk-vlos');
const VERSLAG = '03686ab6-0000-4000-8000-000000000001';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const deps = (s: Opened): SyncDeps => ({ units: s.units, store: s.store, index: s.index, structure: s.structure, tkStore: s.tk, vlos: s.vlos, blobs: s.blobs! });

/** Every file under `dir`, as relative paths. */
const filesUnder = (dir: string): string[] => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name);

describe('two nodes on one PostgreSQL database, each with its own data folder', { skip: pgSkip, timeout: 300_000 }, () => {
  let worker: Opened;
  let web: Opened;
  let workerDir: string;
  let webDir: string;
  /** The Kamer's files of the demo world, by content hash. */
  const resources = new Map<string, Uint8Array>();

  before(async () => {
    const url = await freshPgSchemaUrl();
    workerDir = mkdtempSync(join(tmpdir(), 'kl-node-a-'));
    webDir = mkdtempSync(join(tmpdir(), 'kl-node-b-'));
    worker = await openPgServices(url, workerDir);
    web = await openPgServices(url, webDir);
    for (const name of readdirSync(join(WORLD, 'resources'))) {
      const bytes = new Uint8Array(readFileSync(join(WORLD, 'resources', name)));
      resources.set(sha(bytes), bytes);
    }
    const docs = await syncFeed({ fromDir: WORLD, dataDir: workerDir, categories: ['Document'] }, deps(worker));
    assert.ok(docs.files.imported >= 3, JSON.stringify(docs.files));
    const reports = await syncFeed({ fromDir: VLOS, dataDir: workerDir, categories: ['Persoon', 'Vergadering', 'Verslag'] }, deps(worker));
    assert.equal(reports.files.fetched, 1);
  });
  after(async () => {
    await worker?.close();
    await web?.close();
  });

  it('writes nothing to either data folder', () => {
    assert.deepEqual(filesUnder(workerDir), []);
    assert.deepEqual(filesUnder(webDir), []);
  });

  it('serves every downloaded file from the other node, byte for byte, with its length', async () => {
    const app = createApp(web);
    let served = 0;
    let largest = 0;
    for (const id of await web.store.documentIds()) {
      for (const f of await web.store.listFiles(id)) {
        const res = await app.request(`/documents/${encodeURIComponent(id)}/bestanden/${f.id}`);
        assert.equal(res.status, 200, `${id} ${f.id}`);
        const body = new Uint8Array(await res.arrayBuffer());
        assert.equal(res.headers.get('content-length'), String(body.byteLength));
        assert.equal(body.byteLength, f.byteSize);
        assert.equal(sha(body), f.contentHash);
        // The Kamer's own file, not something derived from it.
        assert.ok(resources.has(sha(body)), `${id}: not one of the world's files`);
        served++;
        largest = Math.max(largest, body.byteLength);
      }
    }
    assert.ok(served >= 3, `${served} files served`);
    // The world's 1 MB file: several chunks, reassembled in order.
    assert.ok(largest > 3 * BLOB_CHUNK_BYTES, `largest file ${largest} bytes`);
  });

  it('serves the old /original link of a version the same way', async () => {
    const app = createApp(web);
    const id = (await web.store.documentIds())[0]!;
    const v = (await web.store.getVersion(id))!;
    const res = await app.request(`/documents/${encodeURIComponent(id)}/original`);
    assert.equal(res.status, 200);
    const body = new Uint8Array(await res.arrayBuffer());
    assert.equal(sha(body), v.contentHash);
    assert.equal(res.headers.get('content-length'), String(body.byteLength));
  });

  it('derives a report again on the other node from the file the first one downloaded', async () => {
    assert.deepEqual(await rederiveVerslagen({ ...deps(web), vlos: web.vlos }, web.blobs!, { all: true }), { parsed: 1, failed: 0 });
    assert.equal((await web.vlos.getReport(VERSLAG))?.report.activiteiten.length, 7);
  });

  it('answers 404 for a file that is not there', async () => {
    const app = createApp(web);
    const id = (await web.store.documentIds())[0]!;
    assert.equal((await app.request(`/documents/${encodeURIComponent(id)}/bestanden/999999`)).status, 404);
  });
});

describe('a download stream', () => {
  it('takes the next chunk from its source only when the client has taken the last', async () => {
    let produced = 0;
    async function* source() {
      for (let i = 0; i < 10; i++) {
        produced++;
        yield new Uint8Array(BLOB_CHUNK_BYTES);
      }
    }
    const reader = pullStream(Readable.from(source(), { objectMode: false, highWaterMark: 1 })).getReader();
    await reader.read();
    // Node's own buffer may hold the next one or two; the file is ten.
    await new Promise((r) => setTimeout(r, 20));
    assert.ok(produced <= 3, `${produced} chunks produced after one was read`);
    await reader.cancel();
  });
});
