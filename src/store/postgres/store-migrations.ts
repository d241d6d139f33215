/**
 * Schema of the document store on PostgreSQL (namespaces `store` and `files`, as on SQLite),
 * append-only: a released migration is never edited.
 *
 * Equivalent to src/store/sqlite/{migrations,file-migrations}.ts with three differences:
 * - no `codec` namespace: texts are TEXT and originals BYTEA, which PostgreSQL compresses
 *   itself (TOAST; a version's texts with lz4), so the SQLite codec (zstd in the application)
 *   is not ported;
 * - `seq` and the other ordering keys come from identity sequences, so several web nodes and
 *   workers allocate them without `MAX(…)+1`;
 * - `versions.text_exact`: TEXT cannot hold U+0000, which a plain-text file may contain; such
 *   a text is kept exactly as UTF-8 there (and in `text` without those characters).
 * Ordering indexes use COLLATE "C" (the byte order SQLite sorts in, whatever the database's
 * locale); columns keep the default collation so that other stores can join on them.
 */
import type { PgMigration } from './connection.js';

export const PG_STORE_MIGRATIONS: readonly PgMigration[] = [
  `
  CREATE TABLE documents (
    id              TEXT PRIMARY KEY,
    source          TEXT NOT NULL UNIQUE,
    title           TEXT NOT NULL,
    kind            TEXT NOT NULL,
    date            TEXT,
    current_version INTEGER NOT NULL,
    seq             BIGINT GENERATED ALWAYS AS IDENTITY,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
  );
  CREATE UNIQUE INDEX documents_seq ON documents (seq);
  CREATE INDEX documents_updated ON documents (updated_at COLLATE "C" DESC, seq DESC);
  CREATE INDEX documents_date ON documents (date COLLATE "C" DESC, id COLLATE "C");
  CREATE INDEX documents_kind ON documents (kind);

  CREATE TABLE versions (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    doc_id       TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    version      INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    format       TEXT NOT NULL,
    file_name    TEXT,
    byte_size    BIGINT NOT NULL,
    mime_type    TEXT NOT NULL,
    text         TEXT NOT NULL,
    text_exact   BYTEA,
    pages        TEXT,
    structure    TEXT NOT NULL,
    imported_at  TEXT NOT NULL,
    has_original BOOLEAN NOT NULL,
    UNIQUE (doc_id, version)
  );
  CREATE INDEX versions_hash ON versions (content_hash, id);

  CREATE TABLE originals (
    content_hash TEXT PRIMARY KEY,
    bytes        BYTEA NOT NULL
  );

  CREATE TABLE imports (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source     TEXT NOT NULL,
    status     TEXT NOT NULL,
    doc_id     TEXT,
    version    INTEGER,
    error_code TEXT,
    message    TEXT,
    at         TEXT NOT NULL
  );
  CREATE INDEX imports_status ON imports (status, id);
  CREATE INDEX imports_source ON imports (source, id);
  CREATE INDEX imports_doc ON imports (doc_id);
  `,
  // A version's text, page map and structure are TOAST-compressed with lz4 rather than pglz:
  // a 20,000-document bulk import ran 1.06–1.13× as fast (PostgreSQL's share of the CPU 5 s
  // against 6–7) for a database 1.03× the size. New values only; a server built without lz4
  // keeps pglz.
  `
  DO $$ BEGIN
    ALTER TABLE versions ALTER COLUMN text SET COMPRESSION lz4, ALTER COLUMN pages SET COMPRESSION lz4,
      ALTER COLUMN structure SET COMPRESSION lz4;
  EXCEPTION WHEN feature_not_supported THEN NULL;
  END $$;
  `,
];

export const PG_FILE_MIGRATIONS: readonly PgMigration[] = [
  `
  CREATE TABLE document_files (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    doc_id       TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    version      INTEGER NOT NULL,
    content_hash TEXT NOT NULL UNIQUE,
    format       TEXT NOT NULL,
    file_name    TEXT,
    byte_size    BIGINT NOT NULL,
    mime_type    TEXT NOT NULL,
    source       TEXT NOT NULL,
    imported_at  TEXT NOT NULL
  );
  CREATE INDEX document_files_doc ON document_files (doc_id, version, id);

  CREATE TABLE document_keys (
    key    TEXT NOT NULL,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    PRIMARY KEY (key, doc_id)
  );
  CREATE INDEX document_keys_doc ON document_keys (doc_id);
  `,
];
