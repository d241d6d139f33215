/**
 * Use cases over the synced Tweede Kamer open data: what is new, agenda, decisions and votes,
 * committees, people, parties, dossiers, zaken, commitments, open questions, reports, gifts,
 * and the Kamer's view of a kamerlens document. One data function per page; the HTML views
 * and the JSON twins both render what these return (every link is already in it).
 */
import { missingDossier } from './official.js';
import { KamerlensError, type DocumentKind, type DocumentRecord, type KamerstukId, type ParsedDocument, type Signatory } from '../domain/index.js';
import { tkPersoonView, tkRef, tkText, type TkEntity, type TkFileRecord } from '../domain/tk.js';
import { slugify } from '../store/ids.js';
import type { Store } from '../store/store.js';
import { kamerstukKey, type DocRef, type StructureStore } from '../store/structure-index.js';
import { findTkDossier, matchKamerPersons, signerKey, tkDocumentsOfKamerstuk, tkDossierKey, tkKamerstukOf } from '../store/tk-kamerstuk.js';
import { refusalReason, type TkFieldRow, type TkListQuery, type TkRefRow, type TkStore } from '../store/tk-store.js';
import { documentUrl } from './presenters.js';
import { dossierUrl, zaakUrl } from './tk-linkify.js';
import type { VlosStore } from '../store/vlos-store.js';
import type { PromiseStore } from '../store/promise-store.js';
import { promisesOfRegister, type KeptState, type PromiseRow } from './promises.js';
import { BatchLoader, Rounds } from './batch-loader.js';
import { bijdragenVan, verslagInhoud, verslagenVanActiviteit, type ActiviteitVerslag, type PersoonBijdrage, type VerslagInhoud } from './tk-vlos.js';

/** What these use cases need. */
export interface TkServices {
  tk: TkStore;
  store: Store;
  /** Reports of sittings as the sync derived them; absent: reports show no text. */
  vlos?: VlosStore | undefined;
  /**
   * Documents by their own keys: a Kamerstuk imported by hand is found by its number
   * (dossier + volgnummer) and its signers' surnames. Absent: only the sync's own files link.
   */
  structure?: Pick<StructureStore, 'documentsWithKey' | 'documentsWithKeys' | 'documentsWithKeyPrefix'> | undefined;
  /** What the promise pass concluded about the register: its link to a document's commitment, the letter that kept it. */
  promises?: PromiseStore | undefined;
}

/** Imported documents a page looks at per dossier or surname, at most (each is one lookup). */
const ARCHIVE_MAX = 500;

// Lists come from the store a page at a time, in date order from an index
// (TkStore.listOrdered), so a page costs its size however large the category. Only small
// categories (parties, committees, people, dossiers) are read whole, and then only the fields
// a page sorts or counts on (TkStore.listFields).
const READ_PAGE = 1_000;
/** Entities per "what is new" list and per section of an entity page. */
const LATEST = 10;
export const TK_PAGE_SIZE = 100;
/** Without a cursor a page is found by skipping the items before it: further in, follow the links. */
const MAX_SKIP_PAGE = 500;
/** With a cursor the page number is only shown, not walked. */
const MAX_PAGE = 1_000_000;
/** Where counting walks its matches (decisions with votes), it stops here: then "more than". */
const COUNT_MAX = 10_000;
/** Activities per agenda page: the agenda goes on from the next day. */
const AGENDA_MAX = 1_000;
const UNPLANNED_MAX = 2_000;
/** Open written questions read at most (the page counts them per party and ministry). */
const OPEN_MAX = 5_000;
/** Written questions are due within three weeks (Reglement van Orde, art. 12.4). */
export const ANSWER_DAYS = 21;

// ---- links ---------------------------------------------------------------------------

export const personUrl = (id: string) => `/personen/${encodeURIComponent(id)}`;
export const fractieUrl = (id: string) => `/fracties/${encodeURIComponent(id)}`;
export const commissieUrl = (id: string) => `/commissies/${encodeURIComponent(id)}`;
export const activiteitUrl = (id: string) => `/activiteiten/${encodeURIComponent(id)}`;
export const stemmingUrl = (besluitId: string) => `/stemmingen/${encodeURIComponent(besluitId)}`;
export const besluitUrl = (besluitId: string) => `/besluiten#besluit-${besluitId}`;
export const verslagUrl = (id: string) => `/verslagen/${encodeURIComponent(id)}`;
export { dossierUrl, zaakUrl };

/**
 * The document's page on tweedekamer.nl. The Kamer's site files every kamerstuk under its
 * zaak (`id`) and document number (`did`); without a zaak the document number alone is used.
 */
export function kamerSiteUrl(documentNummer: string, zaakNummer: string | null): string {
  const p = new URLSearchParams();
  if (zaakNummer) p.set('id', zaakNummer);
  p.set('did', documentNummer);
  return `https://www.tweedekamer.nl/kamerstukken/detail?${p.toString()}`;
}

// ---- small shared shapes --------------------------------------------------------------

export interface TkFractieRef {
  id: string;
  afkorting: string;
  naam: string;
  zetels: number | null;
  url: string;
}

export interface TkPersonRef {
  id: string;
  naam: string;
  functie: string | null;
  /** The current party (a seat without end date), else the person's fractielabel. */
  fractie: string | null;
  fractieId: string | null;
  url: string;
}

export interface TkCommissieRef {
  id: string;
  afkorting: string | null;
  naam: string;
  url: string;
}

export interface TkDocRef {
  id: string;
  nummer: string | null;
  soort: string | null;
  titel: string | null;
  onderwerp: string | null;
  datum: string | null;
  volgnummer: number | null;
  /** The kamerlens document page when the file is imported; null otherwise. */
  documentUrl: string | null;
  /** The page on tweedekamer.nl, when the document has a number. */
  kamerUrl: string | null;
}

export interface TkZaakRef {
  id: string;
  nummer: string | null;
  soort: string | null;
  onderwerp: string | null;
  gestartOp: string | null;
  afgedaan: boolean;
  status: string | null;
  url: string;
}

export interface TkActiviteitRef {
  id: string;
  nummer: string | null;
  soort: string | null;
  onderwerp: string | null;
  /** The day, `YYYY-MM-DD`, as the Kamer wrote it; null when not planned yet. */
  datum: string | null;
  aanvangstijd: string | null;
  eindtijd: string | null;
  locatie: string | null;
  status: string | null;
  commissie: { id: string | null; naam: string } | null;
  url: string;
}

export interface TkVoteRow {
  /** The party's short name, or the member's name in a roll-call vote. */
  naam: string;
  fractieId: string | null;
  persoonId: string | null;
  soort: string;
  /** Seats behind the vote: the party size, 1 for a member. */
  zetels: number;
  vergissing: boolean;
  url: string | null;
}

export interface TkTally {
  voor: number;
  tegen: number;
  /** Seats of parties recorded as not taking part. */
  nietDeelgenomen: number;
  /** Parties (or members) per side, largest first; mistaken votes excluded. */
  rows: TkVoteRow[];
  /** Votes the Kamer recorded as a mistake (`vergissing`): shown, not counted. */
  vergissingen: TkVoteRow[];
}

export interface TkBesluitRef {
  id: string;
  soort: string | null;
  tekst: string | null;
  stemmingsSoort: string | null;
  opmerking: string | null;
  /**
   * Where the decision stands, as the feed words it (the real sample's one decision says
   * "Voorstel": proposed, with neither soort nor tekst yet); null when the feed gives none.
   */
  status: string | null;
  /** The day of the activity the decision was taken in. */
  datum: string | null;
  zaak: TkZaakRef | null;
  activiteit: TkActiviteitRef | null;
  tally: TkTally | null;
  url: string;
  /** Set when the decision itself is not stored: it is known only from the votes on it. */
  alleenStemmen?: true;
}

// ---- reading helpers -------------------------------------------------------------------

const day = (v: string | null) => (v && /^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : null);
const time = (v: string | null) => (v && /T\d{2}:\d{2}/.test(v) ? v.slice(11, 16) : null);
const truthy = (v: string | null) => v !== null && /^true$/i.test(v);
const num = (v: string | null) => (v !== null && /^-?\d+$/.test(v) ? Number(v) : null);
const byText = (a: string | null, b: string | null) => (a ?? '').localeCompare(b ?? '', 'nl');
/** Newest first; undated last. */
const newest = (a: string | null, b: string | null) => (b ?? '').localeCompare(a ?? '');

function checkPage(page: number, withCursor = false): void {
  const max = withCursor ? MAX_PAGE : MAX_SKIP_PAGE;
  if (!Number.isInteger(page) || page < 1 || page > max) {
    const further = withCursor ? '' : '; verdere pagina\'s bereik je via de "volgende"-links van de lijst';
    throw new KamerlensError('BAD_REQUEST', `"page" moet een heel getal van 1 tot en met ${max} zijn${further}`, { field: 'page' });
  }
}

function checkDay(value: string): void {
  if (!/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(value)) {
    throw new KamerlensError('BAD_REQUEST', '"today" moet een datum JJJJ-MM-DD zijn', { field: 'today' });
  }
}

/** One page of a list. */
export interface Paged<T> {
  /** Every item of the list; a lower bound when `totalExact` is false. */
  total: number;
  /** False when counting stopped at `total`: there are more. */
  totalExact: boolean;
  page: number;
  pageSize: number;
  pageCount: number;
  items: T[];
  /** Where the next page starts (`?page=<page + 1>&after=<next>`); null on the last page or when pages go by number. */
  next: string | null;
  /** Where the previous page ends (`?page=<page - 1>&before=<prev>`); null on the first page or when pages go by number. */
  prev: string | null;
}

/** Which page: its number, and the cursor its link carries (from `next` or `prev` of a neighbour). */
export interface PageRequest {
  page?: number | undefined;
  after?: string | undefined;
  before?: string | undefined;
}

const pageRequest = (r: number | PageRequest): PageRequest => (typeof r === 'number' ? { page: r } : r);

/** One page of an in-memory list. */
function paginate<T>(items: T[], page: number): Paged<T> {
  checkPage(page);
  return {
    total: items.length,
    totalExact: true,
    page,
    pageSize: TK_PAGE_SIZE,
    pageCount: Math.ceil(items.length / TK_PAGE_SIZE),
    items: items.slice((page - 1) * TK_PAGE_SIZE, page * TK_PAGE_SIZE),
    next: null,
    prev: null,
  };
}

/**
 * One page of an ordered listing: by cursor when the link carried one (a search in the index),
 * else by skipping to the page's number. `count` is the listing's total, exact or bounded.
 */
async function listPage(
  s: TkServices,
  q: Omit<TkListQuery, 'limit' | 'after' | 'offset' | 'direction'>,
  request: number | PageRequest,
  count: { count: number; exact: boolean },
): Promise<Paged<TkEntity>> {
  const req = pageRequest(request);
  let page = req.page ?? 1;
  const cursor = req.before ?? req.after;
  checkPage(page, cursor !== undefined);
  if (req.after !== undefined && req.before !== undefined) {
    throw new KamerlensError('BAD_REQUEST', 'Geef "after" of "before", niet allebei', { field: 'before' });
  }
  let items: TkEntity[];
  let cursors: string[];
  let next: string | null;
  let prev: string | null;
  if (req.before !== undefined) {
    const r = await s.tk.listOrdered({ ...q, direction: 'asc', after: req.before, limit: TK_PAGE_SIZE }).catch(renameField('before'));
    items = r.items.reverse();
    cursors = r.cursors.reverse();
    // Nothing further back: this is the first page, whatever number the link said.
    if (!r.more) page = 1;
    prev = r.more ? (cursors[0] ?? null) : null;
    next = cursors.at(-1) ?? null;
  } else {
    const r = await s.tk.listOrdered({ ...q, limit: TK_PAGE_SIZE, ...(req.after !== undefined ? { after: req.after } : { offset: (page - 1) * TK_PAGE_SIZE }) });
    items = r.items;
    cursors = r.cursors;
    next = r.more ? (cursors.at(-1) ?? null) : null;
    prev = page > 1 ? (cursors[0] ?? null) : null;
  }
  const counted = Math.ceil(count.count / TK_PAGE_SIZE);
  return {
    total: count.count,
    totalExact: count.exact,
    page,
    pageSize: TK_PAGE_SIZE,
    pageCount: count.exact ? Math.max(counted, items.length ? page : 0) : Math.max(counted, page + (next ? 1 : 0)),
    items,
    next,
    prev,
  };
}

