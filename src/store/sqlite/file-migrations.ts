/**
 * Schema of a document's files and match keys (migration namespace `files`), append-only.
 * Its own namespace so that it converts databases of every earlier version whatever else
 * the `store` namespace gains.
 */
export const FILE_MIGRATIONS: readonly string[] = [
  `
  -- One document, several files: the PDF, DOCX and HTML of one letter are files of one
  -- version. The bytes stay in originals (keyed by content hash); a content hash is stored once.
  CREATE TABLE document_files (
    id           INTEGER PRIMARY KEY,
    doc_id       TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    version      INTEGER NOT NULL,
    content_hash TEXT NOT NULL UNIQUE,
    format       TEXT NOT NULL,
    file_name    TEXT,
    byte_size    INTEGER NOT NULL,
    mime_type    TEXT NOT NULL,
    source       TEXT NOT NULL,
    imported_at  TEXT NOT NULL
  );
  CREATE INDEX document_files_doc ON document_files(doc_id, version, id);

  -- Existing databases: every version's original becomes that version's first file.
  INSERT OR IGNORE INTO document_files (doc_id, version, content_hash, format, file_name, byte_size, mime_type, source, imported_at)
  SELECT v.doc_id, v.version, v.content_hash, v.format, v.file_name, v.byte_size, v.mime_type, d.source, v.imported_at
  FROM versions v JOIN documents d ON d.id = v.doc_id
  WHERE v.has_original = 1
  ORDER BY v.rowid;

  -- Where a document can be found again: its identity (kst:<kamerstuk>, nr:<Kamer document
  -- number>) and the bands of its text's sketch (lsh:…), see src/parse/fingerprint.ts.
  CREATE TABLE document_keys (
    key    TEXT NOT NULL,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    PRIMARY KEY (key, doc_id)
  ) WITHOUT ROWID;
  CREATE INDEX document_keys_doc ON document_keys(doc_id);

  -- Existing Kamerstukken keep their identity; text sketches come with the next reparse.
  INSERT OR IGNORE INTO document_keys (key, doc_id)
  SELECT 'kst:' || json_extract(v.structure, '$.kamerstuk.id'), d.id
  FROM documents d JOIN versions v ON v.doc_id = d.id AND v.version = d.current_version
  WHERE json_extract(v.structure, '$.kamerstuk.id') IS NOT NULL;
  `,
];
