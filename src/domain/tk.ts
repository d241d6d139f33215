/**
 * Tweede Kamer open-data entities as the SyncFeed delivers them: one lenient record shape
 * for every category, so unknown fields and future schema changes are kept, not lost.
 */

/**
 * Every SyncFeed category of the official XSDs (tkData v1-0), in an order where referenced
 * entities tend to come before the entities that point at them.
 */
export const TK_CATEGORIES = [
  'Fractie',
  'FractieZetel',
  'FractieZetelPersoon',
  'FractieZetelVacature',
  'Persoon',
  'PersoonContactinformatie',
  'PersoonGeschenk',
  'PersoonLoopbaan',
  'PersoonNevenfunctie',
  'PersoonNevenfunctieInkomsten',
  'PersoonOnderwijs',
  'PersoonReis',
  'Commissie',
  'CommissieContactinformatie',
  'CommissieZetel',
  'CommissieZetelVastPersoon',
  'CommissieZetelVastVacature',
  'CommissieZetelVervangerPersoon',
  'CommissieZetelVervangerVacature',
  'Kamerstukdossier',
  'Zaak',
  'ZaakActor',
  'Document',
  'DocumentActor',
  'DocumentVersie',
  'DocumentPublicatie',
  'DocumentPublicatieMetadata',
  'Activiteit',
  'ActiviteitActor',
  'Agendapunt',
  'Besluit',
  'Stemming',
  'Toezegging',
  'Vergadering',
  'Verslag',
  'Reservering',
  'Zaal',
] as const;

export type TkCategory = (typeof TK_CATEGORIES)[number];

export function isTkCategory(value: string): value is TkCategory {
  return (TK_CATEGORIES as readonly string[]).includes(value);
}

const CATEGORY_BY_LOWER = new Map<string, TkCategory>(TK_CATEGORIES.map((c) => [c.toLowerCase(), c]));

/**
 * The canonical spelling of a category in any case (`stemming`, `STEMMING`, `Stemming` →
 * `Stemming`), or null when it is none of the known categories. The real feed sends lower
 * case terms and element names; everything downstream uses the canonical form.
 */
export function canonicalTkCategory(name: string): TkCategory | null {
  return CATEGORY_BY_LOWER.get(name.trim().toLowerCase()) ?? null;
}

/**
 * The ids the sync lets into a file path (and an enclosure's last segment): lower-case
 * letters, digits, `-` and `_`, starting with a letter or digit, at most 128 characters. The
 * SyncFeed's ids are GUIDs, which this admits; so is an id such as the real sample's
 * anonymised `abc`, which names a file as safely. No dot, slash, backslash or percent sign, so
 * nothing a path could climb with, and one case, so two ids never share a file on a
 * case-insensitive disk. Refusing every id but a GUID refused `abc`'s report as a hostile link.
 */
const FILE_ID = /^[a-z0-9][a-z0-9_-]{0,127}$/;

/** True for an entity id the sync may name a file by (see FILE_ID). */
export function isTkFileId(id: string): boolean {
  return FILE_ID.test(id);
}

/** Why an entity id may not name a file, for a refusal's message. */
export const FILE_ID_RULE = 'alleen kleine letters, cijfers, - en _';

/** A field value: text, several texts when a field repeats, or null for `xsi:nil="true"`. */
export type TkFieldValue = string | string[] | null;

/** A reference to another entity: `<zaak ref="GUID"/>` is `{ name: 'zaak', ref: GUID }`. */
export interface TkRef {
  name: string;
  ref: string;
}

/** One entity record of any category. */
export interface TkEntity {
  /** The entity's GUID (lower case). */
  id: string;
  /** The feed category, e.g. `Document`, `Persoon`. */
  category: string;
  /** `bijgewerkt` normalised to UTC ISO 8601 (`…Z`), or null when absent or unreadable. */
  updated: string | null;
  /** True for a tombstone (`verwijderd="true"`). */
  deleted: boolean;
  /**
   * Every non-reference child element by its local name, values as sent (timestamps keep
   * their zone). Nested elements are flattened with dots (`periode.van`).
   */
  fields: Record<string, TkFieldValue>;
  /** References in document order; a repeated reference element gives several entries. */
  refs: TkRef[];
  /** Present when the entity has a downloadable file. */
  file?: { contentType: string | null; contentLength: number | null };
}