/** The store names a bad cursor `after`; a `before` link passes it on reversed. */
const renameField = (field: string) => (e: unknown): never => {
  if (e instanceof KamerlensError && e.context.field === 'after') throw new KamerlensError(e.code, e.message.replace('"after"', `"${field}"`), { ...e.context, field });
  throw e;
};

/** The page's items mapped at once: their reads go to the request's loaders together (Ctx). */
async function mapPaged<T, U>(p: Paged<T>, fn: (item: T) => Promise<U>): Promise<Paged<U>> {
  return { ...p, items: await Promise.all(p.items.map(fn)) };
}

/**
 * Categories read whole, a few fields at a time: parties, committees, people and dossiers
 * are a few thousand at most; the commitments register is sorted on statuses no index holds.
 */
type SmallCategory = 'Fractie' | 'Commissie' | 'Persoon' | 'Kamerstukdossier' | 'Toezegging';

/**
 * The named fields of every entity of a small category, as entities without references:
 * enough for the views (tkPersoonView, fractieRef, …) and the sorting of a whole-list page.
 */
async function readFields(s: TkServices, category: SmallCategory, fields: readonly string[]): Promise<TkEntity[]> {
  return (await s.tk.listFields({ category, fields })).map((r: TkFieldRow) => ({ id: r.id, category, updated: r.updated, deleted: false, fields: r.fields, refs: [] }));
}

/** Every entity of a category whose field equals `value` (lookups by number or name, from an index). */
async function lookup(s: TkServices, category: string, field: string, value: string): Promise<TkEntity[]> {
  const out: TkEntity[] = [];
  for (let offset = 0; ; offset += READ_PAGE) {
    const r = await s.tk.listEntities({ category, field, value, offset, limit: READ_PAGE });
    out.push(...r.items);
    if (r.items.length < READ_PAGE) return out;
  }
}

/** Ids per store call of a loader (PostgreSQL takes them as one array parameter). */
const LOAD_BATCH = 1_000;

/** A key in the GUID form the Kamer gives its ids (which key a page was given: an id, a number, an abbreviation). */
const GUID_KEY = /^[0-9a-f-]{36}$/i;

/** Longer than any id the feed has given; such a key is no entity's, and is not looked up. */
const MAX_ID = 200;

/**
 * An entity by its id, checked to be of the expected category; NOT_FOUND otherwise. Any id
 * the sync stored is found, GUID or not: a list page links to every entity it shows (the real
 * feed's samples hold a report whose id is `abc`).
 */
async function entityOf(s: TkServices, id: string, category: string, what: string): Promise<TkEntity> {
  const e = id.length > 0 && id.length <= MAX_ID ? await s.tk.getEntity(id) : null;
  if (!e || e.category !== category) throw new KamerlensError('NOT_FOUND', `Geen ${what} "${id}" in de open data`, { record: id });
  return e;
}

/**
 * One request's reads: entities, references to them and kamerlens ids go through batch
 * loaders (ids asked for together cost one store call, each id is read once), parties,
 * people's parties and committees are read once. Pages ask for their rows concurrently
 * (Promise.all), so the number of store calls does not grow with the number of rows.
 */
class Ctx {
  /** Every store call of the request's rows goes out in these rounds (batch-loader.ts). */
  private readonly rounds = new Rounds();
  private fracties: Promise<Map<string, TkEntity>> | null = null;
  private seats: Promise<Map<string, string>> | null = null;
  private readonly entities: BatchLoader<string, TkEntity | null>;
  /** References to an id, one loader per reference name ('' for any). */
  private readonly refs = new Map<string, BatchLoader<string, TkRefRow[]>>();
  private readonly imported: BatchLoader<string, string | null>;
  private readonly keyed: BatchLoader<string, DocRef[]>;
  private readonly files: BatchLoader<string, TkFileRecord | null>;
  private readonly structures: BatchLoader<string, ParsedDocument | null>;
  private readonly kamerlens = new Map<string, Promise<string | null>>();
  private readonly surnames = new Map<string, Promise<TkEntity[]>>();
  private readonly registers = new Map<string, BatchLoader<string, PromiseRow | null>>();

  constructor(readonly s: TkServices) {
    // Keys are lower-case: the stores match ids without case and answer stored (lower-case) ids.
    this.entities = new BatchLoader(this.rounds, (ids) => s.tk.getEntities(ids), null, LOAD_BATCH);
    this.imported = new BatchLoader(this.rounds, (sources) => s.store.documentsFromSources(sources), null, LOAD_BATCH);
    this.files = new BatchLoader(this.rounds, (ids) => s.tk.getFiles(ids), null, LOAD_BATCH);
    this.structures = new BatchLoader(this.rounds, (ids) => s.store.currentStructures(ids), null, LOAD_BATCH);
    this.keyed = new BatchLoader(this.rounds, (keys) => s.structure?.documentsWithKeys(keys) ?? Promise.resolve(new Map()), [], LOAD_BATCH);
  }

  get(id: string | null): Promise<TkEntity | null> {
    return id ? this.entities.load(id.toLowerCase()) : Promise.resolve(null);
  }

  /** The state of an entity's file (TkStore.getFile). */
  file(id: string): Promise<TkFileRecord | null> {
    return this.files.load(id.toLowerCase());
  }

  /** Entities by id, once each, in the order asked; missing ones are left out. */
  async loadAll(ids: Iterable<string>): Promise<TkEntity[]> {
    const got = await Promise.all([...new Set(ids)].map((id) => this.get(id)));
    const seen = new Set<string>();
    return got.filter((e): e is TkEntity => e !== null && !seen.has(e.id) && !!seen.add(e.id));
  }

  /** References to `id` (optionally only those named `name`), as TkStore.refsTo orders them. */
  refsTo(id: string, name?: string): Promise<TkRefRow[]> {
    let loader = this.refs.get(name ?? '');
    if (!loader) this.refs.set(name ?? '', (loader = new BatchLoader(this.rounds, (ids) => this.s.tk.refsToMany(ids, name), [], LOAD_BATCH)));
    return loader.load(id.toLowerCase());
  }

  /** Entities pointing at `id` through a reference named `name`, of one category. */
  async pointing(id: string, name: string, category: string): Promise<TkEntity[]> {
    const rows = (await this.refsTo(id, name)).filter((r) => r.otherCategory === category);
    return this.loadAll(rows.map((r) => r.fromId));
  }

  /** The promise pass's view of a commitment of the register on `today`. */
  registerPromise(id: string, today: string): Promise<PromiseRow | null> {
    let loader = this.registers.get(today);
    if (!loader) this.registers.set(today, (loader = new BatchLoader(this.rounds, (ids) => promisesOfRegister(this.s, ids, today), null, LOAD_BATCH)));
    return loader.load(id);
  }

  /** People with this achternaam (from its index), once per request. */
  byAchternaam(achternaam: string): Promise<TkEntity[]> {
    let p = this.surnames.get(achternaam);
    if (!p) this.surnames.set(achternaam, (p = this.rounds.once(() => this.s.tk.listEntities({ category: 'Persoon', field: 'achternaam', value: achternaam, limit: 50 })).then((r) => r.items)));
    return p;
  }

  /** The Kamer's people who signed a document, matched by name and role (store/tk-kamerstuk.ts). */
  async signers(signatories: readonly Signatory[], kind: DocumentKind | null): Promise<TkPersonRef[]> {
    const matched = await matchKamerPersons(this.s.tk, signatories, kind, (a) => this.byAchternaam(a));
    return Promise.all(matched.map((m) => this.person(m.persoon)));
  }

  /** Every party, with the fields the pages show (no references). */
  allFracties(): Promise<Map<string, TkEntity>> {
    return (this.fracties ??= this.rounds.once(() => readFields(this.s, 'Fractie', FRACTIE_FIELDS)).then((fs) => new Map(fs.map((f) => [f.id, f]))));
  }

  /** persoon id → fractie id, from the seats without an end date (the current ones only). */
  personFracties(): Promise<Map<string, string>> {
    return (this.seats ??= (async () => {
      const leden = await this.rounds.once(() => this.s.tk.listOrdered({ category: 'FractieZetelPersoon', where: [{ field: 'totEnMet', value: null }], limit: 10_000 }));
      // Every seat at once, then in the seats' order: a later seat of a person wins.
      const zetels = await Promise.all(leden.items.map((l) => this.get(tkRef(l, 'fractieZetel'))));
      const out = new Map<string, string>();
      leden.items.forEach((l, i) => {
        const persoon = tkRef(l, 'persoon');
        const zetel = zetels[i];
        const fractie = zetel ? tkRef(zetel, 'fractie') : null;
        if (persoon && fractie) out.set(persoon, fractie);
      });
      return out;
    })());
  }

  async fractie(id: string | null): Promise<TkFractieRef | null> {
    const f = id ? (await this.allFracties()).get(id) : undefined;
    return f ? fractieRef(f) : null;
  }

  async person(e: TkEntity): Promise<TkPersonRef> {
    const v = tkPersoonView(e);
    // Both read once per request: the parties' read starts with the seats'.
    const [seats, fracties] = await Promise.all([this.personFracties(), this.allFracties()]);
    const fractieId = seats.get(e.id) ?? null;
    const f = fractieId ? fracties.get(fractieId) : undefined;
    const fractie = f ? fractieRef(f) : null;
    return { id: e.id, naam: v.naam || e.id, functie: v.functie, fractie: fractie?.afkorting ?? v.fractielabel, fractieId, url: personUrl(e.id) };
  }

  async personById(id: string | null): Promise<TkPersonRef | null> {
    const e = await this.get(id);
    return e && e.category === 'Persoon' ? this.person(e) : null;
  }

  /**
   * The kamerlens document of a Document entity: where the sync imported its file, else a
   * Kamerstuk imported by hand with the same dossier and volgnummer.
   */
  kamerlensId(e: TkEntity): Promise<string | null> {
    let p = this.kamerlens.get(e.id);
    if (!p) {
      p = (async () => {
        // The import log knows where the file went, also when its content was already stored
        // under another id (a user's own copy of the same document).
        const fromSync = await this.imported.load(`tk:${e.id}`);
        if (fromSync || !this.s.structure) return fromSync;
        const ks = await tkKamerstukOf(this.s.tk, e, (id) => this.get(id));
        return ks ? ((await this.keyed.load(kamerstukKey(ks.dossier, ks.number)))[0]?.id ?? null) : null;
      })();
      this.kamerlens.set(e.id, p);
    }
    return p;
  }

  async doc(e: TkEntity): Promise<TkDocRef> {
    const nummer = tkText(e, 'documentNummer');
    const [kamerlens, zaak] = await Promise.all([this.kamerlensId(e), this.get(tkRef(e, 'zaak'))]);
    const titel = tkText(e, 'titel');
    const onderwerp = tkText(e, 'onderwerp');
    const datum = day(tkText(e, 'datum'));
    // An entry that names neither title, subject nor date (the real feed sends moties with only
    // their soort) is shown by what its imported file says, not by its GUID.
    const own = kamerlens && !titel && !onderwerp ? await this.structures.load(kamerlens) : null;
    return {
      id: e.id,
      nummer,
      soort: tkText(e, 'soort'),
      titel: titel ?? own?.title ?? null,
      onderwerp,
      datum: datum ?? (own ? day(own.date) : null),
      volgnummer: num(tkText(e, 'volgnummer')),
      documentUrl: kamerlens ? documentUrl(kamerlens) : null,
      kamerUrl: nummer ? kamerSiteUrl(nummer, zaak ? tkText(zaak, 'nummer') : null) : null,
    };
  }

  async commissie(id: string | null): Promise<TkCommissieRef | null> {
    const e = await this.get(id);
    if (e && e.category === 'Commissie') return commissieRef(e);
    return null;
  }

  async activiteit(e: TkEntity): Promise<TkActiviteitRef> {
    const c = await this.commissie(tkRef(e, 'voortouwcommissie'));
    const naam = c?.naam ?? tkText(e, 'voortouwkortenaam') ?? tkText(e, 'voortouwnaam');
    return {
      id: e.id,
      nummer: tkText(e, 'nummer'),
      soort: tkText(e, 'soort'),
      onderwerp: tkText(e, 'onderwerp'),
      datum: day(tkText(e, 'datum')),
      aanvangstijd: time(tkText(e, 'aanvangstijd')),
      eindtijd: time(tkText(e, 'eindtijd')),
      locatie: tkText(e, 'locatie'),
      status: tkText(e, 'status'),
      commissie: naam ? { id: c?.id ?? null, naam } : null,
      url: activiteitUrl(e.id),
    };
  }

