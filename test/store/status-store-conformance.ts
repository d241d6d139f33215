/**
 * The StatusStore conformance suite: every implementation (SQLite, PostgreSQL) must pass it.
 * The import log is written through the document Store and the file queue through the
 * TkStore of the same backend, since the status store reads theirs.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ImportRecord } from '../../src/domain/index.js';
import type { TkEntity } from '../../src/domain/tk.js';
import type { StatusStore, SourceRun } from '../../src/store/status-store.js';
import type { Store } from '../../src/store/store.js';
import { REFUSED, type TkStore } from '../../src/store/tk-store.js';

/** The feed these cursors belong to (cursors are kept per feed). */
const FEED = 'https://feed.example/SyncFeed/2.0';
const at = (skiptoken: string) => ({ origin: FEED, skiptoken });

export interface StatusStoreFixture {
  status: StatusStore;
  /** The document store on the same database (its import log). */
  store: Store;
  /** The open-data store on the same database, when asked for and the backend has one; null otherwise. */
  tk: TkStore | null;
  close(): Promise<void>;
}

const run = (source: string, startedAt: string, ok: boolean, extra: Partial<SourceRun> = {}): SourceRun => ({
  source, origin: 'https://gegevensmagazijn.tweedekamer.nl/SyncFeed/2.0/Feed', startedAt, finishedAt: startedAt.replace(':00.000Z', ':30.000Z'), ok, items: ok ? 5 : 0, error: ok ? null : 'HTTP 503', ...extra,
});
const hour = (h: number) => new Date(Date.UTC(2026, 0, 1) + h * 3_600_000).toISOString();
const imp = (source: string, status: ImportRecord['status'], at: string, docId: string | null = null, errorCode: string | null = null): ImportRecord => ({
  source, status, docId, version: docId ? 1 : null, errorCode, message: errorCode ? `kapot: ${errorCode}` : null, at,
});
const G = (n: number) => `00000000-0000-4000-a000-${String(n).padStart(12, '0')}`;
const doc = (n: number): TkEntity => ({
  id: G(n), category: 'Document', updated: '2025-03-03T12:00:00.000Z', deleted: false, fields: {}, refs: [], file: { contentType: 'application/pdf', contentLength: 10 },
});

