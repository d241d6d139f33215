/**
 * Keeps the search index in step with the synced open data: zaken, activities,
 * commitments, dossiers, people, committees and parties become search entries of their own
 * (found with `type:`), and documents that came from the Kamer gain the people and
 * committees the Kamer records for them (`person:`, `committee:`).
 *
 * It follows the open-data change log (tk_changes) from the sequence number it last
 * indexed, which the index keeps in the same transaction as the entries, so an interrupted
 * run resumes where it stopped and a rerun with nothing new does nothing.
 */
import type { EntityType, IndexDocument } from '../domain/search.js';
import { tkPersoonView, tkRef, tkText, type TkEntity } from '../domain/tk.js';
import type { TkStore } from '../store/tk-store.js';
import { kamerstukKey, type StructureStore } from '../store/structure-index.js';
import { signerKey, tkKamerstukOf } from '../store/tk-kamerstuk.js';
import { toIndexDocument } from './document.js';
import type { IngestDeps } from './import.js';
import { actorsOf, withKamer } from './kamer-join.js';
import { noProgress } from './ports.js';

export const TK_SEARCH_CURSOR = 'tk-search-seq';
/** Changes read per transaction: bounds memory and the work lost to an interruption. */
const CHUNK = 2_000;

/** Open-data categories that are search entries, with their result type. */
const ENTRY_TYPE: Record<string, EntityType> = {
  Zaak: 'zaak',
  Activiteit: 'activiteit',
  Toezegging: 'toezegging',
  Kamerstukdossier: 'dossier',
  Persoon: 'persoon',
  Commissie: 'commissie',
  Fractie: 'fractie',
};

/** Categories whose records describe another entity's people (reference to the owner). */
const ACTOR_OWNER: Record<string, { ref: string; category: string }> = {
  ZaakActor: { ref: 'zaak', category: 'Zaak' },
  ActiviteitActor: { ref: 'activiteit', category: 'Activiteit' },
  DocumentActor: { ref: 'document', category: 'Document' },
};

export type TkSearchDeps = Pick<IngestDeps, 'units' | 'store' | 'index' | 'progress'> & {
  tk: TkStore;
  /** Finds Kamerstukken imported by hand by their number (absent: only the sync's own files are joined). */
  structure?: Pick<StructureStore, 'documentsWithKey'> | undefined;
};

/** Documents re-joined per new or changed person, at most (a surname many signers share is bounded). */
const SIGNED_MAX = 500;

export interface TkSearchResult {
  /** Entries written (entities and documents). */
  indexed: number;
  removed: number;
  /** The change sequence the index now reflects. */
  seq: number;
}

/**
 * Brings the index up to the open data's latest change. `full` starts from the beginning
 * (after a reparse rebuilt document entries without the Kamer's people and committees).
 */
export async function projectTkSearch(deps: TkSearchDeps, options: { full?: boolean } = {}): Promise<TkSearchResult> {
  const { tk, store, index } = deps;
  const progress = deps.progress ?? noProgress;
  const head = await tk.changeHead();
  const start = options.full ? 0 : Number((await index.getMeta(TK_SEARCH_CURSOR)) ?? 0);
  const result: TkSearchResult = { indexed: 0, removed: 0, seq: start };
  try {
    for (let after = start; after < head; ) {
      const upto = Math.min(head, after + CHUNK);
      const owners = new Map<string, string>();
      const removals: string[] = [];
      const people = new Set<string>();
      const changes = await tk.changesSince(after, upto);
      // Read in batches up front, not one query per change: the actors, then the owners.
      const actors = await tk.getEntities(changes.filter((c) => !c.deleted && ACTOR_OWNER[c.category] && ENTRY_TYPE[c.category] === undefined).map((c) => c.id));
      for (const c of changes) {
        const type = ENTRY_TYPE[c.category];
        if (type !== undefined) {
          if (c.deleted) removals.push(`${type}:${c.id}`);
          else owners.set(c.id, c.category);
          if (!c.deleted && c.category === 'Persoon') people.add(c.id);
        } else if (c.category === 'Document') {
          if (!c.deleted) owners.set(c.id, 'Document');
        } else if (!c.deleted && ACTOR_OWNER[c.category]) {
          // A deleted actor is gone with its reference: its owner is refreshed when it next changes.
          const { ref, category } = ACTOR_OWNER[c.category]!;
          const actor = actors.get(c.id) ?? null;
          const owner = actor ? tkRef(actor, ref) : null;
          if (owner) owners.set(owner, category);
        }
      }
      const entries: IndexDocument[] = [];
      const owned = await tk.getEntities([...owners.keys()]);
      for (const [id, category] of owners) {
        const e = owned.get(id.toLowerCase()) ?? null;
        if (!e || e.category !== category) continue;
        if (category === 'Document') entries.push(...(await documentEntries(deps, e)));
        else {
          const entry = await entityEntry(tk, e, ENTRY_TYPE[category]!);
          if (entry) entries.push(entry);
        }
      }
      entries.push(...(await signedBy(deps, people, new Set(entries.map((x) => x.id)))));
      await deps.units.transaction(async (tx) => {
        await tx.index.remove(removals);
        await tx.index.upsert(entries);
        await tx.index.setMeta(TK_SEARCH_CURSOR, String(upto));
      });
      result.indexed += entries.length;
      result.removed += removals.length;
      result.seq = upto;
      after = upto;
      progress.update(upto - start, head - start, 'search index');
    }
  } finally {
    progress.stop();
  }
  return result;
}

