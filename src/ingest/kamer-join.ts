/**
 * A document's search entry with what the Kamer's open data knows of it: the Document
 * entities it is (the sync's file, or a Kamerstuk imported by hand with the same dossier and
 * volgnummer), their dossier, the people and committees recorded as their actors and their
 * zaken's, and the Kamer's people its signatures name (matched by name and role). One home
 * for the join, so an import and the sync's projection index a document alike.
 */
import type { IndexDocument, ParsedDocument } from '../domain/index.js';
import { tkPersoonView, tkRef, tkText, type TkEntity } from '../domain/tk.js';
import { matchKamerPersons, tkDocumentsOfKamerstuk, tkDossierKey } from '../store/tk-kamerstuk.js';
import type { TkStore } from '../store/tk-store.js';

const unique = (xs: (string | null | undefined)[]) => [...new Set(xs.filter((x): x is string => !!x && x.trim() !== ''))];

/** People, committees and parties recorded as actors of an entity (ZaakActor, …). */
export async function actorsOf(tk: TkStore, ownerId: string, actorCategory: string, ref: string) {
  const persons: string[] = [];
  const committees: string[] = [];
  const parties: string[] = [];
  for (const r of await tk.refsTo(ownerId, ref)) {
    if (r.otherCategory !== actorCategory) continue;
    const a = await tk.getEntity(r.fromId);
    if (!a) continue;
    const naam = tkText(a, 'actorNaam');
    if (tkRef(a, 'commissie')) committees.push(...unique([naam, tkText(a, 'actorAfkorting')]));
    else if (tkRef(a, 'persoon')) {
      const p = await tk.getEntity(tkRef(a, 'persoon')!);
      persons.push(...unique([naam, p?.category === 'Persoon' ? tkPersoonView(p).naam : null]));
    }
    const fractie = tkText(a, 'actorFractie');
    if (fractie) parties.push(fractie);
  }
  return { persons: unique(persons), committees: unique(committees), parties: unique(parties) };
}

/** The names a person is searched by: "Barbara Kathmann" and "B.C. Kathmann". */
export function persoonNames(p: TkEntity): string[] {
  const v = tkPersoonView(p);
  return unique([v.naam, [v.initialen, v.tussenvoegsel, v.achternaam].filter(Boolean).join(' ')]);
}

/**
 * `entry` (toIndexDocument of the document) with the Kamer's side added. `known`: Document
 * entities already known to be this document (the sync's file); Kamerstukken are looked up by
 * their number. Without the Kamer's data nothing changes.
 */
export async function withKamer(tk: TkStore, entry: IndexDocument, structure: ParsedDocument, known: readonly TkEntity[] = []): Promise<IndexDocument> {
  const entities = new Map(known.map((e) => [e.id, e]));
  if (structure.kamerstuk) for (const e of await tkDocumentsOfKamerstuk(tk, structure.kamerstuk)) entities.set(e.id, e);
  const persons = [...(entry.persons ?? [])];
  const committees = [...(entry.committees ?? [])];
  const dossiers = [...entry.dossiers];
  for (const e of entities.values()) {
    const own = await actorsOf(tk, e.id, 'DocumentActor', 'document');
    persons.push(...own.persons);
    committees.push(...own.committees);
    for (const r of e.refs.filter((x) => x.name === 'zaak')) {
      const z = await actorsOf(tk, r.ref, 'ZaakActor', 'zaak');
      persons.push(...z.persons);
      committees.push(...z.committees);
    }
    // The Kamer files it in its dossier (attachments too): `dossier:` finds what the dossier page lists.
    const d = await tk.getEntity(tkRef(e, 'kamerstukdossier') ?? '');
    if (d?.category === 'Kamerstukdossier') dossiers.push(tkDossierKey(d) ?? '');
  }
  for (const m of await matchKamerPersons(tk, structure.signatories, entry.kind)) persons.push(...persoonNames(m.persoon));
  return { ...entry, dossiers: unique(dossiers), persons: unique(persons), committees: unique(committees) };
}