export function runStatusStoreConformance(name: string, make: (options: { tk: boolean }) => Promise<StatusStoreFixture>): void {
  describe(`StatusStore conformance: ${name}`, () => {
    it('keeps every run and summarises each source: last attempt, last success, recent successes', async () => {
      const f = await make({ tk: false });
      try {
        assert.deepEqual(await f.status.runSummaries(), []);
        await f.status.recordRun(run('tk:Zaak', hour(0), true));
        await f.status.recordRun(run('tk:Zaak', hour(1), true, { origin: '/data/tk-world' }));
        await f.status.recordRun(run('tk:Zaak', hour(2), false, { origin: null }));
        await f.status.recordRun(run('tk:Besluit', hour(3), false));
        await f.status.recordRun(run('tk-files', hour(4), true, { items: 12 }));
        for (let i = 0; i < 25; i++) await f.status.recordRun(run('Tk:Persoon', hour(10 + i), true));
        const s = await f.status.runSummaries();
        // Sources in byte order, as SQLite compares them.
        assert.deepEqual(s.map((x) => x.source), ['Tk:Persoon', 'tk-files', 'tk:Besluit', 'tk:Zaak']);
        const zaak = s[3]!;
        assert.equal(zaak.origin, null, 'the origin of the last attempt');
        assert.deepEqual(zaak.lastAttempt, run('tk:Zaak', hour(2), false, { origin: null }));
        assert.deepEqual(zaak.lastSuccess, run('tk:Zaak', hour(1), true, { origin: '/data/tk-world' }));
        assert.deepEqual(zaak.recentSuccesses, [hour(1), hour(0)]);
        assert.equal(s[2]!.lastSuccess, null);
        assert.deepEqual(s[2]!.recentSuccesses, []);
        assert.equal(s[1]!.lastAttempt.items, 12);
        assert.deepEqual(s[0]!.recentSuccesses, Array.from({ length: 20 }, (_, i) => hour(34 - i)));
      } finally {
        await f.close();
      }
    });

    it('answers the last finished run of an open-data source as the last sync, whatever its case', async () => {
      const f = await make({ tk: false });
      try {
        assert.equal(await f.status.lastSync(), null);
        await f.status.recordRun(run('elders', hour(0), true));
        assert.equal(await f.status.lastSync(), null);
        await f.status.recordRun(run('tk:Zaak', hour(5), true));
        await f.status.recordRun(run('tk-files', hour(3), false));
        assert.equal((await f.status.lastSync())?.source, 'tk:Zaak');
        await f.status.recordRun(run('TK:Besluit', hour(6), false));
        await f.status.recordRun(run('andere-bron', hour(9), true));
        assert.deepEqual(await f.status.lastSync(), run('TK:Besluit', hour(6), false));
        // Finished at the same time: the run recorded last.
        await f.status.recordRun(run('tk:Persoon', hour(6), true));
        assert.equal((await f.status.lastSync())?.source, 'tk:Persoon');
      } finally {
        await f.close();
      }
    });

    it('summarises the import log per folder, and lists what still fails, newest first', async () => {
      const f = await make({ tk: false });
      try {
        assert.deepEqual(await f.status.importFolders(), []);
        await f.store.recordImport(imp('/data/brieven/a.pdf', 'new', hour(0), 'a'));
        await f.store.recordImport(imp('/data/brieven/b.pdf', 'failed', hour(1), null, 'CORRUPT_FILE'));
        await f.store.recordImport(imp('/data/brieven/c.pdf', 'failed', hour(2), null, 'ENCRYPTED_FILE'));
        await f.store.recordImport(imp('/data/brieven/c.pdf', 'new', hour(3), 'c'));
        await f.store.recordImport(imp('/data/brieven/a.pdf', 'unchanged', hour(3), 'a'));
        await f.store.recordImport(imp('tk:' + G(1), 'new', hour(4), 't1'));
        await f.store.recordImport(imp('/data/bulk.ndjson:12', 'failed', hour(5), null, 'BAD_RECORD'));
        await f.store.recordImport(imp('/data/Anders/x.txt', 'unchanged', hour(6), 'a'));
        await f.store.recordImport(imp('/data/brieven/d.pdf', 'new', hour(7), 'd'));
        await f.store.recordImport(imp('/data/brieven/d.pdf', 'failed', hour(8), null, 'CORRUPT_FILE'));
        const folders = await f.status.importFolders();
        assert.deepEqual(folders, [
          { folder: '/data', documents: 0, failed: 1, lastAttempt: hour(5), lastSuccess: null, recentHours: [] },
          { folder: '/data/Anders', documents: 1, failed: 0, lastAttempt: hour(6), lastSuccess: hour(6), recentHours: [hour(6).slice(0, 13)] },
          {
            folder: '/data/brieven', documents: 3, failed: 2, lastAttempt: hour(8), lastSuccess: hour(7),
            recentHours: [hour(7), hour(3), hour(0)].map((h) => h.slice(0, 13)),
          },
          { folder: 'tk:', documents: 1, failed: 0, lastAttempt: hour(4), lastSuccess: hour(4), recentHours: [hour(4).slice(0, 13)] },
        ]);
        assert.deepEqual(await f.status.importFailures(10), [
          { source: '/data/brieven/d.pdf', errorCode: 'CORRUPT_FILE', message: 'kapot: CORRUPT_FILE', at: hour(8) },
          { source: '/data/bulk.ndjson:12', errorCode: 'BAD_RECORD', message: 'kapot: BAD_RECORD', at: hour(5) },
          { source: '/data/brieven/b.pdf', errorCode: 'CORRUPT_FILE', message: 'kapot: CORRUPT_FILE', at: hour(1) },
        ]);
        assert.deepEqual((await f.status.importFailures(1)).map((x) => x.source), ['/data/brieven/d.pdf']);
      } finally {
        await f.close();
      }
    });

    it('counts nothing in the file queue when the open data is not stored here', async () => {
      const f = await make({ tk: false });
      try {
        assert.deepEqual(await f.status.fileCounts(), { ok: 0, pending: 0, missing: 0, broken: 0, refused: 0 });
        assert.deepEqual(await f.status.fileFailures(10), []);
      } finally {
        await f.close();
      }
    });

    it('counts the open-data file queue and lists the files that could not be fetched, latest queued first', async () => {
      const f = await make({ tk: true });
      try {
        assert.ok(f.tk, 'the factory gives an open-data store when asked');
        assert.deepEqual(await f.status.fileCounts(), { ok: 0, pending: 0, missing: 0, broken: 0, refused: 0 });
        await f.tk.applyPage('Document', [1, 2, 3, 4, 5, 6].map((n) => ({ entity: doc(n), enclosure: `http://x/Resources/${n}` })), at('1'));
        await f.tk.recordFileFailed(G(1), 'missing', 'HTTP 404');
        await f.tk.recordFileFailed(G(3), 'broken', 'afgebroken');
        await f.tk.recordFileFailed(G(3), 'broken', 'weer afgebroken');
        await f.tk.recordFileFetched(G(4), doc(4).updated, { version: 1, contentHash: 'h', byteCount: 10, path: 'files/4.v1.pdf' });
        // Refused by the sync (tk-store.ts, REFUSAL_MARKERS, the Dutch one and the older one): no failure, counted apart.
        await f.tk.recordFileFailed(G(5), 'broken', `${REFUSED}bijlage-link naar host x geweigerd`);
        await f.tk.recordFileFailed(G(6), 'broken', 'refused: not a GUID');
        assert.deepEqual(await f.status.fileCounts(), { ok: 1, pending: 1, missing: 1, broken: 1, refused: 2 });
        assert.deepEqual(await f.status.fileFailures(10), [
          { entityId: G(6), category: 'Document', status: 'refused', href: 'http://x/Resources/6', attempts: 1, error: 'refused: not a GUID' },
          { entityId: G(5), category: 'Document', status: 'refused', href: 'http://x/Resources/5', attempts: 1, error: 'geweigerd: bijlage-link naar host x geweigerd' },
          { entityId: G(3), category: 'Document', status: 'broken', href: 'http://x/Resources/3', attempts: 2, error: 'weer afgebroken' },
          { entityId: G(1), category: 'Document', status: 'missing', href: 'http://x/Resources/1', attempts: 1, error: 'HTTP 404' },
        ]);
        assert.equal((await f.status.fileFailures(1)).length, 1);
      } finally {
        await f.close();
      }
    });
  });
}