const text = (...parts: (string | null | undefined)[]) => parts.filter((p): p is string => !!p && p.trim() !== '').join('\n');
const day = (v: string | null) => (v && /^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : null);
const unique = (xs: (string | null | undefined)[]) => [...new Set(xs.filter((x): x is string => !!x && x.trim() !== ''))];

async function dossierKey(tk: TkStore, e: TkEntity): Promise<string[]> {
  const d = await tk.getEntity(tkRef(e, 'kamerstukdossier') ?? '');
  if (!d || d.category !== 'Kamerstukdossier') return [];
  const nummer = tkText(d, 'nummer');
  const toevoeging = tkText(d, 'toevoeging');
  return nummer ? [toevoeging ? `${nummer}-${toevoeging}` : nummer] : [];
}

/** The search entry of an open-data entity that has a page of its own. */
export async function entityEntry(tk: TkStore, e: TkEntity, type: EntityType): Promise<IndexDocument | null> {
  const base = { id: `${type}:${e.id}`, type, kind: 'overig' as const, parties: [] as string[], dossiers: [] as string[] };
  const t = (f: string) => tkText(e, f);
  switch (type) {
    case 'zaak': {
      const actors = await actorsOf(tk, e.id, 'ZaakActor', 'zaak');
      return {
        ...base, ...actors, date: day(t('gestartOp')), dossiers: await dossierKey(tk, e),
        title: t('onderwerp') ?? t('titel') ?? t('nummer') ?? e.id,
        text: text(t('nummer'), t('soort'), t('titel'), t('onderwerp'), t('kabinetsappreciatie')),
      };
    }
    case 'activiteit': {
      const actors = await actorsOf(tk, e.id, 'ActiviteitActor', 'activiteit');
      const voortouw = await tk.getEntity(tkRef(e, 'voortouwcommissie') ?? '');
      const committees = unique([t('voortouwnaam'), t('voortouwafkorting'), voortouw ? tkText(voortouw, 'naamNl') : null, ...actors.committees]);
      return {
        ...base, ...actors, committees, date: day(t('datum')),
        title: [t('soort'), t('onderwerp')].filter(Boolean).join(': ') || (t('nummer') ?? e.id),
        text: text(t('nummer'), t('soort'), t('onderwerp'), t('locatie'), t('voortouwnaam'), t('noot')),
      };
    }
    case 'toezegging': {
      const door = [t('voornaam') ?? t('initialen'), t('tussenvoegsel'), t('naam') ?? t('achternaam')].filter(Boolean).join(' ');
      const aan = await tk.getEntity(tkRef(e, 'toegezegdAanPersoon') ?? '');
      const fractie = await tk.getEntity(tkRef(e, 'toegezegdAanFractie') ?? '');
      const tekst = t('tekst') ?? '';
      return {
        ...base, date: day(t('aanmaakdatum')),
        title: tekst.length > 120 ? tekst.slice(0, 117).replace(/\s+\S*$/, '') + '…' : tekst || `Toezegging ${t('nummer') ?? e.id}`,
        text: text(tekst, t('nummer'), door, t('functie'), t('ministerie'), t('status')),
        persons: unique([door, aan?.category === 'Persoon' ? tkPersoonView(aan).naam : null]),
        parties: unique([fractie ? tkText(fractie, 'afkorting') : null]),
      };
    }
    case 'dossier': {
      const key = t('nummer') ? (t('toevoeging') ? `${t('nummer')}-${t('toevoeging')}` : t('nummer')!) : null;
      return {
        ...base, date: null, dossiers: key ? [key] : [],
        title: t('titel') ?? key ?? e.id,
        text: text(key ? `Kamerstuk ${key}` : null, t('titel'), t('citeertitel'), t('alias')),
      };
    }
    case 'persoon': {
      const v = tkPersoonView(e);
      return {
        ...base, date: null, persons: unique([v.naam, [v.initialen, v.tussenvoegsel, v.achternaam].filter(Boolean).join(' ')]), parties: unique([v.fractielabel]),
        title: v.naam || e.id,
        text: text(v.naam, t('voornamen'), v.functie, v.fractielabel, t('woonplaats')),
      };
    }
    case 'commissie':
      return {
        ...base, date: null, committees: unique([t('naamNl'), t('naamWebNl'), t('afkorting')]),
        title: t('naamNl') ?? t('afkorting') ?? e.id,
        text: text(t('naamNl'), t('naamWebNl'), t('afkorting'), t('soort'), t('inhoudsopgave')),
      };
    case 'fractie':
      return {
        ...base, date: null, parties: unique([t('afkorting')]),
        title: t('naamNl') ?? t('afkorting') ?? e.id,
        text: text(t('naamNl'), t('afkorting'), t('naamEn')),
      };
    case 'document':
    case 'vraag':
    case 'passage':
      return null; // parts of documents and reports: src/ingest/structure-search.ts
  }
}