  /** A decision with its zaak, the activity it was taken in and its votes. */
  async besluit(e: TkEntity): Promise<TkBesluitRef> {
    // The activity, the zaak and the votes at once: the rows of a page ask in the same turns.
    const [[act, activiteit], zaak, tally] = await Promise.all([
      (async () => {
        const agendapunt = await this.get(tkRef(e, 'agendapunt'));
        const a = agendapunt ? await this.get(tkRef(agendapunt, 'activiteit')) : null;
        return [a, a ? await this.activiteit(a) : null] as const;
      })(),
      this.get(tkRef(e, 'zaak')),
      this.tally(e.id),
    ]);
    return {
      id: e.id,
      soort: tkText(e, 'besluitSoort'),
      tekst: tkText(e, 'besluitTekst'),
      stemmingsSoort: tkText(e, 'stemmingsSoort'),
      opmerking: tkText(e, 'opmerking'),
      status: tkText(e, 'status'),
      datum: act ? day(tkText(act, 'datum')) : day(e.updated),
      zaak: zaak ? zaakRef(zaak) : null,
      activiteit,
      tally,
      url: tally ? stemmingUrl(e.id) : besluitUrl(e.id),
    };
  }

  /**
   * A decision known only from the votes that point at it (it is not stored): its tally, and
   * the day its latest vote was recorded; null when no vote points at it either.
   */
  async besluitFromVotes(besluitId: string): Promise<TkBesluitRef | null> {
    const id = besluitId.toLowerCase();
    const [votes, tally] = await Promise.all([this.pointing(id, 'besluit', 'Stemming'), this.tally(id)]);
    if (!tally) return null;
    const latest = votes.map((v) => v.updated).sort(newest)[0] ?? null;
    return { id, soort: null, tekst: null, stemmingsSoort: null, opmerking: null, status: null, datum: day(latest), zaak: null, activiteit: null, tally, url: stemmingUrl(id), alleenStemmen: true };
  }

  /** Votes on a decision summed by seats; null when nobody voted (a decision without a vote). */
  async tally(besluitId: string): Promise<TkTally | null> {
    const votes = await this.pointing(besluitId, 'besluit', 'Stemming');
    if (votes.length === 0) return null;
    // A party is linked only when it is stored: a vote may name one the sync has not (yet) seen.
    const [personen, fracties] = await Promise.all([
      Promise.all(votes.map((v) => this.personById(tkRef(v, 'persoon')))),
      Promise.all(votes.map((v) => this.get(tkRef(v, 'fractie')))),
    ]);
    const rows: TkVoteRow[] = [];
    for (const [i, v] of votes.entries()) {
      const persoon = personen[i]!;
      const fractieId = tkRef(v, 'fractie');
      const fractie = fracties[i]?.category === 'Fractie' ? fracties[i]! : null;
      rows.push({
        naam: persoon?.naam ?? tkText(v, 'actorFractie') ?? tkText(v, 'actorNaam') ?? '?',
        fractieId,
        persoonId: persoon?.id ?? null,
        soort: tkText(v, 'soort') ?? 'Onbekend',
        zetels: num(tkText(v, 'fractieGrootte')) ?? 1,
        vergissing: truthy(tkText(v, 'vergissing')),
        url: persoon ? persoon.url : fractie ? fractieUrl(fractie.id) : null,
      });
    }
    const rank = (r: TkVoteRow) => (/^voor$/i.test(r.soort) ? 0 : /^tegen$/i.test(r.soort) ? 1 : 2);
    const counted = rows.filter((r) => !r.vergissing).sort((a, b) => rank(a) - rank(b) || b.zetels - a.zetels || byText(a.naam, b.naam));
    const sum = (soort: RegExp) => counted.filter((r) => soort.test(r.soort)).reduce((n, r) => n + r.zetels, 0);
    return { voor: sum(/^voor$/i), tegen: sum(/^tegen$/i), nietDeelgenomen: sum(/deelgenomen/i), rows: counted, vergissingen: rows.filter((r) => r.vergissing) };
  }
}

/** The fields of parties and committees their lists show (what fractieRef and commissieRef read). */
const FRACTIE_FIELDS = ['afkorting', 'naamNl', 'naamEn', 'aantalZetels', 'datumInactief'] as const;
const COMMISSIE_FIELDS = ['afkorting', 'naamWebNl', 'naamNl', 'soort', 'datumInactief'] as const;
const PERSOON_FIELDS = ['nummer', 'initialen', 'roepnaam', 'tussenvoegsel', 'achternaam', 'functie', 'fractielabel'] as const;

function fractieRef(f: TkEntity): TkFractieRef {
  return {
    id: f.id,
    afkorting: tkText(f, 'afkorting') ?? tkText(f, 'naamNl') ?? f.id,
    naam: tkText(f, 'naamNl') ?? tkText(f, 'afkorting') ?? f.id,
    zetels: num(tkText(f, 'aantalZetels')),
    url: fractieUrl(f.id),
  };
}

function commissieRef(c: TkEntity): TkCommissieRef {
  return {
    id: c.id,
    afkorting: tkText(c, 'afkorting'),
    naam: tkText(c, 'naamWebNl') ?? tkText(c, 'naamNl') ?? tkText(c, 'afkorting') ?? c.id,
    url: commissieUrl(c.id),
  };
}

function zaakRef(z: TkEntity): TkZaakRef {
  const nummer = tkText(z, 'nummer');
  return {
    id: z.id,
    nummer,
    soort: tkText(z, 'soort'),
    onderwerp: tkText(z, 'onderwerp') ?? tkText(z, 'titel'),
    gestartOp: day(tkText(z, 'gestartOp')),
    afgedaan: truthy(tkText(z, 'afgedaan')),
    status: tkText(z, 'status'),
    url: zaakUrl(nummer ?? z.id),
  };
}

/** Decisions somebody voted on: a Stemming refers to them. */
const VOTED = { ref: 'besluit', category: 'Stemming' } as const;
/** A decision is dated by the activity it was taken in, through its agenda item. */
const BESLUIT_VIA = { refs: ['agendapunt', 'activiteit'], category: 'Activiteit' };
/** Decisions of one day in the order of their zaak's number. */
const BY_ZAAK_NUMMER = { ref: 'zaak', field: 'nummer' };

/** The latest entities of a category by update time. */
async function latest(s: TkServices, category: string, extra: Partial<TkListQuery> = {}): Promise<TkEntity[]> {
  return (await s.tk.listOrdered({ category, ...extra, limit: LATEST })).items;
}

// ---- /kamer ---------------------------------------------------------------------------

export interface KamerOverviewData {
  counts: { category: string; count: number }[];
  documenten: (TkDocRef & { updated: string | null })[];
  zaken: (TkZaakRef & { updated: string | null })[];
  activiteiten: (TkActiviteitRef & { updated: string | null })[];
  besluiten: (TkBesluitRef & { updated: string | null })[];
  /**
   * Decisions with votes, latest first; when no decision with votes is stored (a partial sync,
   * such as a sample of the feed), the votes whose decision is not stored, as `/stemmingen`
   * lists them. Not looked for otherwise: the page reads the same whatever the archive holds.
   */
  stemmingen: (TkBesluitRef & { updated: string | null })[];
}

/** What is new in the Kamer: the latest documents, zaken, activities, decisions and votes by `updated`. */
export async function getKamerOverview(s: TkServices): Promise<KamerOverviewData> {
  const ctx = new Ctx(s);
  const [docs, zaken, acts, besluiten, gestemd, counts] = await Promise.all([
    latest(s, 'Document'),
    latest(s, 'Zaak'),
    latest(s, 'Activiteit'),
    latest(s, 'Besluit'),
    latest(s, 'Besluit', { referredBy: VOTED }),
    s.tk.countByCategory(),
  ]);
  const besluit = async (b: TkEntity) => ({ ...(await ctx.besluit(b)), updated: b.updated });
  return {
    counts,
    documenten: await Promise.all(docs.map(async (d) => ({ ...(await ctx.doc(d)), updated: d.updated }))),
    zaken: zaken.map((z) => ({ ...zaakRef(z), updated: z.updated })),
    activiteiten: await Promise.all(acts.map(async (a) => ({ ...(await ctx.activiteit(a)), updated: a.updated }))),
    besluiten: await Promise.all(besluiten.map(besluit)),
    stemmingen: [
      ...(await Promise.all(gestemd.map(besluit))),
      ...(gestemd.length === 0 ? (await votesWithoutBesluit(s, ctx)).map((b) => ({ ...b, updated: null })) : []),
    ].slice(0, LATEST),
  };
}

// ---- /activiteiten ----------------------------------------------------------------------

export interface AgendaGroup {
  commissie: { id: string | null; naam: string; url: string | null };
  activiteiten: TkActiviteitRef[];
}

export interface AgendaData {
  today: string;
  total: number;
  /** Per committee (the plenary and activities without a committee last), each by date and time. */
  groups: AgendaGroup[];
  ongepland: number;
  /** When the agenda is longer than one page: the day it goes on from (`?today=`); else null. */
  verder: string | null;
  /**
   * The latest activities before `today`, newest first (at most `AGENDA_EARLIER`): what just
   * happened, and something to show when nothing is planned (a partial or paused sync).
   */
  eerder: TkActiviteitRef[];
  /** The day the agenda is read from to see `eerder` in full (`?today=`); null when none. */
  eerderVanaf: string | null;
}

const AGENDA_EARLIER = 10;

const NO_COMMISSIE = 'Plenair en overig';

/** The agenda from `today` on, grouped per committee in order of each committee's first activity. */
export async function getAgenda(s: TkServices, today: string): Promise<AgendaData> {
  checkDay(today);
  const ctx = new Ctx(s);
  const [page, total, ongepland, before] = await Promise.all([
    // One more than a page: whether the day the page ends on goes on past it.
    s.tk.listOrdered({ category: 'Activiteit', order: 'day', direction: 'asc', from: today, limit: AGENDA_MAX + 1 }),
    s.tk.countEntities({ category: 'Activiteit', order: 'day', from: today }),
    s.tk.countEntities({ category: 'Activiteit', order: 'day', dated: false }),
    s.tk.listOrdered({ category: 'Activiteit', order: 'day', direction: 'desc', to: today, dated: true, limit: AGENDA_EARLIER }),
  ]);
  const eerder = (await Promise.all(before.items.map((a) => ctx.activiteit(a)))).sort(
    (a, b) => newest(a.datum, b.datum) || newest(a.aanvangstijd, b.aanvangstijd) || byText(a.onderwerp, b.onderwerp) || a.id.localeCompare(b.id),
  );
  let entities = page.items;
  let verder: string | null = null;
  if (entities.length > AGENDA_MAX) {
    const dayOf = (e: TkEntity) => day(tkText(e, 'datum'));
    verder = dayOf(entities[AGENDA_MAX]!);
    entities = entities.slice(0, AGENDA_MAX);
    // A day cut in two goes whole to the next page; a day longer than a page is shown cut.
    const whole = entities.filter((e) => dayOf(e) !== verder);
    if (whole.length) entities = whole;
    else if (verder) verder = nextDay(verder);
  }
  const planned = (await Promise.all(entities.map((a) => ctx.activiteit(a)))).sort(
    (a, b) => byText(a.datum, b.datum) || byText(a.aanvangstijd, b.aanvangstijd) || byText(a.onderwerp, b.onderwerp) || a.id.localeCompare(b.id),
  );
  const groups = new Map<string, AgendaGroup>();
  for (const a of planned) {
    const key = a.commissie?.id ?? a.commissie?.naam ?? NO_COMMISSIE;
    let g = groups.get(key);
    if (!g) {
      const naam = a.commissie?.naam ?? NO_COMMISSIE;
      groups.set(key, (g = { commissie: { id: a.commissie?.id ?? null, naam, url: a.commissie?.id ? commissieUrl(a.commissie.id) : null }, activiteiten: [] }));
    }
    g.activiteiten.push(a);
  }
  const ordered = [...groups.values()].sort((a, b) => Number(a.commissie.naam === NO_COMMISSIE) - Number(b.commissie.naam === NO_COMMISSIE));
  return { today, total: total.count, groups: ordered, ongepland: ongepland.count, verder, eerder, eerderVanaf: eerder.at(-1)?.datum ?? null };
}

export interface UnplannedData {
  total: number;
  activiteiten: TkActiviteitRef[];
}

