/**
 * Monitor kinds. A monitor is `kind` + `params` (JSON), so a new kind is one more entry in
 * MATCHERS, with no schema change. Each matcher validates its params into a canonical form
 * and finds what is news for a monitor in one run's MatchContext: the changed documents
 * (Delta, indexed once for all monitors), the open-data entity changes since the oldest TK
 * watermark, and the calendar (deadlines). Shared work is memoised per run, so 10,000
 * monitors cost one pass over what changed plus one lookup each.
 */
import { ANSWER_QUALITIES, isKamerlensError, type DocumentKind, type ParsedDocument, type ParsedQuery } from '../domain/index.js';
import { tkText, type TkEntity } from '../domain/tk.js';
import type { HighlightSpec } from '../search/fts-query.js';
import { describeQuery, parseQuery } from '../search/query.js';
import { WatchError } from '../service/watch-service.js';
import { deadlineStatus, meetingKey, type CommitmentRow, type StructureStore } from '../store/structure-index.js';
import { matchKamerPersons } from '../store/tk-kamerstuk.js';
import type { TkChangeRow, TkStore } from '../store/tk-store.js';
import type { PromiseStore } from '../store/promise-store.js';
import type { ChangedDocument, ItemData, MonitorRow } from '../store/watch-store.js';
import { DeltaIndex, type DeltaDoc } from './delta-index.js';

/** The changed documents of one run; the text index is built on first use, once for all monitors. */
export class Delta {
  private built: DeltaIndex | null = null;
  private readonly items: (Omit<ItemData, 'reason' | 'snippet'> | undefined)[] = [];
  private readonly json: (string | undefined)[] = [];
  private readonly entries: (string | undefined)[] = [];
  constructor(readonly changes: readonly ChangedDocument[]) {}

  get index(): DeltaIndex {
    return (this.built ??= new DeltaIndex(this.changes.map(toDeltaDoc)));
  }

  /** The item a changed document becomes (shared by every monitor that matches it). */
  item(doc: number): Omit<ItemData, 'reason' | 'snippet'> {
    let it = this.items[doc];
    if (it === undefined) {
      const c = this.changes[doc]!;
      it = { itemKey: `doc:${c.docId}@${c.version}`, docId: c.docId, version: c.version, title: c.title, kind: c.kind, date: c.date, change: c.version === 1 ? 'new' : 'updated' };
      this.items[doc] = it;
    }
    return it;
  }

  /** `"<docId>",<version>`: a changed document as a batch stores it. */
  docJson(doc: number): string {
    let j = this.json[doc];
    if (j === undefined) {
      const c = this.changes[doc]!;
      this.json[doc] = j = `${JSON.stringify(c.docId)},${c.version}`;
    }
    return j;
  }

  /** `["<docId>",<version>]`, the same string for every monitor that found the document. */
  docEntry(doc: number): string {
    let j = this.entries[doc];
    if (j === undefined) this.entries[doc] = j = `[${this.docJson(doc)}]`;
    return j;
  }

  /** Positions in `changes` of the documents logged after `seq` (changes are in log order). */
  after(seq: number): number {
    let lo = 0;
    let hi = this.changes.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.changes[mid]!.seq <= seq) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/**
 * The same derivation as ingest's toIndexDocument, so `party:`, `dossier:` and `person:`
 * agree with search. (The Kamer's own actors, which the index adds to documents from the
 * open data after a sync, are not in a document's change: a `person:` or `committee:`
 * monitor sees signatories only.)
 */
export function toDeltaDoc(c: ChangedDocument): DeltaDoc {
  const parties = new Set<string>();
  for (const q of c.structure.questions) if (q.party) parties.add(q.party);
  const dossiers = new Set<string>();
  for (const x of c.structure.citations) if (x.kind === 'kamerstuk') dossiers.add(x.dossier);
  // A Kamerstuk belongs to its own dossier (its own number is no citation of itself).
  if (c.structure.kamerstuk) dossiers.add(c.structure.kamerstuk.dossier);
  const persons = [...new Set(c.structure.signatories.map((x) => x.name))];
  return { seq: c.seq, id: c.docId, version: c.version, title: c.title, text: c.text, kind: c.kind, date: c.date, parties: [...parties], dossiers: [...dossiers], persons };
}

/** What the matchers read besides the changed documents (absent sources simply match nothing). */
export interface WatchSources {
  structure?: Pick<StructureStore, 'commitments'> | undefined;
  tk?: TkStore | undefined;
  /** Which commitments a document was found to keep (the promise pass, run before the watches). */
  promises?: Pick<PromiseStore, 'keptBy'> | undefined;
}

/** One run's view of what changed, shared by all its monitors. */
export class MatchContext {
  /** `YYYY-MM-DD` of the run (UTC). */
  readonly today: string;
  private readonly memos = new Map<string, Promise<unknown>>();
  constructor(
    readonly delta: Delta,
    readonly now: Date,
    readonly sources: WatchSources,
    /** The entity change log range of this run: (from, head]. */
    readonly tk: { from: number; head: number },
  ) {
    this.today = now.toISOString().slice(0, 10);
  }