/**
 * The kamerlens documents a Document entity is: the one the sync imported its file into (also
 * when that content was already stored, from a user's own file, under another id), and
 * Kamerstukken imported by hand under its dossier and volgnummer. Each with the people who
 * signed or submitted it, the committees and people of its zaken, and its dossier.
 */
async function documentEntries(deps: TkSearchDeps, e: TkEntity): Promise<IndexDocument[]> {
  const { tk, store } = deps;
  const ids = new Set<string>();
  const fromSync = await store.documentFromSource(`tk:${e.id}`);
  if (fromSync) ids.add(fromSync);
  const ks = deps.structure ? await tkKamerstukOf(tk, e) : null;
  if (ks) for (const d of await deps.structure!.documentsWithKey(kamerstukKey(ks.dossier, ks.number))) ids.add(d.id);
  const out: IndexDocument[] = [];
  for (const id of ids) {
    const doc = await store.getDocument(id);
    const v = doc ? await store.getVersion(doc.id, doc.currentVersion) : null;
    if (!doc || !v) continue;
    const entry = toIndexDocument(doc.id, { title: doc.title, kind: doc.kind, date: doc.date, text: v.text, structure: v.structure });
    out.push(await withKamer(tk, entry, v.structure, [e]));
  }
  return out;
}

/**
 * Documents signed by someone of a changed person's surname, joined again: a person the Kamer
 * records after the user imported their motion (or whose function changed) now matches it.
 */
async function signedBy(deps: TkSearchDeps, people: Set<string>, done: Set<string>): Promise<IndexDocument[]> {
  const { tk, store } = deps;
  if (!deps.structure || people.size === 0) return [];
  const out: IndexDocument[] = [];
  for (const id of people) {
    const p = await tk.getEntity(id);
    const achternaam = p?.category === 'Persoon' ? tkText(p, 'achternaam') : null;
    if (!achternaam) continue;
    for (const d of (await deps.structure.documentsWithKey(signerKey(achternaam))).slice(-SIGNED_MAX)) {
      if (done.has(d.id)) continue;
      done.add(d.id);
      const doc = await store.getDocument(d.id);
      const v = doc ? await store.getVersion(doc.id, doc.currentVersion) : null;
      if (!doc || !v) continue;
      // Its own Kamer documents (the sync's file) stay joined: the entities its sources name.
      const known: TkEntity[] = [];
      for (const source of await store.sourcesOfDocument(doc.id)) {
        const e = source.startsWith('tk:') ? await tk.getEntity(source.slice(3)) : null;
        if (e?.category === 'Document') known.push(e);
      }
      const entry = toIndexDocument(doc.id, { title: doc.title, kind: doc.kind, date: doc.date, text: v.text, structure: v.structure });
      out.push(await withKamer(tk, entry, v.structure, known));
    }
  }
  return out;
}