/** Activities without a date (requested, not yet planned), by committee and subject. */
export async function getUnplanned(s: TkServices): Promise<UnplannedData> {
  const ctx = new Ctx(s);
  const [page, total] = await Promise.all([
    s.tk.listOrdered({ category: 'Activiteit', order: 'day', dated: false, limit: UNPLANNED_MAX }),
    s.tk.countEntities({ category: 'Activiteit', order: 'day', dated: false }),
  ]);
  const items = (await Promise.all(page.items.map((a) => ctx.activiteit(a)))).sort(
    (a, b) => byText(a.commissie?.naam ?? null, b.commissie?.naam ?? null) || byText(a.onderwerp, b.onderwerp) || a.id.localeCompare(b.id),
  );
  return { total: total.count, activiteiten: items };
}

export interface ActorRow {
  naam: string;
  relatie: string | null;
  functie: string | null;
  fractie: string | null;
  /** Link to the person, party or committee the actor is, when known. */
  url: string | null;
}

async function actorRow(ctx: Ctx, e: TkEntity): Promise<ActorRow> {
  const [persoon, fractie, commissie] = await Promise.all([ctx.personById(tkRef(e, 'persoon')), ctx.fractie(tkRef(e, 'fractie')), ctx.commissie(tkRef(e, 'commissie'))]);
  return {
    naam: persoon?.naam ?? tkText(e, 'actorNaam') ?? commissie?.naam ?? fractie?.afkorting ?? '?',
    relatie: tkText(e, 'relatie'),
    functie: tkText(e, 'functie'),
    fractie: tkText(e, 'actorFractie') ?? persoon?.fractie ?? null,
    url: persoon?.url ?? commissie?.url ?? fractie?.url ?? null,
  };
}

export interface AgendapuntRow {
  id: string;
  nummer: string | null;
  onderwerp: string | null;
  rubriek: string | null;
  volgorde: number | null;
  besluiten: TkBesluitRef[];
}

export interface KamerToezeggingRow {
  id: string;
  nummer: string | null;
  tekst: string | null;
  /** Who promised: `Zs. Szabó (staatssecretaris …)`. */
  door: string;
  ministerie: string | null;
  status: string | null;
  datumNakoming: string | null;
  aangemaakt: string | null;
  /** Open and past its deadline on `today`. */
  verlopen: boolean;
  /**
   * The same promise as kamerlens found it in a document (linked by the promise pass) and the
   * stored letter that kept it; null when the promise pass has not seen it.
   */
  belofte: {
    stand: KeptState;
    gekoppeld: { document: { id: string; titel: string; url: string }; tekst: string; waarom: string[] } | null;
    nagekomen: { document: { id: string; titel: string; datum: string | null; url: string }; bewijs: string; zin: string | null } | null;
  } | null;
  aan: { naam: string; url: string } | null;
  activiteit: { id: string; nummer: string | null; onderwerp: string | null; url: string } | null;
}

export interface ActiviteitData {
  /** When the Kamer last changed this entity: UTC, ISO 8601 (`…Z`); pages show it in Amsterdam time. */
  bijgewerkt: string | null;
  activiteit: TkActiviteitRef & { besloten: boolean; noot: string | null; vergaderjaar: string | null; zaal: string | null };
  actoren: ActorRow[];
  agendapunten: AgendapuntRow[];
  zaken: TkZaakRef[];
  documenten: TkDocRef[];
  toezeggingen: KamerToezeggingRow[];
  /** What was said there: the debate item in the reports of the sitting. */
  verslagen: ActiviteitVerslag[];
}

/** One activity: its committee, participants, agenda items with decisions, zaken, documents and commitments. */
export async function getActiviteit(s: TkServices, id: string, today: string): Promise<ActiviteitData> {
  checkDay(today);
  const e = await entityOf(s, id, 'Activiteit', 'activiteit');
  const ctx = new Ctx(s);
  const refs = await ctx.refsTo(e.id);
  const from = (category: string, name: string) => ctx.loadAll(refs.filter((r) => r.otherCategory === category && r.name === name).map((r) => r.fromId));
  const [actoren, agendapunten, zaken, docs, toezeggingen, reserveringen] = await Promise.all([
    from('ActiviteitActor', 'activiteit'),
    from('Agendapunt', 'activiteit'),
    from('Zaak', 'activiteit'),
    from('Document', 'activiteit'),
    from('Toezegging', 'activiteit'),
    from('Reservering', 'activiteit'),
  ]);
  const zaal = reserveringen.length ? await ctx.get(tkRef(reserveringen[0]!, 'zaal')) : null;
  const punten: AgendapuntRow[] = await Promise.all(
    agendapunten.map(async (p) => ({
      id: p.id,
      nummer: tkText(p, 'nummer'),
      onderwerp: tkText(p, 'onderwerp'),
      rubriek: tkText(p, 'rubriek'),
      volgorde: num(tkText(p, 'volgorde')),
      besluiten: await Promise.all((await ctx.pointing(p.id, 'agendapunt', 'Besluit')).map((b) => ctx.besluit(b))),
    })),
  );
  punten.sort((a, b) => (a.volgorde ?? 0) - (b.volgorde ?? 0));
  // Zaken on the agenda are also reachable through the decisions on it.
  const zaakIds = new Set(zaken.map((z) => z.id));
  const viaBesluit = punten.flatMap((p) => p.besluiten).map((b) => b.zaak?.id).filter((id): id is string => !!id && !zaakIds.has(id));
  for (const z of await ctx.loadAll(viaBesluit)) {
    if (zaakIds.has(z.id)) continue;
    zaakIds.add(z.id);
    zaken.push(z);
  }
  const actorRows = await Promise.all(
    actoren.sort((a, b) => (num(tkText(a, 'volgorde')) ?? 0) - (num(tkText(b, 'volgorde')) ?? 0)).map((a) => actorRow(ctx, a)),
  );
  return {
    bijgewerkt: e.updated,
    activiteit: {
      ...(await ctx.activiteit(e)),
      besloten: truthy(tkText(e, 'besloten')),
      noot: tkText(e, 'noot'),
      vergaderjaar: tkText(e, 'vergaderjaar'),
      zaal: zaal ? tkText(zaal, 'naam') : null,
    },
    actoren: actorRows,
    agendapunten: punten,
    zaken: zaken.map(zaakRef),
    documenten: await Promise.all(docs.map((d) => ctx.doc(d))),
    toezeggingen: await Promise.all(toezeggingen.map((t) => toezeggingRow(ctx, t, today))),
    verslagen: await verslagenVanActiviteit(s, e.id),
  };
}

// ---- /besluiten, /stemmingen ----------------------------------------------------------

export interface BesluitenData extends Paged<TkBesluitRef> {}

/**
 * Every decision, newest activity first and by zaak number within a day, with its zaak and
 * vote tally. Decisions whose activity is unknown come last, latest update first.
 */
export async function listBesluiten(s: TkServices, page: number | PageRequest = 1): Promise<BesluitenData> {
  const ctx = new Ctx(s);
  const total = await s.tk.countEntities({ category: 'Besluit' });
  return mapPaged(await listPage(s, { category: 'Besluit', via: BESLUIT_VIA, thenBy: BY_ZAAK_NUMMER }, page, total), (b) => ctx.besluit(b));
}

/** Every decision that was voted on, in the same order. */
export type StemmingenData = Paged<TkBesluitRef> & {
  /**
   * Votes whose decision is not stored (a partial sync, such as a sample of the feed, or one
   * still under way): per decision id, with their tally. Looked for only when fewer decisions
   * with votes are stored than fill a page; else empty.
   */
  zonderBesluit: TkBesluitRef[];
};

/** How many votes are read to find those whose decision is not stored. */
const ORPHAN_VOTES_READ = 500;

export async function listStemmingen(s: TkServices, page: number | PageRequest = 1): Promise<StemmingenData> {
  const ctx = new Ctx(s);
  const total = await s.tk.countEntities({ category: 'Besluit', referredBy: VOTED }, COUNT_MAX);
  const paged = await mapPaged(await listPage(s, { category: 'Besluit', via: BESLUIT_VIA, thenBy: BY_ZAAK_NUMMER, referredBy: VOTED }, page, total), (b) => ctx.besluit(b));
  const zonderBesluit = paged.page === 1 && total.count < TK_PAGE_SIZE ? await votesWithoutBesluit(s, ctx) : [];
  return { ...paged, zonderBesluit };
}

/** Votes whose decision is not stored (StemmingenData.zonderBesluit), per decision, newest first. */
async function votesWithoutBesluit(s: TkServices, ctx: Ctx): Promise<TkBesluitRef[]> {
  const votes = (await s.tk.listEntities({ category: 'Stemming', limit: ORPHAN_VOTES_READ })).items;
  const ids = [...new Set(votes.map((v) => tkRef(v, 'besluit')).filter((id): id is string => !!id))];
  const stored = await s.tk.getEntities(ids);
  const missing = ids.filter((id) => !stored.has(id.toLowerCase()));
  const out = (await Promise.all(missing.map((id) => ctx.besluitFromVotes(id)))).filter((b): b is TkBesluitRef => b !== null);
  return out.sort((a, b) => newest(a.datum, b.datum) || a.id.localeCompare(b.id));
}

export interface StemmingData {
  besluit: TkBesluitRef & { tally: TkTally };
  /** Every decision with votes on the same zaak (a motie voted on twice, an amended one). */
  andere: TkBesluitRef[];
}

/**
 * The vote on one decision. `key` is the decision's GUID, or a zaak number/GUID (a motie):
 * then its latest decision with votes.
 */
export async function getStemming(s: TkServices, key: string): Promise<StemmingData> {
  const ctx = new Ctx(s);
  const guid = GUID_KEY.test(key);
  let besluit = key.length <= MAX_ID ? await s.tk.getEntity(key) : null;
  if (guid && !besluit) {
    // Votes whose decision was not synced (yet) are still a vote.
    const fromVotes = await ctx.besluitFromVotes(key);
    if (fromVotes) return { besluit: fromVotes as TkBesluitRef & { tally: TkTally }, andere: [] };
  }
  let zaak: TkEntity | null = besluit?.category === 'Zaak' ? besluit : null;
  if (besluit && besluit.category !== 'Besluit') besluit = null;
  if (!besluit && !zaak) zaak = await findZaak(s, key);
  const candidates: TkBesluitRef[] = [];
  const besluitenOver = async (zaakId: string) => Promise.all((await ctx.pointing(zaakId, 'zaak', 'Besluit')).map((b) => ctx.besluit(b)));
  if (zaak) candidates.push(...(await besluitenOver(zaak.id)));
  const chosen = besluit ? await ctx.besluit(besluit) : candidates.filter((b) => b.tally).sort((a, b) => newest(a.datum, b.datum))[0];
  if (!chosen || !chosen.tally) throw new KamerlensError('NOT_FOUND', `Geen stemming over "${key}" in de open data`, { record: key });
  if (!zaak && chosen.zaak) candidates.push(...(await besluitenOver(chosen.zaak.id)));
  return {
    besluit: chosen as TkBesluitRef & { tally: TkTally },
    andere: candidates.filter((b) => b.id !== chosen.id && b.tally),
  };
}

// ---- /commissies -----------------------------------------------------------------------

export interface CommissieRow extends TkCommissieRef {
  soort: string | null;
  leden: number;
}

export interface CommissiesData {
  commissies: CommissieRow[];
}

/** Committee seat holders: current permanent members and substitutes (seat → person). */
async function commissieLeden(ctx: Ctx, commissieId: string) {
  const zetels = await ctx.pointing(commissieId, 'commissie', 'CommissieZetel');
  const out: { persoon: TkPersonRef; functie: string | null; vervanger: boolean; van: string | null }[] = [];
  // Every seat's holders at once, then read in seat and category order.
  const categories = ['CommissieZetelVastPersoon', 'CommissieZetelVervangerPersoon'];
  const holders = await Promise.all(
    zetels.flatMap((z) =>
      categories.map(async (category) => {
        const leden = (await ctx.pointing(z.id, 'commissieZetel', category)).filter((lid) => !tkText(lid, 'totEnMet'));
        const personen = await Promise.all(leden.map((lid) => ctx.personById(tkRef(lid, 'persoon'))));
        return leden.map((lid, i) => ({ lid, category, persoon: personen[i]! }));
      }),
    ),
  );
  for (const { lid, category, persoon } of holders.flat()) {
    if (persoon) out.push({ persoon, functie: tkText(lid, 'functie'), vervanger: category.includes('Vervanger'), van: day(tkText(lid, 'van')) });
  }
  // The chair first, then members, then substitutes; by name within each.
  const rank = (m: (typeof out)[number]) => (m.vervanger ? 3 : /voorzitter/i.test(m.functie ?? '') ? (/vice/i.test(m.functie ?? '') ? 1 : 0) : 2);
  return out.sort((a, b) => rank(a) - rank(b) || byText(a.persoon.naam, b.persoon.naam));
}