  /** Computes `fn` once per run under `key`. */
  memo<T>(key: string, fn: () => Promise<T>): Promise<T> {
    let p = this.memos.get(key) as Promise<T> | undefined;
    if (p === undefined) {
      p = fn();
      this.memos.set(key, p);
    }
    return p;
  }

  entity(id: string): Promise<TkEntity | null> {
    const tk = this.sources.tk;
    return tk ? this.memo(`entity:${id}`, () => tk.getEntity(id)) : Promise.resolve(null);
  }

  tkChanges(): Promise<TkChangeRow[]> {
    const tk = this.sources.tk;
    if (!tk || this.tk.from >= this.tk.head) return Promise.resolve([]);
    return this.memo('tk-changes', () => tk.changesSince(this.tk.from, this.tk.head));
  }
}

/**
 * A match. Document matches point into the delta (`docs`, many for one reason: a saved search
 * can match hundreds) and carry the query's highlight spec so a snippet can be cut later,
 * only for the few items that are shown; other matches (an entity, a deadline) carry their item.
 */
export interface Found {
  /** Changed documents (indexes into Delta.changes, ascending), all found for this reason. */
  docs?: readonly number[];
  item?: Omit<ItemData, 'reason' | 'snippet'>;
  reason: string;
  snippet?: string;
  spec?: HighlightSpec;
  /**
   * The item may be found again by a later run (an event of the calendar or of an entity
   * that changes again): the run then records it only if its key was never recorded before.
   */
  once?: boolean;
}

export interface Normalized {
  params: Record<string, string>;
  label: string;
  /** The query-language form, for kinds that run as a search (also used for previews). */
  query: string | null;
}

export interface Matcher {
  kind: string;
  normalize(params: Record<string, string>): Normalized;
  /** Canonical params and a readable label from the sources (e.g. a name for a GUID), when creating. */
  resolve?(params: Record<string, string>, sources: WatchSources): Promise<Normalized>;
  /** Whether the matcher reads the entity change log (its monitors need a TK watermark). */
  usesTk?: boolean;
  match(ctx: MatchContext, monitor: MonitorRow): Found[] | Promise<Found[]>;
}

function required(params: Record<string, string>, key: string, max = 200, allowQuotes = false): string {
  const v = (params[key] ?? '').trim();
  if (!v) throw new WatchError('BAD_REQUEST', `"${key}" ontbreekt`, key);
  return checked(v, key, max, allowQuotes);
}

function checked(v: string, key: string, max = 200, allowQuotes = false): string {
  if (v.length > max) throw new WatchError('BAD_REQUEST', `"${key}" is langer dan ${max} tekens`, key);
  if ((allowQuotes ? /[\u0000-\u001f]/ : /["\u0000-\u001f]/).test(v)) throw new WatchError('BAD_REQUEST', `"${key}" bevat tekens die niet zijn toegestaan`, key);
  return v;
}

function parse(q: string): ParsedQuery {
  try {
    return parseQuery(q);
  } catch (e) {
    if (isKamerlensError(e)) throw new WatchError('BAD_REQUEST', e.message, 'query');
    throw e;
  }
}

const quoted = (v: string) => (/[\s,()|]/.test(v) ? `"${v}"` : v);

/** Parsed queries per canonical text: 10,000 monitors often share a few hundred queries. */
const parsedCache = new Map<string, ParsedQuery>();
function parsedFor(query: string): ParsedQuery {
  let p = parsedCache.get(query);
  if (!p) {
    p = parse(query);
    if (parsedCache.size > 50_000) parsedCache.clear();
    parsedCache.set(query, p);
  }
  return p;
}

/** A matcher whose monitors are one query each, evaluated against the delta index. */
function queryMatcher(kind: string, toQuery: (p: Record<string, string>) => Normalized, reason: (n: Normalized) => string, extra?: (ctx: MatchContext, m: MonitorRow) => Promise<Found[]>): Matcher {
  const queries = new Map<string, string>();
  const queryOf = (params: Record<string, string>): string => {
    const key = JSON.stringify(params);
    let q = queries.get(key);
    if (q === undefined) {
      q = toQuery(params).query ?? '';
      if (queries.size > 50_000) queries.clear();
      queries.set(key, q);
    }
    return q;
  };
  const specs = new WeakMap<DeltaIndex, Map<string, HighlightSpec>>();
  const matchDocs = (ctx: MatchContext, monitor: MonitorRow): Found[] => {
    const { delta } = ctx;
    if (delta.after(monitor.watermark) >= delta.changes.length) return [];
    const query = queryOf(monitor.params);
    const parsed = parsedFor(query);
    const index = delta.index;
    const docs = index.match(parsed, monitor.watermark, query);
    if (docs.length === 0) return [];
    let perIndex = specs.get(index);
    if (!perIndex) specs.set(index, (perIndex = new Map()));
    let spec = perIndex.get(query);
    if (!spec) perIndex.set(query, (spec = index.analyze(parsed).spec));
    return [{ docs, reason: reason({ params: monitor.params, label: monitor.label, query }), spec }];
  };
  return {
    kind,
    normalize: toQuery,
    ...(extra ? { usesTk: true } : {}),
    match(ctx, monitor) {
      const found = matchDocs(ctx, monitor);
      return extra ? extra(ctx, monitor).then((more) => found.concat(more)) : found;
    },
  };
}

// ------------------------------------------------------------------ open-data entities

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Where an entity is shown on the site. */
function entityLink(e: TkEntity): string {
  const nr = tkText(e, 'documentNummer') ?? tkText(e, 'nummer');
  switch (e.category) {
    case 'Document':
      // Redirects to the imported document, its zaak, or the Kamer's own page.
      return nr ? `/kamer/document/${encodeURIComponent(nr)}` : '/kamer';
    case 'Zaak':
      return `/zaken/${encodeURIComponent(nr ?? e.id)}`;
    case 'Activiteit':
      return `/activiteiten/${encodeURIComponent(e.id)}`;
    case 'Toezegging':
      // The register's rows are anchored `tz-<nummer>`.
      return `/kamer/toezeggingen#tz-${encodeURIComponent(nr ?? e.id)}`;
    default:
      // The site has no generic entity page; the overview lists what is new.
      return '/kamer';
  }
}

function entityTitle(e: TkEntity): string {
  return tkText(e, 'titel') && tkText(e, 'onderwerp') && e.category === 'Document'
    ? `${tkText(e, 'onderwerp')}`
    : (tkText(e, 'onderwerp') ?? tkText(e, 'titel') ?? tkText(e, 'naam') ?? tkText(e, 'tekst')?.slice(0, 120) ?? `${e.category} ${e.id}`);
}

function entityItem(e: TkEntity, change: 'new' | 'updated', key = `tk:${e.id}@${e.updated ?? ''}`): Omit<ItemData, 'reason' | 'snippet'> {
  const date = tkText(e, 'datum') ?? tkText(e, 'gestartOp') ?? tkText(e, 'aanmaakdatum');
  return {
    itemKey: key,
    docId: e.id,
    version: 1,
    title: entityTitle(e),
    kind: (tkText(e, 'soort') ?? e.category).toLowerCase(),
    date: date ? date.slice(0, 10) : null,
    change,
    link: entityLink(e),
  };
}

/** The things a Document, Zaak or Activiteit is about and by: what a follow can name. */
const SUBJECTS = new Set(['Document', 'Zaak', 'Activiteit']);
/** Actor entities: a link between a subject and a person, party or committee. */
const ACTORS: Record<string, string> = { DocumentActor: 'document', ZaakActor: 'zaak', ActiviteitActor: 'activiteit' };

interface Touched {
  entity: TkEntity;
  /** Latest change (of the subject or one of its actors) in this run's range. */
  seq: number;
  /** First time the subject was ever logged (new vs. updated). */
  firstSeq: number;
}

/**
 * Per run: every subject that changed (itself, or an actor linking it), by each entity it is
 * linked to (person, committee, party, dossier, zaak, or itself). Entity monitors are then a
 * lookup: followed id → subjects, kept if changed after the monitor's watermark.
 */
function entityChanges(ctx: MatchContext): Promise<Map<string, Touched[]>> {
  return ctx.memo('entity-follows', async () => {
    const tk = ctx.sources.tk;
    const byFollowed = new Map<string, Touched[]>();
    if (!tk) return byFollowed;
    const subjects = new Map<string, { seq: number; firstSeq: number }>();
    const touch = (id: string, seq: number, firstSeq: number) => {
      const s = subjects.get(id);
      if (!s) subjects.set(id, { seq, firstSeq });
      else s.seq = Math.max(s.seq, seq);
    };
    for (const c of await ctx.tkChanges()) {
      if (c.deleted) continue;
      if (SUBJECTS.has(c.category)) touch(c.id, c.seq, c.firstSeq);
      const target = ACTORS[c.category];
      if (target) {
        const actor = await ctx.entity(c.id);
        const to = actor?.refs.find((r) => r.name === target)?.ref;
        // A new actor link makes an older subject news for that person or committee.
        if (to) touch(to, c.seq, c.firstSeq);
      }
    }
    for (const [id, s] of subjects) {
      const e = await ctx.entity(id);
      if (!e || !SUBJECTS.has(e.category)) continue;
      const linked = new Set<string>([e.id]);
      for (const r of e.refs) linked.add(r.ref);
      const actorCategory = e.category === 'Document' ? 'DocumentActor' : e.category === 'Zaak' ? 'ZaakActor' : 'ActiviteitActor';
      for (const r of await tk.refsTo(e.id)) {
        if (r.otherCategory !== actorCategory) continue;
        const actor = await ctx.entity(r.fromId);
        for (const ar of actor?.refs ?? []) linked.add(ar.ref);
      }
      // A document of a zaak is also news for whoever follows the zaak's dossier and actors.
      if (e.category === 'Document') {
        for (const r of e.refs) {
          if (r.name !== 'zaak') continue;
          const zaak = await ctx.entity(r.ref);
          for (const zr of zaak?.refs ?? []) if (zr.name === 'kamerstukdossier') linked.add(zr.ref);
        }
      }
      const t: Touched = { entity: e, seq: s.seq, firstSeq: s.firstSeq };
      for (const id2 of linked) {
        let l = byFollowed.get(id2);
        if (!l) byFollowed.set(id2, (l = []));
        l.push(t);
      }
    }
    return byFollowed;
  });
}

/** Entity items for the followed ids that changed after the monitor's TK watermark. */
async function followed(ctx: MatchContext, monitor: MonitorRow, ids: string[], reason: (t: Touched) => string, filter?: (t: Touched) => boolean): Promise<Found[]> {
  const wm = monitor.tkWatermark;
  if (wm === null || ids.length === 0) return [];
  const map = await entityChanges(ctx);
  const seen = new Set<string>();
  const out: Found[] = [];
  for (const id of ids) {
    for (const t of map.get(id) ?? []) {
      if (t.seq <= wm || seen.has(t.entity.id) || (filter && !filter(t))) continue;
      seen.add(t.entity.id);
      out.push({ item: entityItem(t.entity, t.firstSeq > wm ? 'new' : 'updated'), reason: reason(t), once: true });
    }
  }
  return out;
}

/** Entities of a category whose field equals a value (memoised per run). */
function lookup(ctx: MatchContext, category: string, field: string, value: string): Promise<TkEntity[]> {
  const tk = ctx.sources.tk;
  if (!tk) return Promise.resolve([]);
  return ctx.memo(`lookup:${category}:${field}:${value}`, async () => (await tk.listEntities({ category, field, value, limit: 50 })).items);
}

const what = (t: Touched) => (t.entity.category === 'Document' ? 'document' : t.entity.category === 'Zaak' ? 'zaak' : 'activiteit');

/** A follow of one open-data entity, named by GUID or by a natural key (`nummer`, `afkorting`). */
function entityFollow(
  kind: string,
  key: string,
  category: string,
  naturalField: string,
  pattern: RegExp,
  example: string,
  describe: (e: TkEntity | null, v: string) => string,
): Matcher {
  const normalize = (p: Record<string, string>): Normalized => {
    const raw = required(p, key, 100);
    const v = GUID.test(raw.toLowerCase()) ? raw.toLowerCase() : raw;
    if (!GUID.test(v) && !pattern.test(v)) throw new WatchError('BAD_REQUEST', `"${key}" moet een GUID zijn of eruitzien als ${example}`, key);
    const out: Record<string, string> = { [key]: v };
    return { params: out, label: describe(null, v), query: null };
  };
  const ids = async (ctx: MatchContext, v: string): Promise<string[]> =>
    GUID.test(v) ? [v] : (await lookup(ctx, category, naturalField, v)).map((e) => e.id);
  return {
    kind,
    usesTk: true,
    normalize,
    async resolve(p, sources) {
      const n = normalize(p);
      const v = n.params[key]!;
      const e = sources.tk ? (GUID.test(v) ? await sources.tk.getEntity(v) : (await sources.tk.listEntities({ category, field: naturalField, value: v, limit: 1 })).items[0] ?? null) : null;
      if (GUID.test(v) && sources.tk && (!e || e.category !== category)) throw new WatchError('BAD_REQUEST', `Geen ${category} met id ${v} in de open data`, key);
      return { ...n, label: describe(e, v) };
    },
    async match(ctx, monitor) {
      const v = monitor.params[key] ?? '';
      return followed(ctx, monitor, await ids(ctx, v), (t) => `nieuw${t.firstSeq > (monitor.tkWatermark ?? 0) ? '' : ' bijgewerkt'} ${what(t)} bij ${monitor.label}`);
    },
  };
}

const personName = (e: TkEntity) => [tkText(e, 'roepnaam') ?? tkText(e, 'initialen'), tkText(e, 'tussenvoegsel'), tkText(e, 'achternaam')].filter(Boolean).join(' ');

const personEntities = entityFollow('person', 'person', 'Persoon', 'nummer', /^\d{1,10}$/, 'a Persoon nummer', (e, v) => `Kamerlid ${e ? personName(e) : v}`);

/** The Kamer's people a changed document's signatures name (matchKamerPersons), once per run per document. */
function signersOf(ctx: MatchContext, doc: number): Promise<string[]> {
  const tk = ctx.sources.tk;
  const c = ctx.delta.changes[doc]!;
  if (!tk || c.structure.signatories.length === 0) return Promise.resolve([]);
  return ctx.memo(`signers:${doc}`, async () =>
    (await matchKamerPersons(tk, c.structure.signatories, c.kind as DocumentKind, (a) => lookup(ctx, 'Persoon', 'achternaam', a))).map((m) => m.persoon.id),
  );
}

/**
 * A person's follow: what the Kamer records of them (entity changes), and documents imported
 * or synced in this run whose signatures name them (a motion they moved, a letter they signed).
 */
const person: Matcher = {
  ...personEntities,
  async match(ctx, monitor) {
    const found = await personEntities.match(ctx, monitor);
    const v = monitor.params['person'] ?? '';
    const ids = new Set(GUID.test(v) ? [v] : (await lookup(ctx, 'Persoon', 'nummer', v)).map((e) => e.id));
    const docs: number[] = [];
    if (ids.size > 0) {
      for (let i = ctx.delta.after(monitor.watermark); i < ctx.delta.changes.length; i++) {
        if ((await signersOf(ctx, i)).some((id) => ids.has(id))) docs.push(i);
      }
    }
    return docs.length ? found.concat([{ docs, reason: `ondertekend of ingediend door ${monitor.label.replace(/^Kamerlid /, '')}` }]) : found;
  },
};
const committee = entityFollow('committee', 'committee', 'Commissie', 'afkorting', /^[A-Za-z&]{2,12}$/, 'DiZa', (e, v) => `commissie ${e ? (tkText(e, 'naamNl') ?? tkText(e, 'afkorting') ?? v) : v}`);
const zaak = entityFollow('zaak', 'zaak', 'Zaak', 'nummer', /^\d{4}Z\d{4,6}$/, '2025Z03735', (e, v) => `zaak ${e ? `${tkText(e, 'nummer') ?? v} (${(tkText(e, 'onderwerp') ?? '').slice(0, 80)})` : v}`);

// ------------------------------------------------------------------ searches, parties, dossiers

const search = queryMatcher(
  'search',
  (p) => {
    const raw = required(p, 'query', 1000, true);
    const parsed = parse(raw);
    const canonical = describeQuery(parsed);
    if (!canonical) throw new WatchError('BAD_REQUEST', 'De zoekopdracht is leeg', 'query');
    // A search monitor is told about new and changed documents; say so rather than never match.
    const f = parsed.filters;
    if ((f.types.length > 0 && !f.types.includes('document')) || f.committees.length > 0) {
      throw new WatchError(
        'BAD_REQUEST',
        'Een gevolgde zoekopdracht meldt nieuwe documenten; type: en commissie: kunnen (nog) niet worden gevolgd. Volg de commissie, zaak of persoon vanaf de eigen pagina.',
        'query',
      );
    }
    return { params: { query: canonical }, label: `zoekopdracht “${canonical}”`, query: canonical };
  },
  (n) => `past bij de zoekopdracht “${n.query}”`,
);

const party = queryMatcher(
  'party',
  (p) => {
    const v = required(p, 'party', 100);
    const query = describeQuery(parse(`party:${quoted(v)}`));
    return { params: { party: v }, label: `partij ${v}`, query };
  },
  (n) => `Kamervragen van ${n.params.party}`,
);

/** `21501-33` → the Kamerstukdossier entities with nummer 21501 and toevoeging 33. */
async function dossierEntities(ctx: MatchContext, dossierNr: string): Promise<string[]> {
  const [nummer, ...rest] = dossierNr.split('-');
  const toevoeging = rest.join('-') || null;
  return (await lookup(ctx, 'Kamerstukdossier', 'nummer', nummer!))
    .filter((e) => (tkText(e, 'toevoeging') ?? null) === toevoeging || (!toevoeging && !tkText(e, 'toevoeging')))
    .map((e) => e.id);
}

/** Documents citing the dossier, and (from the open data) documents and zaken filed in it. */
const dossier = queryMatcher(
  'dossier',
  (p) => {
    const v = required(p, 'dossier', 40);
    if (!/^[0-9]+(?:-[0-9A-Za-z]+)*$/.test(v)) throw new WatchError('BAD_REQUEST', 'Een dossiernummer ziet eruit als 21501-33', 'dossier');
    return { params: { dossier: v }, label: `dossier ${v}`, query: describeQuery(parse(`dossier:${v}`)) };
  },
  (n) => `noemt dossier ${n.params.dossier}`,
  async (ctx, m) => followed(ctx, m, await dossierEntities(ctx, m.params.dossier ?? ''), (t) => `${what(t)} in dossier ${m.params.dossier}`),
);

// ------------------------------------------------------------------ commitments

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

export const COMMITMENT_EVENTS = ['new', 'due', 'overdue', 'fulfilled'] as const;
type CommitmentEvent = (typeof COMMITMENT_EVENTS)[number];
const DAY = 86_400_000;
const addDays = (day: string, n: number) => new Date(Date.parse(day + 'T00:00:00Z') + n * DAY).toISOString().slice(0, 10);

/** A commitment from either source, as the deadline events see it. */
interface Deadline {
  key: string;
  text: string;
  actor: string | null;
  ministry: string | null;
  dueDate: string | null;
  /** Null when the source does not know (the parsed documents); else open or not. */
  open: boolean | null;
  item: Omit<ItemData, 'reason' | 'snippet' | 'itemKey'>;
}

const TK_OPEN = new Set(['openstaand', 'deels voldaan']);

function tkDeadline(e: TkEntity): Deadline {
  const status = (tkText(e, 'status') ?? '').toLowerCase();
  const who = [tkText(e, 'functie'), [tkText(e, 'voornaam') ?? tkText(e, 'initialen'), tkText(e, 'tussenvoegsel'), tkText(e, 'naam') ?? tkText(e, 'achternaam')].filter(Boolean).join(' ')]
    .filter(Boolean)
    .join(' ');
  const { itemKey: _k, ...item } = entityItem(e, 'new');
  return {
    key: `tz:${e.id}`,
    text: tkText(e, 'tekst') ?? '',
    actor: who || null,
    ministry: tkText(e, 'ministerie'),
    dueDate: tkText(e, 'datumNakoming')?.slice(0, 10) ?? null,
    open: status ? TK_OPEN.has(status) : null,
    item: { ...item, title: `Toezegging ${tkText(e, 'nummer') ?? ''}: ${(tkText(e, 'tekst') ?? '').slice(0, 120)}`.trim() },
  };
}

function parsedDeadline(r: CommitmentRow): Deadline {
  return {
    key: `tzdoc:${r.document.id}#${r.ordinal}`,
    text: r.text,
    actor: r.actor,
    ministry: null,
    dueDate: r.dueDate,
    open: null,
    item: { docId: r.document.id, version: 1, title: r.document.title, kind: r.document.kind, date: r.document.date, change: 'new' },
  };
}

/** Every commitment with a deadline, from the parsed documents and the Kamer's register (once per run). */
function deadlines(ctx: MatchContext): Promise<Deadline[]> {
  return ctx.memo('deadlines', async () => {
    const out: Deadline[] = [];
    const { structure, tk } = ctx.sources;
    if (structure) {
      for (let offset = 0; ; offset += 1000) {
        const page = await structure.commitments({ today: ctx.today, offset, limit: 1000 });
        for (const r of page.items) if (r.dueDate) out.push(parsedDeadline(r));
        if (page.items.length < 1000) break;
      }
    }
    if (tk) {
      for (let offset = 0; ; offset += 1000) {
        const page = await tk.listEntities({ category: 'Toezegging', offset, limit: 1000 });
        for (const e of page.items) {
          const d = tkDeadline(e);
          if (d.dueDate) out.push(d);
        }
        if (page.items.length < 1000) break;
      }
    }
    return out;
  });
}

/**
 * Commitments (toezeggingen) by an actor (a minister, `staatssecretaris`, a name) or a
 * ministry: new ones (in new documents and in the Kamer's register), ones falling due within
 * `days` days, ones that became overdue while followed, and fulfilled ones (the register's
 * status). Deadline and status events are recorded once per commitment (and due date).
 */
const commitments: Matcher = {
  kind: 'commitments',
  usesTk: true,
  normalize(p) {
    const actor = (p.actor ?? '').trim();
    const ministry = (p.ministry ?? '').trim();
    if (!actor && !ministry) throw new WatchError('BAD_REQUEST', '"actor" of "ministry" is nodig', 'actor');
    if (actor) checked(actor, 'actor', 100);
    if (ministry) checked(ministry, 'ministry', 100);
    const event = (p.event ?? 'new').trim() as CommitmentEvent;
    if (!(COMMITMENT_EVENTS as readonly string[]).includes(event)) throw new WatchError('BAD_REQUEST', `"event" moet een van deze zijn: ${COMMITMENT_EVENTS.join(', ')}`, 'event');
    const params: Record<string, string> = {};
    if (actor) params.actor = actor;
    if (ministry) params.ministry = ministry;
    if (event !== 'new') params.event = event;
    let days = 14;
    if (event === 'due') {
      if (p.days !== undefined && p.days !== '') {
        days = Number(p.days);
        if (!Number.isInteger(days) || days < 0 || days > 365) throw new WatchError('BAD_REQUEST', '"days" moet een heel getal van 0 tot en met 365 zijn', 'days');
      }
      params.days = String(days);
    }
    const who = [actor ? `van ${actor}` : '', ministry ? `(ministerie ${ministry})` : ''].filter(Boolean).join(' ');
    const label = {
      new: `toezeggingen ${who}`,
      due: `toezeggingen ${who} die binnen ${days} dagen vervallen`,
      overdue: `verlopen toezeggingen ${who}`,
      fulfilled: `nagekomen toezeggingen ${who}`,
    }[event];
    return { params, label, query: null };
  },
  async match(ctx, monitor) {
    const actor = fold(monitor.params.actor ?? '');
    const ministry = fold(monitor.params.ministry ?? '');
    const event = (monitor.params.event ?? 'new') as CommitmentEvent;
    const whoMatches = (a: string | null, min: string | null) =>
      (!actor || (a !== null && fold(a).includes(actor))) && (!ministry || (min !== null && fold(min).includes(ministry)));
    const out: Found[] = [];
    if (event === 'new') {
      // In new documents (parsed), as before: one item per document.
      const { delta } = ctx;
      if (!ministry) {
        for (let i = delta.after(monitor.watermark); i < delta.changes.length; i++) {
          const c = delta.changes[i]!;
          const hits = (c.structure as ParsedDocument).commitments.filter((k) => whoMatches(k.actor, null));
          if (hits.length === 0) continue;
          const first = hits[0]!;
          out.push({
            docs: [i],
            reason: `${hits.length === 1 ? 'een nieuwe toezegging' : `${hits.length} nieuwe toezeggingen`} van ${first.actor}`,
            snippet: first.text.slice(0, 240) + (first.text.length > 240 ? '…' : ''),
          });
        }
      }
      // In the Kamer's register: Toezegging entities logged for the first time.
      const wm = monitor.tkWatermark;
      if (wm !== null) {
        for (const c of await ctx.tkChanges()) {
          if (c.category !== 'Toezegging' || c.deleted || c.firstSeq <= wm) continue;
          const e = await ctx.entity(c.id);
          if (!e) continue;
          const d = tkDeadline(e);
          if (!whoMatches(d.actor, d.ministry)) continue;
          out.push({ item: { ...d.item, itemKey: `new:${d.key}` }, reason: `nieuwe toezegging van ${d.actor ?? d.ministry}`, snippet: d.text.slice(0, 240), once: true });
        }
      }
      return out;
    }
    if (event === 'fulfilled') {
      // A new document that keeps a promise found in an earlier one (the promise pass ran before this run).
      const { delta } = ctx;
      const promises = ctx.sources.promises;
      const first = delta.after(monitor.watermark);
      if (promises && !ministry && first < delta.changes.length) {
        const fresh = delta.changes.slice(first).map((c) => c.docId);
        const kept = await ctx.memo(`kept:${first}`, () => promises.keptBy(fresh));
        for (let i = first; i < delta.changes.length; i++) {
          const hits = kept.filter((k) => k.byDocId === delta.changes[i]!.docId && whoMatches(k.actor, null));
          if (hits.length === 0) continue;
          out.push({
            docs: [i],
            reason: `toezegging nagekomen${hits.length > 1 ? ` (${hits.length})` : ''}: ${hits[0]!.evidence}`,
            snippet: hits[0]!.text.slice(0, 240),
          });
        }
      }
      const wm = monitor.tkWatermark;
      if (wm === null) return out;
      for (const c of await ctx.tkChanges()) {
        if (c.category !== 'Toezegging' || c.deleted || c.seq <= wm) continue;
        const e = await ctx.entity(c.id);
        if (!e || (tkText(e, 'status') ?? '').toLowerCase() !== 'voldaan') continue;
        const d = tkDeadline(e);
        if (!whoMatches(d.actor, d.ministry)) continue;
        const brief = tkText(e, 'kamerbriefNakoming');
        out.push({
          item: { ...d.item, itemKey: `fulfilled:${d.key}`, change: 'updated' },
          reason: `toezegging nagekomen${brief ? ` (${brief})` : ''}`,
          snippet: d.text.slice(0, 240),
          once: true,
        });
      }
      return out;
    }
    const days = Number(monitor.params.days ?? 14);
    const horizon = addDays(ctx.today, days);
    // Overdue: only deadlines passed while the monitor existed are news.
    const since = monitor.createdAt.slice(0, 10);
    for (const d of await deadlines(ctx)) {
      if (d.dueDate === null || d.open === false || !whoMatches(d.actor, d.ministry)) continue;
      if (event === 'due' && d.dueDate >= ctx.today && d.dueDate <= horizon) {
        out.push({ item: { ...d.item, itemKey: `due:${d.key}@${d.dueDate}` }, reason: `toezegging${d.actor ? ` van ${d.actor}` : ''} vervalt op ${d.dueDate}`, snippet: d.text.slice(0, 240), once: true });
      } else if (event === 'overdue' && deadlineStatus(d.dueDate, ctx.today) === 'overdue' && d.dueDate >= since) {
        out.push({ item: { ...d.item, itemKey: `overdue:${d.key}@${d.dueDate}` }, reason: `toezegging${d.actor ? ` van ${d.actor}` : ''} is verlopen (${d.dueDate})`, snippet: d.text.slice(0, 240), once: true });
      }
    }
    return out;
  },
};

// ------------------------------------------------------------------ Council meeting threads

const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];

/** `telecomraad-2025-03-04` → `Telecomraad van 4 maart 2025`: a meeting key as people name it. */
export function meetingLabel(key: string): string {
  const m = /^(.*)-(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  const body = (m ? m[1]! : key.replace(/-zonder-datum$/, '')).replace(/-/g, ' ');
  const name = body.charAt(0).toUpperCase() + body.slice(1);
  return m ? `${name} van ${Number(m[4])} ${MONTHS[Number(m[3]) - 1] ?? m[3]} ${m[2]}` : `${name} (zonder datum)`;
}

/** New documents in the paper trail of one Council meeting (agenda, report, conclusions). */
const meeting: Matcher = {
  kind: 'meeting',
  normalize(p) {
    const v = required(p, 'meeting', 120).toLowerCase();
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*-(?:\d{4}-\d{2}-\d{2}|zonder-datum)$/.test(v)) throw new WatchError('BAD_REQUEST', 'Een Raadsvergadering ziet eruit als telecomraad-2025-03-04', 'meeting');
    return { params: { meeting: v }, label: meetingLabel(v), query: null };
  },
  async match(ctx, monitor) {
    const { delta } = ctx;
    const first = delta.after(monitor.watermark);
    if (first >= delta.changes.length) return [];
    const byKey = await ctx.memo('meetings', async () => {
      const m = new Map<string, number[]>();
      delta.changes.forEach((c, i) => {
        for (const key of new Set(c.structure.meetings.map(meetingKey))) {
          let l = m.get(key);
          if (!l) m.set(key, (l = []));
          l.push(i);
        }
      });
      return m;
    });
    const docs = (byKey.get(monitor.params.meeting ?? '') ?? []).filter((i) => i >= first);
    // A new version of a document already in the thread is an update, not a new document.
    const fresh = docs.filter((i) => delta.changes[i]!.version === 1);
    const updated = docs.filter((i) => delta.changes[i]!.version > 1);
    const out: Found[] = [];
    if (fresh.length > 0) out.push({ docs: fresh, reason: `nieuw stuk over de ${monitor.label}`, snippet: '' });
    if (updated.length > 0) out.push({ docs: updated, reason: `nieuwe versie van een stuk over de ${monitor.label}` });
    return out;
  },
};

// ------------------------------------------------------------------ written questions answered

const ANSWER_SOORT = /^antwoord/i;

/**
 * Written questions (Schriftelijke vragen) that got their answer: of one zaak (number or
 * GUID), or every answer to questions of a party. From the open data (an answer document
 * linked to the zaak) and from imported documents (an answer citing the zaak number, or
 * answering questions of the party).
 */
const answers: Matcher = {
  kind: 'answers',
  usesTk: true,
  normalize(p) {
    const z = (p.zaak ?? '').trim();
    const party = (p.party ?? '').trim();
    if (!z && !party) throw new WatchError('BAD_REQUEST', '"zaak" of "party" is nodig', 'zaak');
    if (z && !GUID.test(z.toLowerCase()) && !/^\d{4}Z\d{4,6}$/.test(z)) throw new WatchError('BAD_REQUEST', '"zaak" moet een GUID zijn of eruitzien als 2025Z03735', 'zaak');
    if (party) checked(party, 'party', 100);
    // "Tell me when my party gets a non-answer": only answers judged to be of this quality.
    const quality = (p.quality ?? '').trim();
    if (quality && !(ANSWER_QUALITIES as readonly string[]).includes(quality)) {
      throw new WatchError('BAD_REQUEST', `"quality" must be one of ${ANSWER_QUALITIES.join(', ')}`, 'quality');
    }
    if (quality && !party) throw new WatchError('BAD_REQUEST', '"quality" needs "party"', 'quality');
    const params: Record<string, string> = z ? { zaak: GUID.test(z.toLowerCase()) ? z.toLowerCase() : z } : quality ? { party, quality } : { party };
    const label = z ? `antwoord op Kamervragen ${params.zaak}` : quality ? `antwoorden aan ${party} van kwaliteit ${quality}` : `antwoorden op Kamervragen van ${party}`;
    return { params, label, query: null };
  },
  async match(ctx, monitor) {
    const out: Found[] = [];
    const z = monitor.params.zaak;
    const party = monitor.params.party ? fold(monitor.params.party) : null;
    const { delta } = ctx;
    let zaakNr = z && !GUID.test(z) ? z : null;
    const zaakIds = z ? (GUID.test(z) ? [z] : (await lookup(ctx, 'Zaak', 'nummer', z)).map((e) => e.id)) : [];
    if (z && GUID.test(z)) zaakNr = tkText((await ctx.entity(z)) ?? { id: '', category: '', updated: null, deleted: false, fields: {}, refs: [] }, 'nummer');
    const quality = monitor.params.quality ?? null;
    for (let i = delta.after(monitor.watermark); i < delta.changes.length; i++) {
      const c = delta.changes[i]!;
      const s = c.structure;
      if (quality && party !== null) {
        // Every Q&A genre: an answer of that quality to a question of the party.
        const judged = s.questions
          .filter((q) => q.party !== null && fold(q.party) === party)
          .flatMap((q) => q.answerIds)
          .map((id) => s.answers.find((a) => a.id === id))
          .find((a) => a?.quality === quality);
        if (judged) out.push({ docs: [i], reason: `antwoord aan ${monitor.params.party}: ${quality}${judged.qualityReason ? ` (${judged.qualityReason})` : ''}`, snippet: judged.text.slice(0, 240) });
        continue;
      }
      if (c.kind !== 'antwoord-kamervragen') continue;
      const hit = zaakNr ? s.identifiers.zaakNumbers.some((n) => n.replace(/\s+/g, '').toUpperCase() === zaakNr!.toUpperCase()) : party !== null && s.questions.some((q) => q.party !== null && fold(q.party) === party);
      if (hit) out.push({ docs: [i], reason: zaakNr ? `antwoord op Kamervragen ${zaakNr}` : `antwoord op Kamervragen van ${monitor.params.party}`, snippet: s.answers[0]?.text.slice(0, 240) ?? '' });
    }
    if (zaakIds.length > 0) {
      const found = await followed(ctx, monitor, zaakIds, () => `antwoord op Kamervragen ${zaakNr ?? ''}`.trim(), (t) => t.entity.category === 'Document' && ANSWER_SOORT.test(tkText(t.entity, 'soort') ?? ''));
      out.push(...found);
    }
    return out;
  },
};

export const MATCHERS: Record<string, Matcher> = { search, party, dossier, commitments, person, committee, zaak, meeting, answers };

export function matcherFor(kind: string): Matcher {
  const m = MATCHERS[kind];
  if (!m) throw new WatchError('BAD_REQUEST', `Onbekende soort volger "${kind}" (bekend: ${Object.keys(MATCHERS).join(', ')})`, 'kind');
  return m;
}
