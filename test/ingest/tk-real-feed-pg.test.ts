/**
 * The real SyncFeed (test/fixtures/tk-real-feed) synced into PostgreSQL and into the SQLite
 * default: every Kamer list, every page a list links to (as its JSON twin), the reports'
 * parsed debates and the searches answer the same on both. tk-real-feed.test.ts checks what
 * the pages say on SQLite; this checks that PostgreSQL says the same about real data, which
 * holds what our own fake world does not (lower-case category terms, an id that is not a GUID,
 * tombstones with and without a body, nested and flat forms).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Hono } from 'hono';
import { syncFeed } from '../../src/ingest/sync.js';
import { projectTkSearch } from '../../src/ingest/tk-search.js';
import { keepPromises, openPgServices, openServices, type Opened } from '../../src/main.js';
import { createApp } from '../../src/server/app.js';
import { freshPgSchemaUrl, pgSkip } from '../helpers/pg.js';
import { collectUrls } from '../helpers/stored.js';

const REAL = join(import.meta.dirname, '..', 'fixtures', 'tk-real-feed');

const LISTS = ['/api/parliament', '/api/persons', '/api/activities', '/api/decisions', '/api/votes', '/api/committees', '/api/factions',
  '/api/dossiers', '/api/reports', '/api/parliament/commitments', '/api/gifts', '/api/open-questions'];

/**
 * What differs between two runs of the same sync, whatever the backend: when things were stored,
 * and so the order of the most recently stored documents, and the numbers of the files (the sync
 * downloads four at once and stores each as it arrives: two runs into SQLite number them
 * differently too).
 */
function stable(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value), (k, v) => {
    if (/^(importedAt|storedAt|createdAt|updatedAt|syncedAt|elapsedMs|tookMs|at)$/.test(k)) return '<tijd>';
    if (typeof v === 'string' && /\/bestanden\/\d+$/.test(v)) return v.replace(/\d+$/, '<n>');
    if (k === 'files' && Array.isArray(v)) return v.map((f: Record<string, unknown>) => ({ ...f, id: '<n>' }));
    if (k === 'recent' && Array.isArray(v)) return [...v].sort((a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1));
    return v;
  });
}

/** What `kamerlens sync --from-dir` does (main.ts): the feed and its files, the search projection, the promise pass. */
async function synced(world: Opened, dataDir: string): Promise<Hono> {
  const deps = { units: world.units, store: world.store, index: world.index, structure: world.structure, onVersionStored: world.onVersionStored, tkStore: world.tk, vlos: world.vlos, runs: world.status };
  await syncFeed({ fromDir: REAL, dataDir }, world.blobs ? { ...deps, blobs: world.blobs } : deps);
  await projectTkSearch({ units: world.units, store: world.store, index: world.index, tk: world.tk, structure: world.structure });
  await keepPromises(world, false);
  return createApp(world);
}

describe('the real SyncFeed on PostgreSQL', { skip: pgSkip }, () => {
  const dirs: string[] = [];
  let lite: Opened;
  let pg: Opened;
  let liteApp: Hono;
  let pgApp: Hono;

  before(async () => {
    const liteDir = mkdtempSync(join(tmpdir(), 'kl-real-lite-'));
    dirs.push(liteDir);
    lite = openServices(join(liteDir, 'kamerlens.db'));
    liteApp = await synced(lite, liteDir);
    // A data folder of its own, which must stay empty: on PostgreSQL the files are blobs in the database.
    const pgDir = mkdtempSync(join(tmpdir(), 'kl-real-pg-'));
    dirs.push(pgDir);
    pg = await openPgServices(await freshPgSchemaUrl(), pgDir);
    pgApp = await synced(pg, pgDir);
    assert.deepEqual(readdirSync(pgDir), []);
  });
  after(async () => {
    await lite?.close();
    await pg?.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  const both = async (path: string) => {
    const [a, b] = await Promise.all([liteApp.request(path), pgApp.request(path)]);
    return { path, sqlite: { status: a.status, body: stable(await a.json()) }, pg: { status: b.status, body: stable(await b.json()) } };
  };

  it('answers every list, and every page a list links to, as SQLite does', async () => {
    const urls = new Set<string>();
    const differ: string[] = [];
    for (const l of LISTS) {
      const r = await both(l);
      assert.equal(r.sqlite.status, 200, l);
      if (JSON.stringify(r.sqlite) !== JSON.stringify(r.pg)) differ.push(l);
      collectUrls(r.sqlite.body, urls);
    }
    // The pages the sample is known to hold (and the report whose id is not a GUID) are among them.
    assert.ok(urls.size >= 8, `pages linked: ${urls.size}`);
    assert.ok(urls.has('/verslagen/abc'));
    for (const u of [...urls].sort()) {
      const r = await both(`${u}.json`);
      assert.equal(r.sqlite.status, 200, `${u}.json`);
      if (JSON.stringify(r.sqlite) !== JSON.stringify(r.pg)) differ.push(`${u}.json`);
    }
    // Named here rather than deep-compared one by one: every page that differs, at once.
    assert.deepEqual(differ, []);
  });

  it('finds the same in the synced records and the feed’s files', async () => {
    for (const q of ['q=Europese%20Top&type=alle', 'q=Pechtold&type=alle', 'q=motie&type=alle', 'q=Pechtold', 'q=telecomraad&type=alle', 'q=kamer']) {
      const r = await both(`/api/search?${q}`);
      assert.equal(r.sqlite.status, 200, q);
      assert.deepEqual(r.pg, r.sqlite, q);
    }
    const home = await both('/api/stats');
    assert.deepEqual(home.pg, home.sqlite);
    // The documents the feed's files became (a Handelingen, moties), each as its page's JSON.
    const ids = await lite.store.documentIds();
    assert.ok(ids.length >= 5, `documents: ${ids.length}`);
    for (const id of ids) {
      const r = await both(`/api/documents/${encodeURIComponent(id)}`);
      assert.equal(r.sqlite.status, 200, id);
      assert.deepEqual(r.pg, r.sqlite, id);
    }
  });
});
