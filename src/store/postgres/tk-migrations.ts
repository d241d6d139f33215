/** Schema of the Tweede Kamer open-data tables on PostgreSQL (migration namespace `tk`), append-only. */

/**
 * The day an entity of a dated category is ordered by, as the listing spells it
 * (postgres/tk-listing.ts `dayOf`): an expression index only serves a query that spells the
 * same expression. Frozen here: a change is a new migration.
 */
const day = (field: string) =>
  `((CASE WHEN (fields ->> '${field}') ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}' THEN substr((fields ->> '${field}'), 1, 10) ELSE '' END) COLLATE "C")`;

const byDay = (category: string, field: string) =>
  `CREATE INDEX tk_${category.toLowerCase()}_by_day ON tk_entities (category, ${day(field)} DESC, id) WHERE category = '${category}';`;
const byUpdated = (category: string) =>
  `CREATE INDEX tk_${category.toLowerCase()}_by_updated ON tk_entities (category, COALESCE(updated, '') DESC, id) WHERE category = '${category}';`;
const byField = (name: string, category: string, ...fields: string[]) =>
  `CREATE INDEX ${name} ON tk_entities (category, ${fields.map((f) => `(fields ->> '${f}')`).join(', ')}) WHERE category = '${category}';`;

export const PG_TK_MIGRATIONS: readonly string[] = [
  `
  -- Text that is sorted or paged on is COLLATE "C": byte order, as SQLite compares, so both
  -- backends list in the same order whatever the database's locale.
  -- fields is json (not jsonb): it keeps the feed's text as written, key order included, so
  -- an entity reads back as SQLite gives it and ->> of a repeated field is the same text.
  CREATE TABLE tk_entities (
    id TEXT COLLATE "C" PRIMARY KEY,
    category TEXT COLLATE "C" NOT NULL,
    updated TEXT COLLATE "C",
    fields JSON NOT NULL,
    content_type TEXT,
    content_length BIGINT,
    has_file BOOLEAN NOT NULL DEFAULT false
  );
  CREATE INDEX tk_entities_by_category ON tk_entities (category, id);

  -- ord keeps the entity's own order and allows a reference to repeat.
  CREATE TABLE tk_refs (
    from_id TEXT COLLATE "C" NOT NULL,
    ord INTEGER NOT NULL,
    name TEXT COLLATE "C" NOT NULL,
    to_id TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (from_id, ord)
  );
  CREATE INDEX tk_refs_by_to ON tk_refs (to_id, name, from_id);

  CREATE TABLE tk_cursors (
    category TEXT COLLATE "C" PRIMARY KEY,
    skiptoken TEXT NOT NULL
  );

  CREATE TABLE tk_files (
    entity_id TEXT COLLATE "C" PRIMARY KEY,
    category TEXT NOT NULL,
    href TEXT NOT NULL,
    content_type TEXT,
    expected_length BIGINT,
    entity_updated TEXT,
    status TEXT NOT NULL CHECK (status IN ('pending', 'ok', 'missing', 'broken')),
    version INTEGER NOT NULL DEFAULT 0,
    content_hash TEXT,
    path TEXT,
    byte_count BIGINT,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    queued_seq BIGINT NOT NULL
  );
  CREATE INDEX tk_files_todo ON tk_files (queued_seq) WHERE status <> 'ok';

  -- Every good file ever fetched: the previous versions stay on disk and findable.
  CREATE TABLE tk_file_versions (
    entity_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    path TEXT NOT NULL,
    byte_count BIGINT NOT NULL,
    PRIMARY KEY (entity_id, version)
  );

  -- The entity change log: one row per entity inserted, changed or deleted. Written by
  -- PgTkStore in the transaction of the change, its seq allocated under an advisory lock held
  -- to commit, so seqs become visible in increasing order and a reader that remembers the
  -- highest seq it saw never skips a row (no triggers, no sequence: a sequence's numbers
  -- become visible in commit order, not in number order).
  CREATE TABLE tk_changes (
    seq      BIGINT PRIMARY KEY,
    id       TEXT COLLATE "C" NOT NULL,
    category TEXT COLLATE "C" NOT NULL,
    updated  TEXT,
    deleted  BOOLEAN NOT NULL DEFAULT false
  );
  CREATE INDEX tk_changes_by_id ON tk_changes (id, seq);

  -- Listings in date order from an index, partial per category so only its writes pay.
  ${['Activiteit', 'Besluit', 'Document', 'Verslag', 'Zaak'].map(byUpdated).join('\n  ')}
  ${byDay('Activiteit', 'datum')}
  ${byDay('Document', 'datum')}
  ${byDay('PersoonGeschenk', 'datum')}
  ${byDay('Vergadering', 'datum')}
  ${byDay('Zaak', 'gestartOp')}
  -- Lookups by number and the filters pages use.
  ${byField('tk_zaak_by_nummer', 'Zaak', 'nummer')}
  ${byField('tk_zaak_by_soort', 'Zaak', 'soort', 'afgedaan')}
  ${byField('tk_document_by_nummer', 'Document', 'documentNummer')}
  ${byField('tk_kamerstukdossier_by_nummer', 'Kamerstukdossier', 'nummer')}
  ${byField('tk_toezegging_by_naam', 'Toezegging', 'naam')}
  ${byField('tk_document_by_volgnummer', 'Document', 'volgnummer')}
  ${byField('tk_persoon_by_achternaam', 'Persoon', 'achternaam')}
  `,
  `
  -- A skiptoken means something only to the feed that sent it: cursors are kept per feed
  -- (origin). Those stored before have origin '', which a sync adopts only when the category's
  -- last run read the same feed (ingest/sync.ts).
  ALTER TABLE tk_cursors ADD COLUMN origin TEXT COLLATE "C" NOT NULL DEFAULT '';
  ALTER TABLE tk_cursors DROP CONSTRAINT tk_cursors_pkey;
  ALTER TABLE tk_cursors ADD PRIMARY KEY (origin, category);
  `,
];
