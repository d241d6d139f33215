/**
 * The PostgreSQL schema of the promise tables (namespace "promises", as on SQLite), applied after
 * the structure tables it reads and marks changes of.
 *
 * The documents the promise pass must look at again are marked by triggers on `structure_docs`,
 * as on SQLite, not from the structure store's code. That set is no change log: it has no order
 * and no watermark (a row is a document id, inserted idempotently and deleted by the pass), so the
 * reason change logs are written from code on PostgreSQL — ids becoming visible out of commit
 * order — does not arise. The trigger runs inside the writer's transaction, so a mark commits or
 * rolls back with the structure it marks; it catches every writer of `structure_docs`, and the
 * structure store stays unaware of promises. The triggers are per statement over the transition
 * table, so a bulk delete marks all its documents in one insert. A put writes the document's row
 * by an upsert (insert, or update when stored), so inserts, updates and deletes all mark. Each
 * mark is numbered, so that the pass clears only what it read (PgPromiseStore.clearDirty).
 */
import type { PgMigration } from './connection.js';

/** Append only: a released migration is never edited. */
export const PG_PROMISE_MIGRATIONS: readonly PgMigration[] = [
  `
  -- mark: when the document was last marked. The pass clears only the marks it read, so a
  -- document written again while the pass works on it stays marked for the next one.
  CREATE SEQUENCE promise_dirty_mark;
  CREATE TABLE promise_dirty (doc_id TEXT COLLATE "C" PRIMARY KEY, mark BIGINT NOT NULL);
  CREATE FUNCTION promise_dirty_mark_new() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    INSERT INTO promise_dirty (doc_id, mark) SELECT doc_id, nextval('promise_dirty_mark') FROM promise_new_docs
    ON CONFLICT (doc_id) DO UPDATE SET mark = excluded.mark;
    RETURN NULL;
  END $$;
  CREATE FUNCTION promise_dirty_mark_old() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    INSERT INTO promise_dirty (doc_id, mark) SELECT doc_id, nextval('promise_dirty_mark') FROM promise_old_docs
    ON CONFLICT (doc_id) DO UPDATE SET mark = excluded.mark;
    RETURN NULL;
  END $$;
  CREATE TRIGGER promise_dirty_put AFTER INSERT ON structure_docs
    REFERENCING NEW TABLE AS promise_new_docs FOR EACH STATEMENT EXECUTE FUNCTION promise_dirty_mark_new();
  -- The PostgreSQL structure store writes a stored document's row again by updating it (an upsert).
  CREATE TRIGGER promise_dirty_rewrite AFTER UPDATE ON structure_docs
    REFERENCING NEW TABLE AS promise_new_docs FOR EACH STATEMENT EXECUTE FUNCTION promise_dirty_mark_new();
  CREATE TRIGGER promise_dirty_remove AFTER DELETE ON structure_docs
    REFERENCING OLD TABLE AS promise_old_docs FOR EACH STATEMENT EXECUTE FUNCTION promise_dirty_mark_old();
  -- Documents stored before promises were followed: the first pass looks at all of them.
  INSERT INTO promise_dirty (doc_id, mark) SELECT doc_id, nextval('promise_dirty_mark') FROM structure_docs ON CONFLICT DO NOTHING;
  CREATE TABLE promise_kept (
    doc_id   TEXT COLLATE "C" NOT NULL,
    ord      INTEGER NOT NULL,
    by_doc   TEXT COLLATE "C" NOT NULL,
    evidence TEXT NOT NULL,
    sentence TEXT,
    via      TEXT NOT NULL,
    PRIMARY KEY (doc_id, ord)
  );
  CREATE INDEX promise_kept_by ON promise_kept (by_doc);
  -- seq: the order rows were first stored, which SQLite's rowid gives the scans of this table
  -- (the pass links register rows in that order, and the first to claim a commitment keeps it).
  -- kamerbrief and link_reasons are JSON text, as on SQLite.
  CREATE TABLE promise_register (
    tz_id         TEXT COLLATE "C" PRIMARY KEY,
    seq           BIGINT GENERATED ALWAYS AS IDENTITY,
    nummer        TEXT,
    text          TEXT NOT NULL,
    folded        TEXT NOT NULL,
    actor         TEXT COLLATE "C",
    surname       TEXT,
    role          TEXT,
    ministry      TEXT,
    status        TEXT COLLATE "C",
    due_date      TEXT COLLATE "C",
    created       TEXT COLLATE "C",
    activity_id   TEXT,
    kamerbrief    TEXT NOT NULL,
    kept_doc      TEXT COLLATE "C",
    kept_evidence TEXT,
    link_doc      TEXT COLLATE "C",
    link_ord      INTEGER,
    link_score    DOUBLE PRECISION,
    link_reasons  TEXT
  );
  CREATE INDEX promise_register_link ON promise_register (link_doc, link_ord);
  CREATE INDEX promise_register_created ON promise_register (created);
  CREATE TABLE promise_meta (key TEXT COLLATE "C" PRIMARY KEY, value TEXT NOT NULL);
  `,
  // Issue 15: whether a promise is kept on a day is its keeper's date against that day. The date is
  // kept with the promise (by_date), as the keeper's row says it now: set when the keeper is
  // recorded, and again by these triggers (per statement, as the marks above) whenever the keeper is
  // written or removed, in the writer's transaction, so that counting kept promises does not look up
  // a document per promise.
  `
  ALTER TABLE promise_kept ADD COLUMN by_date TEXT COLLATE "C";
  UPDATE promise_kept k SET by_date = d.date FROM structure_docs d WHERE d.doc_id = k.by_doc;
  CREATE FUNCTION promise_kept_date_new() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    UPDATE promise_kept k SET by_date = n.date FROM promise_new_docs n WHERE k.by_doc = n.doc_id AND k.by_date IS DISTINCT FROM n.date;
    RETURN NULL;
  END $$;
  CREATE FUNCTION promise_kept_date_old() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    UPDATE promise_kept k SET by_date = NULL FROM promise_old_docs o WHERE k.by_doc = o.doc_id AND k.by_date IS NOT NULL;
    RETURN NULL;
  END $$;
  CREATE TRIGGER promise_kept_date_put AFTER INSERT ON structure_docs
    REFERENCING NEW TABLE AS promise_new_docs FOR EACH STATEMENT EXECUTE FUNCTION promise_kept_date_new();
  CREATE TRIGGER promise_kept_date_rewrite AFTER UPDATE ON structure_docs
    REFERENCING NEW TABLE AS promise_new_docs FOR EACH STATEMENT EXECUTE FUNCTION promise_kept_date_new();
  CREATE TRIGGER promise_kept_date_remove AFTER DELETE ON structure_docs
    REFERENCING OLD TABLE AS promise_old_docs FOR EACH STATEMENT EXECUTE FUNCTION promise_kept_date_old();
  `,
];