/** Every committee with its number of current members. */
export async function listCommissies(s: TkServices): Promise<CommissiesData> {
  const ctx = new Ctx(s);
  const active = (await readFields(s, 'Commissie', COMMISSIE_FIELDS)).filter((c) => !tkText(c, 'datumInactief'));
  const rows: CommissieRow[] = await Promise.all(active.map(async (c) => ({ ...commissieRef(c), soort: tkText(c, 'soort'), leden: (await commissieLeden(ctx, c.id)).length })));
  return { commissies: rows.sort((a, b) => byText(a.naam, b.naam)) };
}

/** Resolves a committee or party by GUID or by its `afkorting` (`DiZa`, `VVD`; any case). */
async function byIdOrAfkorting(s: TkServices, key: string, category: 'Commissie' | 'Fractie', what: string): Promise<TkEntity> {
  if (GUID_KEY.test(key)) return entityOf(s, key, category, what);
  const lower = key.toLowerCase();
  const hit = (await readFields(s, category, ['afkorting'])).find((e) => (tkText(e, 'afkorting') ?? '').toLowerCase() === lower);
  // Not an abbreviation: an id of another form, as the list pages link to one without any.
  return entityOf(s, hit?.id ?? key, category, what);
}

const COMMISSIE_LATEST = 50;

export interface CommissieData {
  /** When the Kamer last changed this entity: UTC, ISO 8601 (`…Z`); pages show it in Amsterdam time. */
  bijgewerkt: string | null;
  commissie: TkCommissieRef & { naamOfficieel: string | null; soort: string | null; nummer: string | null };
  leden: { persoon: TkPersonRef; functie: string | null; vervanger: boolean; van: string | null }[];
  zaken: (TkZaakRef & { relatie: string | null })[];
  activiteiten: TkActiviteitRef[];
}

/** One committee: its members with their party, the zaken it leads and its activities (newest first). */
export async function getCommissie(s: TkServices, key: string): Promise<CommissieData> {
  const c = await byIdOrAfkorting(s, key, 'Commissie', 'commissie');
  const ctx = new Ctx(s);
  // The committee's part in zaken (ZaakActor), by the zaak's start: the latest 50.
  const [zaakActors, acts] = await Promise.all([
    s.tk.listOrdered({ category: 'ZaakActor', via: { refs: ['zaak'], category: 'Zaak' }, refersTo: { ref: 'commissie', id: c.id }, limit: COMMISSIE_LATEST }),
    s.tk.listOrdered({ category: 'Activiteit', order: 'day', refersTo: { ref: 'voortouwcommissie', id: c.id }, limit: COMMISSIE_LATEST }),
  ]);
  const zaken: CommissieData['zaken'] = [];
  const zaakOf = await Promise.all(zaakActors.items.map((za) => ctx.get(tkRef(za, 'zaak'))));
  zaakActors.items.forEach((za, i) => {
    const z = zaakOf[i];
    if (z) zaken.push({ ...zaakRef(z), relatie: tkText(za, 'relatie') });
  });
  return {
    bijgewerkt: c.updated,
    commissie: { ...commissieRef(c), naamOfficieel: tkText(c, 'naamNl'), soort: tkText(c, 'soort'), nummer: tkText(c, 'nummer') },
    leden: await commissieLeden(ctx, c.id),
    zaken,
    activiteiten: await Promise.all(acts.items.map((a) => ctx.activiteit(a))),
  };
}

// ---- /personen -------------------------------------------------------------------------

export interface PersonenData extends Paged<TkPersonRef> {
  filter: { fractie: string | null };
  /** The parties to filter by, with their number of people. */
  fracties: (TkFractieRef & { personen: number })[];
}

/** People (MPs and cabinet members), by surname; `fractie` (GUID or afkorting) narrows to one party. */
export async function listPersonen(s: TkServices, options: { fractie?: string | null; page?: number } = {}): Promise<PersonenData> {
  const page = options.page ?? 1;
  checkPage(page);
  const ctx = new Ctx(s);
  const personen = await readFields(s, 'Persoon', PERSOON_FIELDS);
  const all = await Promise.all(personen.map((p) => ctx.person(p)));
  const surname = new Map(personen.map((p) => [p.id, tkText(p, 'achternaam')]));
  all.sort((a, b) => byText(surname.get(a.id) ?? a.naam, surname.get(b.id) ?? b.naam) || byText(a.naam, b.naam));
  const fracties = [...(await ctx.allFracties()).values()].map(fractieRef).map((f) => ({ ...f, personen: all.filter((p) => p.fractieId === f.id).length }));
  const wanted = options.fractie?.trim() || null;
  let items = all;
  if (wanted) {
    const f = fracties.find((x) => x.id === wanted.toLowerCase() || x.afkorting.toLowerCase() === wanted.toLowerCase());
    items = all.filter((p) => (f ? p.fractieId === f.id : false) || (p.fractie ?? '').toLowerCase() === wanted.toLowerCase());
  }
  return { ...paginate(items, page), filter: { fractie: wanted }, fracties: fracties.sort((a, b) => (b.zetels ?? 0) - (a.zetels ?? 0)) };
}

export interface GeschenkRow {
  id: string;
  omschrijving: string | null;
  datum: string | null;
  persoon: TkPersonRef | null;
}

export interface PersoonData {
  /** When the Kamer last changed this entity: UTC, ISO 8601 (`…Z`); pages show it in Amsterdam time. */
  bijgewerkt: string | null;
  persoon: TkPersonRef & { initialen: string | null; voornamen: string | null; geslacht: string | null; woonplaats: string | null; nummer: string | null };
  fractie: TkFractieRef | null;
  commissies: { commissie: TkCommissieRef; functie: string | null }[];
  /** Documents they signed or are otherwise an actor of, newest first. */
  documenten: (TkDocRef & { relatie: string | null })[];
  /** Zaken they are an actor of (indiener, …), newest first. */
  zaken: (TkZaakRef & { relatie: string | null })[];
  /** Written questions they asked (a subset of `zaken`). */
  vragen: (TkZaakRef & { beantwoord: boolean })[];
  activiteiten: (TkActiviteitRef & { relatie: string | null })[];
  /** Commitments made to them, and commitments they made as a minister (matched by name). */
  toezeggingen: { aan: KamerToezeggingRow[]; door: KamerToezeggingRow[] };
  geschenken: GeschenkRow[];
  nevenfuncties: { omschrijving: string | null; actief: boolean; van: string | null; totEnMet: string | null }[];
  /** Their votes in roll-call votes. */
  stemmen: { soort: string | null; besluit: TkBesluitRef }[];
  /** What they said in debates (from the reports of sittings): turns and minutes per debate item. */
  bijdragen: PersoonBijdrage[];
}

const WRITTEN_QUESTIONS = 'Schriftelijke vragen';

/** One person: party, committees, documents, zaken and questions, activities, commitments, gifts. */
export async function getPersoon(s: TkServices, id: string, today: string): Promise<PersoonData> {
  checkDay(today);
  const e = await entityOf(s, id, 'Persoon', 'persoon');
  const ctx = new Ctx(s);
  const v = tkPersoonView(e);
  const person = await ctx.person(e);
  const refs = await ctx.refsTo(e.id);
  const of = (category: string, name = 'persoon') => ctx.loadAll(refs.filter((r) => r.otherCategory === category && r.name === name).map((r) => r.fromId));
  /** For each actor row, what its reference `name` points at (all at once), paired in order; missing ones left out. */
  const each = async <T>(rows: TkEntity[], name: string, fn: (row: TkEntity, other: TkEntity) => Promise<T>): Promise<T[]> => {
    const got = await Promise.all(rows.map(async (r) => {
      const other = await ctx.get(tkRef(r, name));
      return other ? [await fn(r, other)] : [];
    }));
    return got.flat();
  };

  const commissies: PersoonData['commissies'] = [];
  for (const category of ['CommissieZetelVastPersoon', 'CommissieZetelVervangerPersoon']) {
    const leden = (await of(category)).filter((lid) => !tkText(lid, 'totEnMet'));
    const rows = await each(leden, 'commissieZetel', async (lid, zetel) => ({ lid, c: await ctx.commissie(tkRef(zetel, 'commissie')) }));
    for (const { lid, c } of rows) {
      if (c) commissies.push({ commissie: c, functie: (category.includes('Vervanger') ? 'Plaatsvervangend lid' : null) ?? tkText(lid, 'functie') });
    }
  }
  const documenten: PersoonData['documenten'] = await each(await of('DocumentActor'), 'document', async (a, d) => ({ ...(await ctx.doc(d)), relatie: tkText(a, 'relatie') }));
  documenten.push(...(await signedInArchive(s, ctx, e, documenten)));
  const zaken: PersoonData['zaken'] = await each(await of('ZaakActor'), 'zaak', async (a, z) => ({ ...zaakRef(z), relatie: tkText(a, 'relatie') }));
  const vragen: PersoonData['vragen'] = await Promise.all(
    zaken
      .filter((z) => z.soort === WRITTEN_QUESTIONS && /indiener/i.test(z.relatie ?? ''))
      .map(async (z) => ({ ...z, beantwoord: (await answerState(ctx, z.id)).beantwoord })),
  );
  const activiteiten: PersoonData['activiteiten'] = await each(await of('ActiviteitActor'), 'activiteit', async (a, act) => ({ ...(await ctx.activiteit(act)), relatie: tkText(a, 'relatie') }));
  // The register names the minister who promised by name, not by reference.
  const door = v.achternaam
    ? (await lookup(s, 'Toezegging', 'naam', v.achternaam)).filter((t) => {
        const ini = tkText(t, 'initialen');
        return !ini || !v.initialen || ini.replace(/\s/g, '') === v.initialen.replace(/\s/g, '');
      })
    : [];
  const stemmen: PersoonData['stemmen'] = await each(await of('Stemming'), 'besluit', async (st, b) => ({ soort: tkText(st, 'soort'), besluit: await ctx.besluit(b) }));
  const fractie = await ctx.fractie(person.fractieId);
  return {
    bijgewerkt: e.updated,
    persoon: { ...person, initialen: v.initialen, voornamen: tkText(e, 'voornamen'), geslacht: tkText(e, 'geslacht'), woonplaats: tkText(e, 'woonplaats'), nummer: v.nummer },
    fractie,
    commissies,
    documenten: documenten.sort((a, b) => newest(a.datum, b.datum)),
    zaken: zaken.sort((a, b) => newest(a.gestartOp, b.gestartOp)),
    vragen,
    activiteiten: activiteiten.sort((a, b) => newest(a.datum, b.datum)),
    toezeggingen: {
      aan: await Promise.all((await of('Toezegging', 'toegezegdAanPersoon')).map((t) => toezeggingRow(ctx, t, today))),
      door: await Promise.all(door.map((t) => toezeggingRow(ctx, t, today))),
    },
    geschenken: (await of('PersoonGeschenk')).map((g) => geschenkRow(g, person)).sort((a, b) => newest(a.datum, b.datum)),
    nevenfuncties: (await of('PersoonNevenfunctie')).map((n) => ({
      omschrijving: tkText(n, 'omschrijving'),
      actief: truthy(tkText(n, 'isActief')),
      van: tkText(n, 'periode.van'),
      totEnMet: tkText(n, 'periode.totEnMet'),
    })),
    stemmen: stemmen.sort((a, b) => newest(a.besluit.datum, b.besluit.datum)),
    bijdragen: await bijdragenVan(s, e.id),
  };
}

/**
 * Documents in the archive that this person signed or moved, by the signatures the parser
 * read (a motion imported by hand, a letter): those with a signer of their surname, kept when
 * the signature matches this person and nobody else (matchKamerPersons).
 */
