/**
 * Runs the WatchStore conformance suite on SQLite and PostgreSQL, plus what is PostgreSQL's
 * own: the change log's commit order under concurrent writers, and its migration.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { emptyStructure } from '../../src/domain/index.js';
import { SqliteStore, openDatabase } from '../../src/store/index.js';
import { PgDb } from '../../src/store/postgres/connection.js';
import { logDocumentVersions } from '../../src/store/postgres/watch-change-log.js';
import { PG_WATCH_MIGRATIONS } from '../../src/store/postgres/watch-migrations.js';
import { PgWatchStore } from '../../src/store/postgres/watch-store.js';
import { SqliteWatchStore } from '../../src/store/sqlite/sqlite-watch-store.js';
import { freshPgDb, pgSkip } from '../helpers/pg.js';
import { runWatchStoreConformance, type VersionInput, type WatchWorld } from './watch-store-conformance.js';

runWatchStoreConformance('sqlite', async (): Promise<WatchWorld> => {
  const db = openDatabase(':memory:');
  const store = new SqliteStore(db);
  const watch = new SqliteWatchStore(db);
  return {
    store: watch,
    addVersion: async (v) => {
      const kind = v.kind ?? 'kamerbrief';
      const saved = await store.saveVersion(`test:${v.id}`, v.id, {
        contentHash: createHash('sha256').update(`${v.title}\n${v.text}`).digest('hex'),
        format: 'text', fileName: `${v.id}.txt`, byteSize: v.text.length, mimeType: 'text/plain', text: v.text, pages: null,
        structure: { ...emptyStructure(kind), title: v.title, date: v.date ?? null }, original: null, title: v.title, kind, date: v.date ?? null,
      });
      return { docId: saved.docId, version: saved.version };
    },
    // One connection, one writer: a second process is the same store.
    peer: async () => watch,
    close: () => store.close(),
  };
});

/**
 * Stand-in for the PostgreSQL document store's tables (the columns the watch store reads), until
 * that store lands beside this one; it writes a version and its log entry in one unit of work.
 */
const DOCUMENT_TABLES = `
  CREATE TABLE documents (id TEXT PRIMARY KEY, title TEXT NOT NULL, kind TEXT NOT NULL, date TEXT, current_version INTEGER NOT NULL);
  CREATE TABLE versions (
    doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE, version INTEGER NOT NULL, text TEXT NOT NULL,
    structure JSONB NOT NULL, imported_at TEXT NOT NULL, PRIMARY KEY (doc_id, version)
  );`;

async function pgAddVersion(db: PgDb, v: VersionInput, beforeCommit?: () => Promise<void>): Promise<{ docId: string; version: number }> {
  const kind = v.kind ?? 'kamerbrief';
  return db.atomic(async (db) => {
    const doc = await db.one<{ current_version: number }>(
      `INSERT INTO documents (id, title, kind, date, current_version) VALUES ($1, $2, $3, $4, 1)
       ON CONFLICT (id) DO UPDATE SET title = excluded.title, kind = excluded.kind, date = excluded.date, current_version = documents.current_version + 1
       RETURNING current_version`,
      [v.id, v.title, kind, v.date ?? null],
    );
    const version = doc!.current_version;
    const at = new Date().toISOString();
    await db.q('INSERT INTO versions (doc_id, version, text, structure, imported_at) VALUES ($1, $2, $3, $4, $5)', [
      v.id, version, v.text, JSON.stringify({ ...emptyStructure(kind), title: v.title, date: v.date ?? null }), at,
    ]);
    await logDocumentVersions(db, [{ docId: v.id, version, at }]);
    await beforeCommit?.();
    return { docId: v.id, version };
  });
}

/** A fresh database with the stand-in document tables and the watch store migrated. */
async function pgDatabase(): Promise<PgDb> {
  const db = await freshPgDb();
  await db.q(DOCUMENT_TABLES);
  await PgWatchStore.migrate(db);
  return db;
}

