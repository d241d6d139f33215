/**
 * A deterministic dump of everything a sync writes, for comparing two databases: entities,
 * references, cursors, file records and the imported documents. Left out on purpose: retry
 * counters and queue order (how often and when a file was tried, not what is stored),
 * timestamps of the document store, and the import log (an append-only history).
 */
import { createHash } from 'node:crypto';
import type { SqliteDb } from '../../src/store/index.js';

export function dumpDatabase(db: SqliteDb): string {
  const q = (sql: string) => db.prepare(sql).all();
  const hash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 16);
  const dump = {
    entities: q('SELECT id, category, updated, fields, content_type, content_length, has_file FROM tk_entities ORDER BY id'),
    refs: q('SELECT from_id, ord, name, to_id FROM tk_refs ORDER BY from_id, ord'),
    cursors: q('SELECT category, skiptoken FROM tk_cursors ORDER BY category'),
    files: q(`SELECT entity_id, category, href, content_type, expected_length, entity_updated, status, version, content_hash, path,
                     byte_count FROM tk_files ORDER BY entity_id`),
    fileVersions: q('SELECT * FROM tk_file_versions ORDER BY entity_id, version'),
    documents: q('SELECT id, source, title, kind, date, current_version FROM documents ORDER BY id'),
    versions: (q('SELECT doc_id, version, content_hash, format, byte_size, text, structure FROM versions ORDER BY doc_id, version') as {
      text: string;
      structure: string;
    }[]).map((v) => ({ ...v, text: hash(v.text), structure: hash(v.structure) })),
  };
  return JSON.stringify(dump, null, 1);
}
