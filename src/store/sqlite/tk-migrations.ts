/** Schema of the Tweede Kamer open-data tables (migration namespace `tk`), append-only. */
import { TK_CATEGORIES } from '../../domain/tk.js';

/**
 * Repairs what syncs of the real feed stored before categories were canonical: the real
 * feed's `<category term="stemming"/>` became the category `stemming`, which no page looks
 * for. Also the nested toegezegdAan references, now stored under the flat names. The update
 * trigger logs each repaired entity, so the search projection picks it up again.
 */
const CANONICAL_CATEGORIES = TK_CATEGORIES.map((c) => {
  // The spellings the feed uses (`documentversie`, `documentVersie`): an index lookup each,
  // not a scan of millions of rows per category.
  const wrong = [...new Set([c.toLowerCase(), c.charAt(0).toLowerCase() + c.slice(1)])].map((w) => `'${w}'`).join(', ');
  return `UPDATE tk_entities SET category = '${c}' WHERE category IN (${wrong});
  UPDATE tk_files SET category = '${c}' WHERE category IN (${wrong});`;
}).join('\n  ');

export const TK_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE tk_entities (
    id TEXT PRIMARY KEY,
    category TEXT NOT NULL,
    updated TEXT,
    fields TEXT NOT NULL,
    content_type TEXT,
    content_length INTEGER,
    has_file INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX tk_entities_by_category ON tk_entities (category, id);

  -- ord keeps the entity's own order and allows a reference to repeat.
  CREATE TABLE tk_refs (
    from_id TEXT NOT NULL,
    ord INTEGER NOT NULL,
    name TEXT NOT NULL,
    to_id TEXT NOT NULL,
    PRIMARY KEY (from_id, ord)
  ) WITHOUT ROWID;
  CREATE INDEX tk_refs_by_to ON tk_refs (to_id, name, from_id);

  CREATE TABLE tk_cursors (
    category TEXT PRIMARY KEY,
    skiptoken TEXT NOT NULL
  );

  CREATE TABLE tk_files (
    entity_id TEXT PRIMARY KEY,
    category TEXT NOT NULL,
    href TEXT NOT NULL,
    content_type TEXT,
    expected_length INTEGER,
    entity_updated TEXT,
    status TEXT NOT NULL CHECK (status IN ('pending', 'ok', 'missing', 'broken')),
    version INTEGER NOT NULL DEFAULT 0,
    content_hash TEXT,
    path TEXT,
    byte_count INTEGER,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    queued_seq INTEGER NOT NULL
  );
  CREATE INDEX tk_files_todo ON tk_files (queued_seq) WHERE status <> 'ok';

  -- Every good file ever fetched: the previous versions stay on disk and findable.
  CREATE TABLE tk_file_versions (
    entity_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    path TEXT NOT NULL,
    byte_count INTEGER NOT NULL,
    PRIMARY KEY (entity_id, version)
  ) WITHOUT ROWID;
  `,
  `
  -- The entity change log, as watch_changes is for documents: one row per entity that was
  -- inserted, changed or deleted, in commit order, written by triggers in the same transaction
  -- as the entity itself. A re-sent entity without changes logs nothing. AUTOINCREMENT, so a
  -- sequence number is never reused and "what changed since seq N" is exact.
  CREATE TABLE tk_changes (
    seq      INTEGER PRIMARY KEY AUTOINCREMENT,
    id       TEXT NOT NULL,
    category TEXT NOT NULL,
    updated  TEXT,
    deleted  INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX tk_changes_by_id ON tk_changes (id, seq);
  CREATE TRIGGER tk_entities_log_insert AFTER INSERT ON tk_entities BEGIN
    INSERT INTO tk_changes (id, category, updated) VALUES (NEW.id, NEW.category, NEW.updated);
  END;
  CREATE TRIGGER tk_entities_log_update AFTER UPDATE ON tk_entities
    WHEN OLD.updated IS NOT NEW.updated OR OLD.fields IS NOT NEW.fields OR OLD.category IS NOT NEW.category BEGIN
    INSERT INTO tk_changes (id, category, updated) VALUES (NEW.id, NEW.category, NEW.updated);
  END;
  CREATE TRIGGER tk_entities_log_delete AFTER DELETE ON tk_entities BEGIN
    INSERT INTO tk_changes (id, category, updated, deleted) VALUES (OLD.id, OLD.category, OLD.updated, 1);
  END;
  `,
  `
  -- Listings in date order from an index, so a page costs its size, not its category's
  -- (tk-store.ts builds the very same expressions; SQLite matches them structurally).
  -- "What is new": newest update first, ties by id.
  CREATE INDEX tk_entities_by_updated ON tk_entities (category, ifnull(updated, '') DESC, id);
  -- Per dated category (TK_DAY_FIELDS) its day, '' when missing: partial, so only the
  -- category's own writes pay for it. The category column leads because the planner only
  -- trusts an index for ORDER BY when it also answers "category = ?".
  CREATE INDEX tk_activiteit_by_day ON tk_entities (category, (CASE WHEN json_extract(fields, '$."datum"') GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'
    THEN substr(json_extract(fields, '$."datum"'), 1, 10) ELSE '' END) DESC, id) WHERE category = 'Activiteit';
  CREATE INDEX tk_document_by_day ON tk_entities (category, (CASE WHEN json_extract(fields, '$."datum"') GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'
    THEN substr(json_extract(fields, '$."datum"'), 1, 10) ELSE '' END) DESC, id) WHERE category = 'Document';
  CREATE INDEX tk_persoongeschenk_by_day ON tk_entities (category, (CASE WHEN json_extract(fields, '$."datum"') GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'
    THEN substr(json_extract(fields, '$."datum"'), 1, 10) ELSE '' END) DESC, id) WHERE category = 'PersoonGeschenk';
  CREATE INDEX tk_vergadering_by_day ON tk_entities (category, (CASE WHEN json_extract(fields, '$."datum"') GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'
    THEN substr(json_extract(fields, '$."datum"'), 1, 10) ELSE '' END) DESC, id) WHERE category = 'Vergadering';
  CREATE INDEX tk_zaak_by_day ON tk_entities (category, (CASE WHEN json_extract(fields, '$."gestartOp"') GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'
    THEN substr(json_extract(fields, '$."gestartOp"'), 1, 10) ELSE '' END) DESC, id) WHERE category = 'Zaak';
  -- Lookups by number and the filters pages use (the open questions: soort, then afgedaan).
  CREATE INDEX tk_zaak_by_nummer ON tk_entities (category, json_extract(fields, '$."nummer"')) WHERE category = 'Zaak';
  CREATE INDEX tk_zaak_by_soort ON tk_entities (category, json_extract(fields, '$."soort"'), json_extract(fields, '$."afgedaan"')) WHERE category = 'Zaak';
  CREATE INDEX tk_document_by_nummer ON tk_entities (category, json_extract(fields, '$."documentNummer"')) WHERE category = 'Document';
  CREATE INDEX tk_kamerstukdossier_by_nummer ON tk_entities (category, json_extract(fields, '$."nummer"')) WHERE category = 'Kamerstukdossier';
  CREATE INDEX tk_toezegging_by_naam ON tk_entities (category, json_extract(fields, '$."naam"')) WHERE category = 'Toezegging';
  `,
  `
  -- "What is new" only lists these categories (TK_LATEST_CATEGORIES), and an index on every
  -- entity made every write pay for it, the million votes and actors too: partial instead.
  DROP INDEX tk_entities_by_updated;
  CREATE INDEX tk_activiteit_by_updated ON tk_entities (category, ifnull(updated, '') DESC, id) WHERE category = 'Activiteit';
  CREATE INDEX tk_besluit_by_updated ON tk_entities (category, ifnull(updated, '') DESC, id) WHERE category = 'Besluit';
  CREATE INDEX tk_document_by_updated ON tk_entities (category, ifnull(updated, '') DESC, id) WHERE category = 'Document';
  CREATE INDEX tk_verslag_by_updated ON tk_entities (category, ifnull(updated, '') DESC, id) WHERE category = 'Verslag';
  CREATE INDEX tk_zaak_by_updated ON tk_entities (category, ifnull(updated, '') DESC, id) WHERE category = 'Zaak';
  `,
  `
  ${CANONICAL_CATEGORIES}
  UPDATE tk_refs SET name = 'toegezegdAanPersoon' WHERE name = 'toegezegdAan.persoon';
  UPDATE tk_refs SET name = 'toegezegdAanFractie' WHERE name = 'toegezegdAan.fractie';
  `,
  `
  -- kamerstuk-identity: a Kamerstuk imported by hand is the Kamer's Document with its dossier
  -- and volgnummer (store/tk-kamerstuk.ts), and its signatures are matched to people by surname.
  CREATE INDEX IF NOT EXISTS tk_document_by_volgnummer ON tk_entities (category, json_extract(fields, '$."volgnummer"')) WHERE category = 'Document';
  CREATE INDEX IF NOT EXISTS tk_persoon_by_achternaam ON tk_entities (category, json_extract(fields, '$."achternaam"')) WHERE category = 'Persoon';
  `,
  `
  -- A skiptoken means something only to the feed that sent it: cursors are kept per feed
  -- (origin). Those stored before have origin '', which a sync adopts only when the category's
  -- last run read the same feed (ingest/sync.ts).
  CREATE TABLE tk_cursors_by_origin (
    origin TEXT NOT NULL,
    category TEXT NOT NULL,
    skiptoken TEXT NOT NULL,
    PRIMARY KEY (origin, category)
  ) WITHOUT ROWID;
  INSERT INTO tk_cursors_by_origin (origin, category, skiptoken) SELECT '', category, skiptoken FROM tk_cursors;
  DROP TABLE tk_cursors;
  ALTER TABLE tk_cursors_by_origin RENAME TO tk_cursors;
  `,
];