async function signedInArchive(s: TkServices, ctx: Ctx, e: TkEntity, known: PersoonData['documenten']): Promise<PersoonData['documenten']> {
  const achternaam = tkText(e, 'achternaam');
  if (!s.structure || !achternaam) return [];
  const listed = new Set(known.map((d) => d.documentUrl).filter(Boolean));
  const out: PersoonData['documenten'] = [];
  // Newest first; a surname shared by many signers is bounded.
  const docs: DocRef[] = (await s.structure.documentsWithKey(signerKey(achternaam))).reverse().slice(0, ARCHIVE_MAX);
  // Their signatories from one read, not one stored version (with its text) per document.
  const structures = await s.store.currentStructures(docs.filter((d) => !listed.has(documentUrl(d.id))).map((d) => d.id));
  for (const doc of docs) {
    const url = documentUrl(doc.id);
    if (listed.has(url)) continue;
    const structure = structures.get(doc.id);
    if (!structure) continue;
    const matched = await matchKamerPersons(s.tk, structure.signatories, doc.kind, (a) => ctx.byAchternaam(a));
    const mine = matched.find((m) => m.persoon.id === e.id);
    if (!mine) continue;
    listed.add(url);
    const ks = structure.kamerstuk;
    out.push({
      id: doc.id, nummer: null, soort: null, titel: doc.title, onderwerp: null, datum: doc.date,
      volgnummer: ks ? Number(ks.number) : null, documentUrl: url, kamerUrl: null,
      relatie: doc.kind === 'motie' || doc.kind === 'amendement' ? 'Indiener' : 'Ondertekenaar',
    });
  }
  return out;
}

function geschenkRow(g: TkEntity, persoon: TkPersonRef | null): GeschenkRow {
  return { id: g.id, omschrijving: tkText(g, 'omschrijving'), datum: day(tkText(g, 'datum')), persoon };
}

// ---- /fracties -------------------------------------------------------------------------

export interface FractiesData {
  /** Active parties, largest first. */
  fracties: (TkFractieRef & { naamEn: string | null; leden: number })[];
  zetels: number;
}

/** Every active party with its seats and the members kamerlens knows. */
export async function listFracties(s: TkServices): Promise<FractiesData> {
  const ctx = new Ctx(s);
  const seats = await ctx.personFracties();
  const rows = [...(await ctx.allFracties()).values()]
    .filter((f) => !tkText(f, 'datumInactief'))
    .map((f) => ({ ...fractieRef(f), naamEn: tkText(f, 'naamEn'), leden: [...seats.values()].filter((x) => x === f.id).length }))
    .sort((a, b) => (b.zetels ?? 0) - (a.zetels ?? 0) || byText(a.afkorting, b.afkorting));
  return { fracties: rows, zetels: rows.reduce((n, f) => n + (f.zetels ?? 0), 0) };
}

export interface FractieData {
  /** When the Kamer last changed this entity: UTC, ISO 8601 (`…Z`); pages show it in Amsterdam time. */
  bijgewerkt: string | null;
  fractie: TkFractieRef & { naamEn: string | null; aantalStemmen: number | null; datumActief: string | null; datumInactief: string | null };
  leden: { persoon: TkPersonRef; functie: string | null; van: string | null }[];
  /** How the party voted, newest first. */
  stemmen: { soort: string | null; besluit: TkBesluitRef }[];
  /** Commitments the government made to this party (the register's "toegezegd aan"), newest first. */
  toezeggingen: KamerToezeggingRow[];
}

const FRACTIE_VOTES = 200;
const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** One party: seats, members (the leader first), how it voted (the latest votes). */
export async function getFractie(s: TkServices, key: string, today: string): Promise<FractieData> {
  checkDay(today);
  const f = await byIdOrAfkorting(s, key, 'Fractie', 'fractie');
  const ctx = new Ctx(s);
  const inactief = day(tkText(f, 'datumInactief'));
  const leden: FractieData['leden'] = [];
  // Every seat's holders at once, then read in seat order.
  const zetels = await ctx.pointing(f.id, 'fractie', 'FractieZetel');
  const holders = (await Promise.all(zetels.map((z) => ctx.pointing(z.id, 'fractieZetel', 'FractieZetelPersoon')))).flat().filter((l) => !tkText(l, 'totEnMet'));
  const personen = await Promise.all(holders.map((l) => ctx.personById(tkRef(l, 'persoon'))));
  holders.forEach((l, i) => {
    const persoon = personen[i];
    if (persoon) leden.push({ persoon, functie: tkText(l, 'functie'), van: day(tkText(l, 'van')) });
  });
  leden.sort((a, b) => Number(!/voorzitter/i.test(a.functie ?? '')) - Number(!/voorzitter/i.test(b.functie ?? '')) || byText(a.persoon.naam, b.persoon.naam));
  // Its latest votes by the day of the decision; a party that is gone is looked for before its end.
  const votes = await s.tk.listOrdered({
    category: 'Stemming',
    via: { refs: ['besluit', ...BESLUIT_VIA.refs], category: 'Activiteit' },
    refersTo: { ref: 'fractie', id: f.id },
    where: [{ field: 'vergissing', value: 'true', not: true }],
    ...(inactief ? { to: nextDay(inactief) } : {}),
    limit: FRACTIE_VOTES,
  });
  const stemmen: FractieData['stemmen'] = (
    await Promise.all(votes.items.map(async (st) => {
      const b = await ctx.get(tkRef(st, 'besluit'));
      return b ? [{ soort: tkText(st, 'soort'), besluit: await ctx.besluit(b) }] : [];
    }))
  ).flat();
  const toezeggingen = await Promise.all((await ctx.pointing(f.id, 'toegezegdAanFractie', 'Toezegging')).map((t) => toezeggingRow(ctx, t, today)));
  toezeggingen.sort((a, b) => newest(a.aangemaakt, b.aangemaakt));
  return {
    bijgewerkt: f.updated,
    fractie: {
      ...fractieRef(f),
      naamEn: tkText(f, 'naamEn'),
      aantalStemmen: num(tkText(f, 'aantalStemmen')),
      datumActief: day(tkText(f, 'datumActief')),
      datumInactief: day(tkText(f, 'datumInactief')),
    },
    leden,
    stemmen,
    toezeggingen,
  };
}

// ---- /dossiers ---------------------------------------------------------------------------

export interface DossierRef {
  id: string;
  /** `21501-33`: nummer and toevoeging, the way kamerstukken are cited. */
  key: string;
  titel: string | null;
  hoogsteVolgnummer: number | null;
  afgesloten: boolean;
  url: string;
}

/** What dossierRef reads. */
const DOSSIER_FIELDS = ['nummer', 'toevoeging', 'titel', 'hoogsteVolgnummer', 'afgesloten'] as const;

function dossierRef(d: TkEntity): DossierRef {
  const nummer = tkText(d, 'nummer') ?? d.id;
  const toevoeging = tkText(d, 'toevoeging');
  const key = toevoeging ? `${nummer}-${toevoeging}` : nummer;
  return {
    id: d.id,
    key,
    titel: tkText(d, 'titel'),
    hoogsteVolgnummer: num(tkText(d, 'hoogsteVolgnummer')),
    afgesloten: truthy(tkText(d, 'afgesloten')),
    url: dossierUrl(key),
  };
}

export interface DossiersData extends Paged<DossierRef & { documenten: number }> {}

/** Every kamerstukdossier by number, with its number of documents. */
export async function listDossiers(s: TkServices, page = 1): Promise<DossiersData> {
  checkPage(page);
  const all = (await readFields(s, 'Kamerstukdossier', DOSSIER_FIELDS)).map(dossierRef).sort((a, b) => a.key.localeCompare(b.key, 'nl', { numeric: true }));
  const paged = paginate(all, page);
  const ctx = new Ctx(s);
  const items = await Promise.all(paged.items.map(async (d) => ({ ...d, documenten: (await ctx.refsTo(d.id, 'kamerstukdossier')).filter((r) => r.otherCategory === 'Document').length })));
  return { ...paged, items };
}

export interface DossierData {
  /** When the Kamer last changed this entity: UTC, ISO 8601 (`…Z`); pages show it in Amsterdam time. */
  bijgewerkt: string | null;
  dossier: DossierRef;
  /**
   * Documents by volgnummer (those without one last, by date): the dossier's timeline. `bron`
   * says whether the Kamer's open data has the document (`kamer`) or only the archive has it,
   * a Kamerstuk imported by hand that the Kamer has not published (yet) (`archief`; its id is
   * the kamerlens document's).
   */
  documenten: (TkDocRef & { zaak: TkZaakRef | null; bron: 'kamer' | 'archief' })[];
  zaken: TkZaakRef[];
}

/** One dossier by `21501-33`, `21501` or GUID: its documents in order, each linked to kamerlens when imported. */
export async function getDossier(s: TkServices, key: string): Promise<DossierData> {
  const d = await findDossier(s, key);
  const ctx = new Ctx(s);
  const refs = await ctx.refsTo(d.id, 'kamerstukdossier');
  const [docs, zaken] = await Promise.all([
    ctx.loadAll(refs.filter((r) => r.otherCategory === 'Document').map((r) => r.fromId)),
    ctx.loadAll(refs.filter((r) => r.otherCategory === 'Zaak').map((r) => r.fromId)),
  ]);
  const documenten: DossierData['documenten'] = await Promise.all(
    docs.map(async (e) => {
      const z = await ctx.get(tkRef(e, 'zaak'));
      return { ...(await ctx.doc(e)), zaak: z ? zaakRef(z) : null, bron: 'kamer' as const };
    }),
  );
  documenten.push(...(await archiveOnly(s, d, documenten)));
  documenten.sort((a, b) => (a.volgnummer ?? Infinity) - (b.volgnummer ?? Infinity) || byText(a.datum, b.datum));
  return { bijgewerkt: d.updated, dossier: dossierRef(d), documenten, zaken: zaken.map(zaakRef).sort((a, b) => byText(a.gestartOp, b.gestartOp)) };
}

/**
 * The dossier's Kamerstukken that the archive holds and the Kamer's timeline lacks: imported
 * by hand under a number (dossier + nr.) no Document entity of the dossier carries, or whose
 * Document's file the archive has under another document (both are listed then, once each).
 */
async function archiveOnly(s: TkServices, d: TkEntity, kamer: DossierData['documenten']): Promise<DossierData['documenten']> {
  const key = tkDossierKey(d);
  if (!s.structure || !key) return [];
  const linked = new Set(kamer.map((x) => x.documentUrl).filter(Boolean));
  const out: DossierData['documenten'] = [];
  // kamerstukKey's form (`kamerstuk:21501-33/1120`) up to the number: every Kamerstuk of the dossier.
  for (const { key: k, document } of await s.structure.documentsWithKeyPrefix(`kamerstuk:${key}/`, ARCHIVE_MAX)) {
    const url = documentUrl(document.id);
    if (linked.has(url)) continue;
    linked.add(url);
    const nr = /\/(\d+)$/.exec(k);
    out.push({
      id: document.id, nummer: null, soort: null, titel: document.title, onderwerp: null, datum: document.date,
      volgnummer: nr ? Number(nr[1]) : null, documentUrl: url, kamerUrl: null, zaak: null, bron: 'archief',
    });
  }
  return out;
}

async function findDossier(s: TkServices, key: string): Promise<TkEntity> {
  if (GUID_KEY.test(key)) return entityOf(s, key, 'Kamerstukdossier', 'dossier');
  const m = /^(\d+)(?:-(.+))?$/.exec(key.trim());
  // Not a dossier number: an id of another form.
  if (!m) return entityOf(s, key, 'Kamerstukdossier', 'dossier');
  const hit = m
    ? (await lookup(s, 'Kamerstukdossier', 'nummer', m[1]!)).find((d) => (tkText(d, 'toevoeging') ?? '').toLowerCase() === (m[2] ?? '').toLowerCase())
    : undefined;
  if (!hit) throw new KamerlensError('NOT_FOUND', `Kamerstukdossier ${key} staat (nog) niet in het archief`, { record: key, missing: missingDossier(key) });
  return hit;
}

// ---- /zaken ------------------------------------------------------------------------------

async function findZaak(s: TkServices, key: string): Promise<TkEntity | null> {
  const byId = async () => {
    const e = key.length <= MAX_ID ? await s.tk.getEntity(key) : null;
    return e?.category === 'Zaak' ? e : null;
  };
  if (GUID_KEY.test(key)) return byId();
  const r = await s.tk.listEntities({ category: 'Zaak', field: 'nummer', value: key.toUpperCase(), limit: 1 });
  // Not a zaak number: an id of another form.
  return r.items[0] ?? (await byId());
}