/** One feed entry: the entity plus the feed's own metadata about it. */
export interface TkFeedEntry {
  entity: TkEntity;
  /** The skiptoken of the entry's `rel="next"` link: where to resume after this entry. */
  cursor: string | null;
  /** The `rel="enclosure"` URL of the entity's file, when it has one. */
  enclosure: string | null;
}

/** One parsed SyncFeed page. */
export interface TkFeedPage {
  entries: TkFeedEntry[];
  /** The skiptoken of the feed-level `rel="next"` link; null when the category is caught up. */
  next: string | null;
  /**
   * The source does not offer the category at all: a mirror or saved world that carries a
   * subset answers its first page with 404 (or 410, 400), a saved folder lacks it. Not an
   * error by itself.
   */
  absent?: boolean;
}

/** Download state of an entity's file. `pending` = known from the feed, not fetched yet. */
export type TkFileStatus = 'pending' | 'ok' | 'missing' | 'broken';

/** What is known about an entity's file: the latest feed state and the last good download. */
export interface TkFileRecord {
  entityId: string;
  category: string;
  href: string;
  contentType: string | null;
  /** The byte count the feed announced; a download is accepted only when it matches. */
  expectedLength: number | null;
  /** The entity's `updated` the file record was last (re)queued for. */
  entityUpdated: string | null;
  status: TkFileStatus;
  /** Version of the last good file (1, 2, …); 0 before the first. Older versions stay on disk. */
  version: number;
  contentHash: string | null;
  /** Path of the last good file, relative to the data folder. */
  path: string | null;
  byteCount: number | null;
  /** Failed attempts since the file was last queued or fetched. */
  attempts: number;
  lastError: string | null;
}

/** A field as a single string: the first of a repeated field, null when absent or nil. */
export function tkText(entity: TkEntity, field: string): string | null {
  const v = entity.fields[field];
  if (v === undefined || v === null) return null;
  return typeof v === 'string' ? v : (v[0] ?? null);
}

/** The first reference of the given name, if any. */
export function tkRef(entity: TkEntity, name: string): string | null {
  return entity.refs.find((r) => r.name === name)?.ref ?? null;
}

/** Typed view of a Document entity (the fields kamerlens uses; all others stay in `fields`). */
export interface TkDocumentView {
  id: string;
  soort: string | null;
  documentNummer: string | null;
  titel: string | null;
  onderwerp: string | null;
  datum: string | null;
  volgnummer: number | null;
  zaakIds: string[];
  kamerstukdossierId: string | null;
}

/** Reads a Document entity's main fields. */
export function tkDocumentView(e: TkEntity): TkDocumentView {
  const volg = tkText(e, 'volgnummer');
  return {
    id: e.id,
    soort: tkText(e, 'soort'),
    documentNummer: tkText(e, 'documentNummer'),
    titel: tkText(e, 'titel'),
    onderwerp: tkText(e, 'onderwerp'),
    datum: tkText(e, 'datum'),
    volgnummer: volg !== null && /^-?\d+$/.test(volg) ? Number(volg) : null,
    zaakIds: e.refs.filter((r) => r.name === 'zaak').map((r) => r.ref),
    kamerstukdossierId: tkRef(e, 'kamerstukdossier'),
  };
}

/** Typed view of a Persoon entity. */
export interface TkPersoonView {
  id: string;
  nummer: string | null;
  initialen: string | null;
  roepnaam: string | null;
  tussenvoegsel: string | null;
  achternaam: string | null;
  functie: string | null;
  fractielabel: string | null;
  /** `Dirk Beljaarts`, `Zsolt Szabó`: roepnaam (or initialen), tussenvoegsel, achternaam. */
  naam: string;
}

/** Reads a Persoon entity's main fields. */
export function tkPersoonView(e: TkEntity): TkPersoonView {
  const v = {
    id: e.id,
    nummer: tkText(e, 'nummer'),
    initialen: tkText(e, 'initialen'),
    roepnaam: tkText(e, 'roepnaam'),
    tussenvoegsel: tkText(e, 'tussenvoegsel'),
    achternaam: tkText(e, 'achternaam'),
    functie: tkText(e, 'functie'),
    fractielabel: tkText(e, 'fractielabel'),
  };
  const naam = [v.roepnaam ?? v.initialen, v.tussenvoegsel, v.achternaam].filter(Boolean).join(' ');
  return { ...v, naam };
}
