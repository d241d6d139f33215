// Schema of the search index on PostgreSQL (namespace `search`): append-only, applied by PgSearchIndex.migrate().

/*
 * The tables of the SQLite index (sqlite-segment-storage.ts), in PostgreSQL's types: blobs as
 * bytea, SQLite's 0/1 as boolean. Block keys compare as bytes (`COLLATE "C"`): the engine
 * finds a term's block by the greatest first term ≤ it, in JavaScript's (= byte) order.
 * Postings and term sequences are compressed or incompressible already, so they are stored
 * out of line without PostgreSQL's own compression (STORAGE EXTERNAL), as SQLite keeps them.
 */
export const PG_SEARCH_MIGRATIONS: readonly string[] = [
  `CREATE TABLE ix_docs (
     docid  integer PRIMARY KEY,
     ext_id text NOT NULL,
     kind   text NOT NULL,
     date   text,
     len    integer NOT NULL,
     live   boolean NOT NULL,
     type   text NOT NULL DEFAULT 'document'
   );
   CREATE UNIQUE INDEX ix_docs_ext ON ix_docs (ext_id) WHERE live;
   -- The text as stored-text.ts packs it: UTF-8 bytes, deflated bytes, or none (in the store).
   CREATE TABLE ix_text (
     docid integer PRIMARY KEY,
     terms bytea NOT NULL,
     title text NOT NULL,
     body  bytea NOT NULL,
     codec smallint NOT NULL
   );
   ALTER TABLE ix_text ALTER COLUMN terms SET STORAGE EXTERNAL;
   CREATE TABLE ix_blocks (
     seg   integer NOT NULL,
     first text COLLATE "C" NOT NULL,
     data  bytea NOT NULL,
     PRIMARY KEY (seg, first)
   );
   ALTER TABLE ix_blocks ALTER COLUMN data SET STORAGE EXTERNAL;
   CREATE TABLE ix_segs (
     seg     integer PRIMARY KEY,
     max_doc integer NOT NULL,
     level   integer NOT NULL
   );
   CREATE TABLE ix_state (
     chunk integer PRIMARY KEY,
     data  bytea NOT NULL
   );
   CREATE TABLE ix_meta (
     key   text PRIMARY KEY,
     value text NOT NULL
   );
   -- Set by every write of the index, in its transaction: a web node compares it with the
   -- generation its caches were read at (one row read per query). Its row lock also makes
   -- the index's writers take turns (doc ids and merges assume one writer at a time). New
   -- values come from a sequence, which a rollback does not rewind: a generation seen inside
   -- a transaction that rolled back is never reused by a later commit.
   CREATE SEQUENCE ix_generation_seq;
   CREATE TABLE ix_generation (
     one boolean PRIMARY KEY DEFAULT true CHECK (one),
     gen bigint NOT NULL
   );
   INSERT INTO ix_generation (one, gen) VALUES (true, nextval('ix_generation_seq'));`,
];