export interface ZaakData {
  /** When the Kamer last changed this entity: UTC, ISO 8601 (`…Z`); pages show it in Amsterdam time. */
  bijgewerkt: string | null;
  zaak: TkZaakRef & { titel: string | null; vergaderjaar: string | null; volgnummer: number | null; organisatie: string | null; kabinetsappreciatie: string | null };
  dossier: DossierRef | null;
  actoren: ActorRow[];
  documenten: TkDocRef[];
  activiteiten: TkActiviteitRef[];
  besluiten: TkBesluitRef[];
}

/** One zaak by number (`2025Z03735`) or GUID: actors, documents, activities, decisions and votes. */
export async function getZaak(s: TkServices, key: string): Promise<ZaakData> {
  const z = await findZaak(s, key);
  if (!z) throw new KamerlensError('NOT_FOUND', `Geen zaak "${key}" in de open data`, { record: key });
  const ctx = new Ctx(s);
  const refs = await ctx.refsTo(z.id);
  const of = (category: string) => ctx.loadAll(refs.filter((r) => r.otherCategory === category && r.name === 'zaak').map((r) => r.fromId));
  const [actoren, docs, besluiten] = await Promise.all([of('ZaakActor'), of('Document'), of('Besluit')]);
  const besluitRefs = await Promise.all(besluiten.map((b) => ctx.besluit(b)));
  // Activities: referenced by the zaak itself, and those the decisions were taken in.
  const acts = new Map<string, TkActiviteitRef>();
  const own = await Promise.all(z.refs.filter((r) => r.name === 'activiteit').map(async (r) => {
    const a = await ctx.get(r.ref);
    return a?.category === 'Activiteit' ? ctx.activiteit(a) : null;
  }));
  for (const a of own) if (a) acts.set(a.id, a);
  for (const b of besluitRefs) if (b.activiteit) acts.set(b.activiteit.id, b.activiteit);
  const dossier = await ctx.get(tkRef(z, 'kamerstukdossier'));
  const docRefs = await Promise.all(docs.map((d) => ctx.doc(d)));
  return {
    bijgewerkt: z.updated,
    zaak: {
      ...zaakRef(z),
      titel: tkText(z, 'titel'),
      vergaderjaar: tkText(z, 'vergaderjaar'),
      volgnummer: num(tkText(z, 'volgnummer')),
      organisatie: tkText(z, 'organisatie'),
      kabinetsappreciatie: tkText(z, 'kabinetsappreciatie'),
    },
    dossier: dossier?.category === 'Kamerstukdossier' ? dossierRef(dossier) : null,
    actoren: await Promise.all(actoren.map((a) => actorRow(ctx, a))),
    documenten: docRefs.sort((a, b) => byText(a.datum, b.datum)),
    activiteiten: [...acts.values()].sort((a, b) => byText(a.datum, b.datum)),
    besluiten: besluitRefs.sort((a, b) => byText(a.datum, b.datum)),
  };
}

// ---- /kamer/toezeggingen -------------------------------------------------------------------

async function toezeggingRow(ctx: Ctx, t: TkEntity, today: string): Promise<KamerToezeggingRow> {
  const naam = [tkText(t, 'initialen'), tkText(t, 'tussenvoegsel'), tkText(t, 'naam') ?? tkText(t, 'achternaam')].filter(Boolean).join(' ');
  const functie = tkText(t, 'functie');
  const status = tkText(t, 'status');
  const datumNakoming = day(tkText(t, 'datumNakoming'));
  // At once: every row of a page then asks the loaders in the same turn (one batch each).
  const [aanPersoon, aanFractie, act, p] = await Promise.all([
    ctx.personById(tkRef(t, 'toegezegdAanPersoon')),
    ctx.fractie(tkRef(t, 'toegezegdAanFractie')),
    ctx.get(tkRef(t, 'activiteit')),
    ctx.registerPromise(t.id, today),
  ]);
  const docLink = (d: { id: string; title: string }) => ({ id: d.id, titel: d.title, url: documentUrl(d.id) });
  return {
    belofte: p
      ? {
          stand: p.kept,
          gekoppeld: p.source === 'both' && p.document ? { document: docLink(p.document), tekst: p.text, waarom: p.link?.reasons ?? [] } : null,
          nagekomen: p.keptBy ? { document: { ...docLink(p.keptBy.document), datum: p.keptBy.document.date }, bewijs: p.keptBy.evidence, zin: p.keptBy.sentence } : null,
        }
      : null,
    id: t.id,
    nummer: tkText(t, 'nummer'),
    tekst: tkText(t, 'tekst'),
    door: naam ? `${naam}${functie ? ` (${functie})` : ''}` : (functie ?? 'onbekend'),
    ministerie: tkText(t, 'ministerie'),
    status,
    datumNakoming,
    aangemaakt: day(tkText(t, 'aanmaakdatum')),
    verlopen: isOpen(status) && datumNakoming !== null && datumNakoming < today,
    aan: aanPersoon ? { naam: aanPersoon.naam, url: aanPersoon.url } : aanFractie ? { naam: aanFractie.afkorting, url: aanFractie.url } : null,
    activiteit: act?.category === 'Activiteit' ? { id: act.id, nummer: tkText(act, 'nummer'), onderwerp: tkText(act, 'onderwerp'), url: activiteitUrl(act.id) } : null,
  };
}

/** The register's statuses: `Openstaand` and `Deels voldaan` are still to be done. */
const isOpen = (status: string | null) => status === null || /openstaand|deels/i.test(status);

export interface KamerToezeggingenData {
  today: string;
  total: number;
  open: number;
  verlopen: number;
  /** This page of the register: open ones first (overdue first, then by deadline), then the rest by creation date. */
  toezeggingen: KamerToezeggingRow[];
  /** Status → count. */
  statussen: { status: string; count: number }[];
  page: number;
  pageSize: number;
  pageCount: number;
}

/** What the register is sorted and counted on, read for every commitment. */
const REGISTER_FIELDS = ['status', 'datumNakoming', 'aanmaakdatum'] as const;

/**
 * The Kamer's register of commitments, with status and deadline relative to `today`, a page
 * at a time. Its order depends on `today` and on statuses no index holds, so the three fields
 * it sorts and counts on are read for the whole register; only the page is read in full.
 */
export async function getKamerToezeggingen(s: TkServices, today: string, page = 1): Promise<KamerToezeggingenData> {
  checkDay(today);
  checkPage(page);
  const ctx = new Ctx(s);
  const keyed = (await readFields(s, 'Toezegging', REGISTER_FIELDS)).map((t) => {
    const status = tkText(t, 'status');
    const datumNakoming = day(tkText(t, 'datumNakoming'));
    const open = isOpen(status);
    return { id: t.id, status, open, datumNakoming, aangemaakt: day(tkText(t, 'aanmaakdatum')), verlopen: open && datumNakoming !== null && datumNakoming < today };
  });
  keyed.sort(
    (a, b) =>
      Number(!a.open) - Number(!b.open) ||
      Number(b.verlopen) - Number(a.verlopen) ||
      byText(a.datumNakoming ?? '9999', b.datumNakoming ?? '9999') ||
      newest(a.aangemaakt, b.aangemaakt),
  );
  const statussen = new Map<string, number>();
  for (const r of keyed) statussen.set(r.status ?? 'onbekend', (statussen.get(r.status ?? 'onbekend') ?? 0) + 1);
  const paged = paginate(keyed, page);
  const rows: KamerToezeggingRow[] = (
    await Promise.all(paged.items.map(async (k) => {
      const t = await ctx.get(k.id);
      return t ? [await toezeggingRow(ctx, t, today)] : [];
    }))
  ).flat();
  return {
    today,
    total: keyed.length,
    open: keyed.filter((r) => r.open).length,
    verlopen: keyed.filter((r) => r.verlopen).length,
    toezeggingen: rows,
    statussen: [...statussen].map(([status, count]) => ({ status, count })),
    page,
    pageSize: paged.pageSize,
    pageCount: paged.pageCount,
  };
}

// ---- /open-vragen ----------------------------------------------------------------------------

/** Whether a written question has its answer (or a delay notice) among the zaak's documents. */
async function answerState(ctx: Ctx, zaakId: string): Promise<{ beantwoord: boolean; uitstel: boolean }> {
  const docs = await ctx.pointing(zaakId, 'zaak', 'Document');
  const soorten = docs.map((d) => tkText(d, 'soort') ?? '');
  return { beantwoord: soorten.some((x) => /^antwoord/i.test(x)), uitstel: soorten.some((x) => /uitstel/i.test(x)) };
}

export interface OpenVraag extends TkZaakRef {
  /** Days since the questions were submitted, on `today`. */
  dagen: number;
  /** More than three weeks without an answer. */
  verlopen: boolean;
  /** The government announced a delay (`Mededeling (uitstelbericht)`). */
  uitstel: boolean;
  indieners: { naam: string; fractie: string | null; url: string | null }[];
  /** The ministers asked (`Gericht aan`), reduced to their ministry where the name says it. */
  ministeries: string[];
}

export interface OpenVragenData {
  today: string;
  total: number;
  verlopen: number;
  /** Oldest first: the longest waiting on top. */
  vragen: OpenVraag[];
  perFractie: { fractie: string; open: number; verlopen: number }[];
  perMinisterie: { ministerie: string; open: number; verlopen: number }[];
}

/** `minister van Economische Zaken` → `Economische Zaken`; other names stay as they are. */
export function ministryOf(actorNaam: string): string {
  return actorNaam.replace(/^(minister(-president)?|staatssecretaris)\s+(van|voor)\s+/i, '').trim() || actorNaam;
}

const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** Written questions without an answer document, how long they wait, per party and ministry. */
export async function getOpenVragen(s: TkServices, today: string): Promise<OpenVragenData> {
  checkDay(today);
  const ctx = new Ctx(s);
  const vragen: OpenVraag[] = [];
  // Written questions not closed and without an answer document, oldest first, from the
  // index on soort: the store leaves out the answered ones.
  const open = await s.tk.listOrdered({
    category: 'Zaak',
    order: 'day',
    direction: 'asc',
    where: [{ field: 'soort', value: WRITTEN_QUESTIONS }, { field: 'afgedaan', value: 'true', not: true }],
    referredBy: { ref: 'zaak', category: 'Document', where: [{ field: 'soort', value: 'antwoord', prefix: true }], none: true },
    limit: OPEN_MAX,
  });
  // Every question at once: their documents, actors and people go to the loaders together.
  const rows = await Promise.all(open.items.map(async (z): Promise<OpenVraag | null> => {
    const state = await answerState(ctx, z.id);
    if (state.beantwoord) return null;
    const ref = zaakRef(z);
    // Asked about another day than the real one (`?today=`), questions submitted after it did not exist yet.
    if (ref.gestartOp && ref.gestartOp > today) return null;
    const dagen = ref.gestartOp ? Math.max(0, daysBetween(ref.gestartOp, today)) : 0;
    const actors = await ctx.pointing(z.id, 'zaak', 'ZaakActor');
    const ministeries = new Set<string>();
    for (const a of actors) {
      const relatie = tkText(a, 'relatie') ?? '';
      if (!/indiener/i.test(relatie) && /gericht aan|beantwoord/i.test(relatie)) ministeries.add(ministryOf(tkText(a, 'actorNaam') ?? tkText(a, 'functie') ?? 'onbekend'));
    }
    const indieners = (await Promise.all(actors.filter((a) => /indiener/i.test(tkText(a, 'relatie') ?? '')).map((a) => actorRow(ctx, a))))
      .map((row) => ({ naam: row.naam, fractie: row.fractie, url: row.url }));
    return { ...ref, dagen, verlopen: dagen > ANSWER_DAYS, uitstel: state.uitstel, indieners, ministeries: [...ministeries] };
  }));
  for (const v of rows) if (v) vragen.push(v);
  vragen.sort((a, b) => b.dagen - a.dagen || byText(a.nummer, b.nummer));
  const count = (keyOf: (v: OpenVraag) => string[]) => {
    const m = new Map<string, { open: number; verlopen: number }>();
    for (const v of vragen) {
      for (const k of new Set(keyOf(v))) {
        const c = m.get(k) ?? { open: 0, verlopen: 0 };
        c.open++;
        if (v.verlopen) c.verlopen++;
        m.set(k, c);
      }
    }
    return [...m].sort((a, b) => b[1].open - a[1].open || a[0].localeCompare(b[0], 'nl'));
  };
  return {
    today,
    total: vragen.length,
    verlopen: vragen.filter((v) => v.verlopen).length,
    vragen,
    perFractie: count((v) => (v.indieners.length ? v.indieners.map((i) => i.fractie ?? 'onbekend') : ['onbekend'])).map(([fractie, c]) => ({ fractie, ...c })),
    perMinisterie: count((v) => (v.ministeries.length ? v.ministeries : ['onbekend'])).map(([ministerie, c]) => ({ ministerie, ...c })),
  };
}