describe('PostgreSQL WatchStore', { skip: pgSkip }, () => {
  runWatchStoreConformance('postgres', async (): Promise<WatchWorld> => {
    const db = await pgDatabase();
    const peers: PgDb[] = [];
    return {
      store: new PgWatchStore(db),
      addVersion: (v) => pgAddVersion(db, v),
      peer: async () => {
        const other = new PgDb(db.url, { max: 4 });
        peers.push(other);
        return new PgWatchStore(other);
      },
      close: async () => {
        for (const p of peers) await p.close();
        await db.close();
      },
    };
  });

  it('migrates once in the "watch" namespace, logging the versions stored before', async () => {
    const db = await freshPgDb();
    await db.q(DOCUMENT_TABLES);
    await db.q(`INSERT INTO documents VALUES ('a', 'A', 'kamerbrief', NULL, 2), ('b', 'B', 'motie', NULL, 1)`);
    await db.q(`INSERT INTO versions VALUES ('a', 1, 'een', '{}', '2026-01-01T00:00:00.000Z'), ('b', 1, 'bee', '{}', '2026-01-02T00:00:00.000Z'),
                ('a', 2, 'twee', '{}', '2026-01-03T00:00:00.000Z')`);
    await Promise.all([PgWatchStore.migrate(db), PgWatchStore.migrate(db)]);
    const s = await PgWatchStore.open(db);
    assert.deepEqual(await db.rows('SELECT namespace, version FROM schema_migrations'), [{ namespace: 'watch', version: PG_WATCH_MIGRATIONS.length }]);
    assert.equal(await s.changeHead(), 3);
    assert.deepEqual((await db.rows('SELECT seq, doc_id, version FROM watch_changes ORDER BY seq')).map((r) => [r.seq, r.doc_id, r.version]), [[1, 'a', 1], [2, 'b', 1], [3, 'a', 2]]);
    await db.close();
  });

  it('change log: an import that rolls back leaves no entry and no gap', async () => {
    const db = await pgDatabase();
    const store = new PgWatchStore(db);
    await pgAddVersion(db, { id: 'a', title: 'A', text: 'een' });
    await assert.rejects(
      pgAddVersion(db, { id: 'b', title: 'B', text: 'bee' }, async () => {
        throw new Error('import failed');
      }),
      /import failed/,
    );
    assert.equal(await store.changeHead(), 1);
    await pgAddVersion(db, { id: 'c', title: 'C', text: 'cee' });
    assert.deepEqual((await store.changedDocuments(0, 9)).map((c) => [c.seq, c.docId]), [[1, 'a'], [2, 'c']]);
    await db.close();
  });

  /**
   * Unit A logs first and holds its transaction open; unit B logs after it and tries to commit
   * first. A reader polls with a watermark in between and after. Returns what the reader saw
   * and what the log holds in the end.
   */
  async function lowerIdCommitsLater(
    db: PgDb,
    other: PgDb,
    write: (db: PgDb, id: string, beforeCommit?: () => Promise<void>) => Promise<unknown>,
    read: (after: number) => Promise<{ seq: number; id: string }[]>,
  ): Promise<{ seen: { seq: number; id: string }[]; all: { seq: number; id: string }[]; bWaited: boolean }> {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let logged!: () => void;
    const aLogged = new Promise<void>((r) => (logged = r));
    const a = write(db, 'a', async () => {
      logged();
      await held;
    });
    await aLogged;
    let bDone = false;
    const b = write(other, 'b').then(() => (bDone = true));
    // B is done (it did not wait for A), or it waits for the log's lock: either way, its turn is over.
    for (let i = 0; i < 500 && !bDone; i++) {
      const waiting = await db.one<{ n: number }>(`SELECT COUNT(*) AS n FROM pg_locks
         WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`);
      if (waiting!.n > 0) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    const bWaited = !bDone;
    const seen: { seq: number; id: string }[] = [];
    let watermark = 0;
    const poll = async () => {
      const rows = await read(watermark);
      seen.push(...rows);
      for (const r of rows) watermark = Math.max(watermark, r.seq);
    };
    await poll();
    release();
    await a;
    await b;
    await poll();
    return { seen, all: await read(0), bWaited };
  }

  it('change log: a unit that logged first but commits later is not skipped by a reader with a watermark', async () => {
    const db = await pgDatabase();
    const other = new PgDb(db.url, { max: 2 });
    const store = new PgWatchStore(db);
    const r = await lowerIdCommitsLater(
      db,
      other,
      (on, id, beforeCommit) => pgAddVersion(on, { id, title: id, text: id }, beforeCommit),
      async (after) => (await store.changedDocuments(after, await store.changeHead())).map((c) => ({ seq: c.seq, id: c.docId })),
    );
    assert.equal(r.bWaited, true, 'B could not take a number before A committed');
    assert.deepEqual(r.all, [{ seq: 1, id: 'a' }, { seq: 2, id: 'b' }], 'numbers in commit order');
    assert.deepEqual(r.seen, r.all, 'the reader saw every entry, once');
    await other.close();
    await db.close();
  });

  it('change log: the same schedule with a plain sequence loses an entry (what the lock prevents)', async () => {
    const db = await freshPgDb();
    const other = new PgDb(db.url, { max: 2 });
    await db.q('CREATE TABLE naive_changes (seq BIGSERIAL PRIMARY KEY, id TEXT NOT NULL)');
    const r = await lowerIdCommitsLater(
      db,
      other,
      (on, id, beforeCommit) =>
        on.atomic(async (tx) => {
          await tx.q('INSERT INTO naive_changes (id) VALUES ($1)', [id]);
          await beforeCommit?.();
        }),
      (after) => db.rows<{ seq: number; id: string }>('SELECT seq, id FROM naive_changes WHERE seq > $1 ORDER BY seq', [after]),
    );
    assert.equal(r.bWaited, false);
    assert.deepEqual(r.all, [{ seq: 1, id: 'a' }, { seq: 2, id: 'b' }]);
    assert.deepEqual(r.seen, [{ seq: 2, id: 'b' }], 'the reader moved past 1 before it committed');
    await other.close();
    await db.close();
  });

  it('change log: many concurrent writers committing at random, a reader polling throughout sees every entry once, in order', async () => {
    const db = await pgDatabase();
    const writers = Array.from({ length: 4 }, () => new PgDb(db.url, { max: 3 }));
    const store = new PgWatchStore(db);
    const ids = Array.from({ length: 24 }, (_, i) => `d${i}`);
    let done = false;
    const seen: number[] = [];
    const reader = (async () => {
      let watermark = 0;
      for (;;) {
        const finished = done;
        const head = await store.changeHead();
        for (const c of await store.changedDocuments(watermark, head)) seen.push(c.seq);
        watermark = head;
        if (finished) return;
        await new Promise((r) => setTimeout(r, 2));
      }
    })();
    await Promise.all(
      ids.map((id, i) =>
        pgAddVersion(writers[i % writers.length]!, { id, title: id, text: id }, () => new Promise((r) => setTimeout(r, Math.floor(Math.random() * 15)))),
      ),
    );
    done = true;
    await reader;
    assert.deepEqual(seen, ids.map((_, i) => i + 1));
    for (const w of writers) await w.close();
    await db.close();
  });
});
