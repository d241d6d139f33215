/**
 * The PostgreSQL schema of the structure rows (namespace "structure", as on SQLite).
 *
 * Text that is compared or sorted is `COLLATE "C"`: byte order, as SQLite's BINARY, whatever
 * the database's locale. SQLite's `COLLATE NOCASE` columns (party, actor) become "C" columns
 * compared through `lower()`, which under "C" folds ASCII only — exactly what NOCASE folds.
 * Lists the code needs as lists (answer ids, see-also numbers) are arrays; a citation is kept
 * as the JSON text it was written as, so it reads back with its keys in the same order.
 */
import type { PgMigration } from './connection.js';

/** Append only: a released migration is never edited. */
export const PG_STRUCTURE_MIGRATIONS: readonly PgMigration[] = [
  `
  CREATE TABLE structure_docs (
    doc_id       TEXT COLLATE "C" PRIMARY KEY,
    title        TEXT NOT NULL,
    kind         TEXT COLLATE "C" NOT NULL,
    date         TEXT COLLATE "C",
    folded_title TEXT,
    signers      TEXT
  );
  CREATE INDEX structure_docs_date ON structure_docs (date);
  CREATE TABLE structure_questions (
    doc_id     TEXT COLLATE "C" NOT NULL,
    ord        INTEGER NOT NULL,
    id         TEXT COLLATE "C" NOT NULL,
    party      TEXT COLLATE "C",
    text       TEXT NOT NULL,
    answer_ids TEXT[] NOT NULL,
    PRIMARY KEY (doc_id, ord)
  );
  CREATE INDEX structure_questions_party ON structure_questions (lower(party), doc_id);
  CREATE TABLE structure_answers (
    doc_id         TEXT COLLATE "C" NOT NULL,
    ord            INTEGER NOT NULL,
    id             TEXT COLLATE "C" NOT NULL,
    number         INTEGER,
    text           TEXT NOT NULL,
    see_also       INTEGER[] NOT NULL,
    quality        TEXT COLLATE "C",
    quality_reason TEXT,
    see_also_ids   TEXT[],
    PRIMARY KEY (doc_id, ord)
  );
  -- seq: insertion order. SQLite names a case-insensitive group of actors after its earliest
  -- stored row (rowid order); this column lets PostgreSQL give the same answer.
  CREATE TABLE structure_commitments (
    seq      BIGINT GENERATED ALWAYS AS IDENTITY,
    doc_id   TEXT COLLATE "C" NOT NULL,
    ord      INTEGER NOT NULL,
    text     TEXT NOT NULL,
    folded   TEXT NOT NULL,
    actor    TEXT COLLATE "C",
    due      TEXT,
    due_date TEXT COLLATE "C",
    topic    TEXT,
    PRIMARY KEY (doc_id, ord)
  );
  CREATE INDEX structure_commitments_due ON structure_commitments (due_date);
  CREATE INDEX structure_commitments_actor ON structure_commitments (lower(actor));
  CREATE TABLE structure_meetings (
    doc_id      TEXT COLLATE "C" NOT NULL,
    ord         INTEGER NOT NULL,
    meeting_key TEXT COLLATE "C" NOT NULL,
    body        TEXT NOT NULL,
    formal      BOOLEAN,
    start_date  TEXT COLLATE "C",
    end_date    TEXT COLLATE "C",
    location    TEXT,
    PRIMARY KEY (doc_id, ord)
  );
  CREATE INDEX structure_meetings_key ON structure_meetings (meeting_key);
  CREATE TABLE structure_citations (
    doc_id TEXT COLLATE "C" NOT NULL,
    ord    INTEGER NOT NULL,
    kind   TEXT COLLATE "C" NOT NULL,
    raw    TEXT COLLATE "C" NOT NULL,
    key    TEXT COLLATE "C",
    data   TEXT NOT NULL,
    PRIMARY KEY (doc_id, ord)
  );
  CREATE INDEX structure_citations_key ON structure_citations (key);
  CREATE TABLE structure_keys (
    key    TEXT COLLATE "C" NOT NULL,
    doc_id TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (key, doc_id)
  );
  CREATE INDEX structure_keys_doc ON structure_keys (doc_id);
  `,
  // Issue 15: /raad pages through the meetings, most recent first (as SQLite's indexes): the page's
  // keys and the count from structure_meetings_start; a thread's counts over its distinct documents and
  // its first documents in stage order from structure_meetings_docs, what its mentions say of the
  // meeting from structure_meetings_thread. A mention carries its document's stage in a paper trail,
  // date and counts, written by the same put as the document's row, so they cannot disagree.
  `
  ALTER TABLE structure_meetings
    ADD COLUMN doc_stage INTEGER NOT NULL DEFAULT 4,
    ADD COLUMN doc_date TEXT COLLATE "C",
    ADD COLUMN questions INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN commitments INTEGER NOT NULL DEFAULT 0;
  UPDATE structure_meetings m SET
    doc_stage = CASE d.kind WHEN 'geannoteerde-agenda' THEN 0 WHEN 'verslag-schriftelijk-overleg' THEN 1 WHEN 'verslag-raad' THEN 2
                WHEN 'raadsconclusies' THEN 3 ELSE 4 END,
    doc_date = d.date,
    questions = (SELECT COUNT(*) FROM structure_questions q WHERE q.doc_id = m.doc_id),
    commitments = (SELECT COUNT(*) FROM structure_commitments c WHERE c.doc_id = m.doc_id)
  FROM structure_docs d WHERE d.doc_id = m.doc_id;
  CREATE INDEX structure_meetings_start ON structure_meetings (start_date DESC NULLS LAST, meeting_key);
  -- /toezeggingen: a commitment carries its document's date (same put) so that the list's order
  -- (deadline, then newest document) is an index's: a page is walked to, not sorted out of all of them.
  -- seq in the actor index: the earliest row names a case-insensitive group of actors (commitmentActors).
  ALTER TABLE structure_commitments ADD COLUMN made TEXT COLLATE "C";
  UPDATE structure_commitments c SET made = d.date FROM structure_docs d WHERE d.doc_id = c.doc_id;
  DROP INDEX structure_commitments_due;
  DROP INDEX structure_commitments_actor;
  CREATE INDEX structure_commitments_order ON structure_commitments (due_date, made DESC NULLS LAST, doc_id, ord);
  -- PostgreSQL orders by an index's later columns only after equalities, and IS NULL is none: those without a deadline have their own.
  CREATE INDEX structure_commitments_undated ON structure_commitments (made DESC NULLS LAST, doc_id, ord) WHERE due_date IS NULL;
  CREATE INDEX structure_commitments_actor ON structure_commitments (lower(actor), due_date, made DESC NULLS LAST, doc_id, ord);
  CREATE INDEX structure_commitments_actor_seq ON structure_commitments (lower(actor), seq);
  CREATE INDEX structure_meetings_docs ON structure_meetings (meeting_key, doc_stage, doc_date NULLS FIRST, doc_id) INCLUDE (questions, commitments);
  CREATE INDEX structure_meetings_thread ON structure_meetings (meeting_key, doc_date NULLS FIRST, doc_id, ord)
    INCLUDE (body, formal, start_date, end_date, location);
  `,
  // /ontbrekend: the unresolved keys counted over their citing documents, their spellings and
  // their newest citers read from an index each, not from a table row per citation (at 600,000
  // documents a key can be cited by 39,000).
  `
  DROP INDEX structure_citations_key;
  CREATE INDEX structure_citations_key_doc ON structure_citations (key, doc_id);
  CREATE INDEX structure_citations_key_raw ON structure_citations (key, raw COLLATE "C");
  `,
];