// ---- /verslagen ------------------------------------------------------------------------------

export interface VerslagRef {
  id: string;
  soort: string | null;
  status: string | null;
  titel: string;
  datum: string | null;
  vergadering: { soort: string | null; nummer: string | null; zaal: string | null } | null;
  /** Whether the sync saved the report's XML. */
  beschikbaar: boolean;
  url: string;
}

async function verslagRef(ctx: Ctx, v: TkEntity): Promise<VerslagRef> {
  const verg = await ctx.get(tkRef(v, 'vergadering'));
  const file = await ctx.file(v.id);
  return {
    id: v.id,
    soort: tkText(v, 'soort'),
    status: tkText(v, 'status'),
    titel: (verg && tkText(verg, 'titel')) ?? `Verslag ${v.id}`,
    datum: verg ? day(tkText(verg, 'datum')) : null,
    vergadering: verg ? { soort: tkText(verg, 'soort'), nummer: tkText(verg, 'vergaderingNummer'), zaal: tkText(verg, 'zaal') } : null,
    beschikbaar: file?.path !== null && file?.path !== undefined,
    url: verslagUrl(v.id),
  };
}

export interface VerslagenData extends Paged<VerslagRef> {}

/** Every report of a sitting (VLOS), newest sitting first. */
export async function listVerslagen(s: TkServices, page: number | PageRequest = 1): Promise<VerslagenData> {
  const ctx = new Ctx(s);
  const total = await s.tk.countEntities({ category: 'Verslag' });
  return mapPaged(await listPage(s, { category: 'Verslag', via: { refs: ['vergadering'], category: 'Vergadering' } }, page, total), (v) => verslagRef(ctx, v));
}

export interface VerslagData {
  /** When the Kamer last changed this entity: UTC, ISO 8601 (`…Z`); pages show it in Amsterdam time. */
  bijgewerkt: string | null;
  verslag: VerslagRef;
  /** The report as the sync derived it; null when its file is not (yet) downloaded or unreadable. */
  inhoud: VerslagInhoud | null;
  /** Why the sync will not fetch its file (an enclosure it refused: no retry until the Kamer changes the entity); else null. */
  geweigerd: string | null;
}

/** One report: the sitting, and its text as who said what, in order (derived at sync time). */
export async function getVerslag(s: TkServices, id: string): Promise<VerslagData> {
  const e = await entityOf(s, id, 'Verslag', 'verslag');
  const ctx = new Ctx(s);
  const [verslag, inhoud, file] = await Promise.all([verslagRef(ctx, e), verslagInhoud(s, e.id), ctx.file(e.id)]);
  return { bijgewerkt: e.updated, verslag, inhoud, geweigerd: inhoud === null ? refusalReason(file?.lastError) : null };
}

// ---- /geschenken -----------------------------------------------------------------------------

export interface GeschenkenData extends Paged<GeschenkRow> {}

/** Gifts MPs registered, newest first. */
export async function listGeschenken(s: TkServices, page: number | PageRequest = 1): Promise<GeschenkenData> {
  const ctx = new Ctx(s);
  const total = await s.tk.countEntities({ category: 'PersoonGeschenk' });
  return mapPaged(await listPage(s, { category: 'PersoonGeschenk', order: 'day' }, page, total), async (g) => geschenkRow(g, await ctx.personById(tkRef(g, 'persoon'))));
}

// ---- the document page ------------------------------------------------------------------------

export interface TkDocumentPanel {
  document: TkDocRef & { vergaderjaar: string | null; datumRegistratie: string | null; organisatie: string | null };
  versies: { versienummer: number | null; status: string | null; extensie: string | null; bestandsgrootte: number | null; datum: string | null }[];
  zaken: TkZaakRef[];
  activiteiten: TkActiviteitRef[];
  actoren: ActorRow[];
  /** Documents filed as attachments of this one (`bronDocument`). */
  bijlagen: TkDocRef[];
  /** The document this one is an attachment of. */
  bijlageBij: TkDocRef | null;
  dossier: DossierRef | null;
  /**
   * Whether the Kamer's open data has this document (a Document entity, found by the sync's
   * file or by the Kamerstuk's dossier and number); false: only its dossier or signers are known
   * there, and `document` describes the kamerlens document.
   */
  inOpenData: boolean;
  /** The Kamer's people who signed or moved it, matched by the names and roles of its signatures. */
  ondertekenaars: TkPersonRef[];
}

/**
 * What the Kamer's open data says about a kamerlens document that the sync imported
 * (`source: tk:<guid>`); null for documents from elsewhere.
 */
export async function getTkDocumentPanel(
  s: TkServices,
  doc: Pick<DocumentRecord, 'id' | 'source'> & Partial<Pick<DocumentRecord, 'title' | 'kind' | 'date'>>,
  structure?: { kamerstuk?: KamerstukId | undefined; signatories: readonly Signatory[] } | null,
): Promise<TkDocumentPanel | null> {
  const ctx = new Ctx(s);
  const signers = structure ? await ctx.signers(structure.signatories, doc.kind ?? null) : [];
  // The document's own source, else a file of the open data whose content it already had.
  const sources = /^tk:/.test(doc.source) ? [doc.source] : (await s.store.sourcesOfDocument(doc.id)).filter((x) => x.startsWith('tk:'));
  for (const source of sources) {
    const m = /^tk:([0-9a-f-]{36})$/i.exec(source);
    const e = m ? await s.tk.getEntity(m[1]!) : null;
    if (e && e.category === 'Document') return getDocumentPanelOf(s, ctx, e, signers);
  }
  // A Kamerstuk imported by hand: the Kamer's Document with the same dossier and number.
  const ks = structure?.kamerstuk;
  if (ks) {
    const e = (await tkDocumentsOfKamerstuk(s.tk, ks))[0];
    if (e) return getDocumentPanelOf(s, ctx, e, signers);
  }
  const dossier = ks ? await findTkDossier(s.tk, ks.dossier) : null;
  if (!dossier && signers.length === 0) return null;
  return {
    document: {
      id: doc.id, nummer: null, soort: null, titel: doc.title ?? null, onderwerp: null, datum: doc.date ?? null,
      volgnummer: ks ? Number(ks.number) : null, documentUrl: documentUrl(doc.id), kamerUrl: null,
      vergaderjaar: null, datumRegistratie: null, organisatie: null,
    },
    versies: [], zaken: [], activiteiten: [], actoren: [], bijlagen: [], bijlageBij: null,
    dossier: dossier ? dossierRef(dossier) : null,
    inOpenData: false,
    ondertekenaars: signers,
  };
}

async function getDocumentPanelOf(s: TkServices, ctx: Ctx, e: TkEntity, ondertekenaars: TkPersonRef[]): Promise<TkDocumentPanel> {
  const refs: TkRefRow[] = await ctx.refsTo(e.id);
  const from = (category: string, name: string) => ctx.loadAll(refs.filter((r) => r.otherCategory === category && r.name === name).map((r) => r.fromId));
  const [versies, actoren, bijlagen] = await Promise.all([from('DocumentVersie', 'document'), from('DocumentActor', 'document'), from('Document', 'bronDocument')]);
  const zaken: TkZaakRef[] = [];
  const acts = new Map<string, TkActiviteitRef>();
  /** Activities by id, read at once and set in order (a later one replaces an earlier one's value, keeping its place). */
  const addActs = async (ids: string[]) => {
    const got = await Promise.all(ids.map(async (id) => {
      const a = await ctx.get(id);
      return a?.category === 'Activiteit' ? ctx.activiteit(a) : null;
    }));
    for (const a of got) if (a) acts.set(a.id, a);
  };
  const others = await Promise.all(e.refs.map((r) => ctx.get(r.ref)));
  const ownActs: string[] = [];
  e.refs.forEach((r, i) => {
    const other = others[i];
    if (!other) return;
    if (r.name === 'zaak' && other.category === 'Zaak') zaken.push(zaakRef(other));
    if (r.name === 'activiteit' && other.category === 'Activiteit') ownActs.push(other.id);
  });
  await addActs(ownActs);
  // A document's zaak is usually what ties it to the activities it was discussed in.
  const zaakEntities = await Promise.all(zaken.map((z) => ctx.get(z.id)));
  await addActs(zaakEntities.flatMap((zaak) => zaak?.refs.filter((r) => r.name === 'activiteit').map((r) => r.ref) ?? []));
  // Who moved it: the zaak's indieners (a motion's are recorded on its zaak, not the document).
  const indieners: TkEntity[] = (await Promise.all(zaken.map((z) => ctx.pointing(z.id, 'zaak', 'ZaakActor'))))
    .flat()
    .filter((a) => /indiener/i.test(tkText(a, 'relatie') ?? ''));
  const bron = await ctx.get(tkRef(e, 'bronDocument'));
  const dossier = await ctx.get(tkRef(e, 'kamerstukdossier'));
  const actorRows = await Promise.all([...actoren, ...indieners].map((a) => actorRow(ctx, a)));
  const seen = new Set<string>();
  return {
    document: {
      ...(await ctx.doc(e)),
      vergaderjaar: tkText(e, 'vergaderjaar'),
      datumRegistratie: day(tkText(e, 'datumRegistratie')),
      organisatie: tkText(e, 'organisatie'),
    },
    versies: versies
      .map((v) => ({
        versienummer: num(tkText(v, 'versienummer')),
        status: tkText(v, 'status'),
        extensie: tkText(v, 'extensie'),
        bestandsgrootte: num(tkText(v, 'bestandsgrootte')),
        datum: day(tkText(v, 'datum')),
      }))
      .sort((a, b) => (a.versienummer ?? 0) - (b.versienummer ?? 0)),
    zaken,
    activiteiten: [...acts.values()],
    actoren: actorRows.filter((a) => {
      const k = `${a.url ?? a.naam}\0${a.relatie ?? ''}`;
      return !seen.has(k) && seen.add(k);
    }),
    bijlagen: await Promise.all(bijlagen.map((b) => ctx.doc(b))),
    bijlageBij: bron?.category === 'Document' ? await ctx.doc(bron) : null,
    dossier: dossier?.category === 'Kamerstukdossier' ? dossierRef(dossier) : null,
    inOpenData: true,
    ondertekenaars,
  };
}

/** The Kamer's data about a kamerlens document by its kamerlens id; NOT_FOUND when it has none. */
export async function getTkDocumentPanelById(s: TkServices, id: string): Promise<TkDocumentPanel> {
  const doc = await s.store.getDocument(id);
  if (!doc) throw new KamerlensError('NOT_FOUND', `Geen document "${id}" in het archief`, { record: id });
  const panel = await getTkDocumentPanel(s, doc, (await s.store.getVersion(id))?.structure ?? null);
  if (!panel) throw new KamerlensError('NOT_FOUND', `Document "${id}" komt niet uit de open data van de Tweede Kamer`, { record: id });
  return panel;
}

/**
 * Where a document number (`2025D08504`) leads: the kamerlens document when its file was
 * imported, else its zaak page, else the Kamer's own site. NOT_FOUND when the number is unknown.
 */
export async function resolveDocumentNummer(s: TkServices, nummer: string): Promise<string> {
  const wanted = nummer.trim().toUpperCase();
  if (!/^\d{4}D\d{5}$/.test(wanted)) throw new KamerlensError('BAD_REQUEST', '"nummer" moet een documentnummer zijn, zoals 2025D08504', { field: 'nummer' });
  const e = (await s.tk.listEntities({ category: 'Document', field: 'documentNummer', value: wanted, limit: 1 })).items[0];
  if (!e) {
    // Not synced (yet), but perhaps imported by hand under its number.
    const doc = await s.store.getDocument(slugify(wanted));
    if (doc) return documentUrl(doc.id);
    throw new KamerlensError('NOT_FOUND', `Document ${wanted} staat (nog) niet in het archief`, { record: wanted });
  }
  const ref = await new Ctx(s).doc(e);
  if (ref.documentUrl) return ref.documentUrl;
  const zaak = tkRef(e, 'zaak');
  if (zaak) {
    const z = await s.tk.getEntity(zaak);
    if (z) return zaakRef(z).url;
  }
  return ref.kamerUrl ?? kamerSiteUrl(wanted, null);
}
