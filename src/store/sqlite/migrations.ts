/**
 * Schema migrations of the document store (namespace "store"), applied in order by applyMigrations.
 * Append only: a released migration is never edited.
 */
export const MIGRATIONS: string[] = [
  `
  CREATE TABLE documents (
    id              TEXT PRIMARY KEY,
    source          TEXT NOT NULL UNIQUE,
    title           TEXT NOT NULL,
    kind            TEXT NOT NULL,
    date            TEXT,
    current_version INTEGER NOT NULL,
    seq             INTEGER NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
  );
  CREATE INDEX documents_seq ON documents(seq);
  CREATE INDEX documents_updated ON documents(updated_at DESC, id);
  CREATE INDEX documents_date ON documents(date DESC, id);
  CREATE INDEX documents_kind ON documents(kind);

  -- Rowid table on purpose: rows hold whole texts, which WITHOUT ROWID tables store badly.
  CREATE TABLE versions (
    doc_id       TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    version      INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    format       TEXT NOT NULL,
    file_name    TEXT,
    byte_size    INTEGER NOT NULL,
    mime_type    TEXT NOT NULL,
    text         TEXT NOT NULL,
    pages        TEXT,
    structure    TEXT NOT NULL,
    imported_at  TEXT NOT NULL,
    has_original INTEGER NOT NULL,
    UNIQUE (doc_id, version)
  );
  CREATE INDEX versions_hash ON versions(content_hash);

  CREATE TABLE originals (
    content_hash TEXT PRIMARY KEY,
    bytes        BLOB NOT NULL
  );

  CREATE TABLE imports (
    id         INTEGER PRIMARY KEY,
    source     TEXT NOT NULL,
    status     TEXT NOT NULL,
    doc_id     TEXT,
    version    INTEGER,
    error_code TEXT,
    message    TEXT,
    at         TEXT NOT NULL
  );
  CREATE INDEX imports_status ON imports(status, id);
  `,
  `
  -- Which document a source became (documentFromSource), and which sources went into a
  -- document (sourcesOfDocument): the links between the open data's files and documents.
  CREATE INDEX imports_source ON imports(source, id);
  CREATE INDEX imports_doc ON imports(doc_id);
  `,
];
