// What the index stores of a document, whatever stores it: field terms, kind and type codes, the stored format.

import { DOCUMENT_KINDS, ENTITY_TYPES, type EntityType } from '../domain/index.js';
import { ChunkWriter, toDay, yearOfDay, type DocFields } from './doc-state.js';

/**
 * Stored format. 1: term sequences as text, one postings row per (segment, term). 2: term
 * hashes, postings in blocks. 3: the per-document query state also packed in chunks
 * (doc-state.ts). Every storage writes the current one; only SQLite has older ones to convert.
 */
export const FORMAT = '3';

/** How much a title's words count against the body's (BM25F-style). */
export const TITLE_WEIGHT = 4;
/** Compound parts are indexed as `~part` and count this much of the word itself. */
export const PART_WEIGHT = 0.3;

export const PART = '~';
export const PARTY = '~party:';
export const DOSSIER = '~dossier:';
export const PERSON = '~person:';
export const COMMITTEE = '~committee:';

export const KIND_CODE = new Map<string, number>(DOCUMENT_KINDS.map((k, i) => [k, i]));
export const TYPE_CODE = new Map<string, number>(ENTITY_TYPES.map((t, i) => [t, i]));
export const DOCUMENT_TYPE = TYPE_CODE.get('document')!;

/** The lists whose positions the state's kind and type codes are: another list rebuilds the state. */
export const STATE_CODES = JSON.stringify({ kinds: DOCUMENT_KINDS, types: ENTITY_TYPES });

/** A document's codes as the state stores them (unknown kinds and types as the index always read them). */
export function docFields(kind: string, type: string, date: string | null, len: number): DocFields {
  const day = toDay(date);
  return { kind: KIND_CODE.get(kind) ?? KIND_CODE.get('overig')!, type: TYPE_CODE.get(type) ?? DOCUMENT_TYPE, day, year: yearOfDay(day), len };
}

/**
 * A dossier number as a term: lower case, and ASCII like every term (blocks.ts relies on
 * it), so an odd letter in a toevoeging cannot break the term order.
 */
export function dossierKey(x: string): string {
  return x.toLowerCase().normalize('NFKD').replace(/[^\x21-\x7e]/g, '');
}

/** An entity's entry id is `type:id` (apart from document ids); hits give the plain id. */
export function entityId(extId: string, type: EntityType): string {
  return extId.startsWith(type + ':') ? extId.slice(type.length + 1) : extId;
}

/** A stored document's row as the state needs it (a rebuild of the state reads these). */
export interface StoredDocRow {
  docid: number;
  kind: string;
  date: string | null;
  len: number;
  live: boolean;
  type: string;
}

/** The state's chunks rebuilt from every stored document's row (format 2 had none; new codes renumber them). */
export function stateChunksOf(rows: Iterable<StoredDocRow>): [number, Buffer][] {
  const writer = new ChunkWriter(() => undefined);
  for (const r of rows) {
    writer.put(r.docid, docFields(r.kind, r.type, r.date, r.len));
    if (!r.live) writer.kill(r.docid);
  }
  return writer.take();
}
