/**
 * One identity for a Kamerstuk in both worlds: the number printed on it ("21 501-33, nr.
 * 1120", `kst-21501-33-1120`, the parser's `structure.kamerstuk`) and the Kamer's own record
 * (a Document whose `kamerstukdossier` has nummer 21501 and toevoeging 33, with volgnummer
 * 1120). And the people who signed it, matched to the Kamer's Persoon records by name and
 * role. Reads only through the TkStore interface and its indexes (a dossier by nummer, a
 * document by volgnummer within its dossier, a person by achternaam).
 */
import { foldName, parsePersonName } from '../domain/person-name.js';
import type { DocumentKind, KamerstukId, Signatory } from '../domain/index.js';
import { tkRef, tkText, type TkEntity } from '../domain/tk.js';
import type { TkStore } from './tk-store.js';

/** `21 501 - 33` → `21501-33`, `36410-xiv` → `36410-XIV`: as kamerstukken are keyed everywhere. */
export const normaliseDossierKey = (s: string) => s.replace(/\s+/g, '').toUpperCase();

/** A Kamerstukdossier's key: nummer and toevoeging (`21501-33`), or null without a nummer. */
export function tkDossierKey(d: TkEntity): string | null {
  const nummer = tkText(d, 'nummer');
  if (!nummer) return null;
  const toevoeging = tkText(d, 'toevoeging');
  return normaliseDossierKey(toevoeging ? `${nummer}-${toevoeging}` : nummer);
}

/** The Kamerstukdossier with this key (`21501-33`, `36278`), from the index on its nummer. */
export async function findTkDossier(tk: TkStore, key: string): Promise<TkEntity | null> {
  const k = normaliseDossierKey(key);
  const m = /^(\d+)(?:-(.+))?$/.exec(k);
  if (!m) return null;
  const hits = await tk.listEntities({ category: 'Kamerstukdossier', field: 'nummer', value: m[1]!, limit: 50 });
  return hits.items.find((d) => tkDossierKey(d) === k) ?? null;
}

/** What a Document entity is as a Kamerstuk (its dossier and volgnummer), or null when it is none. */
export async function tkKamerstukOf(tk: TkStore, e: TkEntity, get: (id: string) => Promise<TkEntity | null> = (id) => tk.getEntity(id)): Promise<KamerstukId | null> {
  const volgnummer = tkText(e, 'volgnummer');
  const dossierId = tkRef(e, 'kamerstukdossier');
  if (!volgnummer || !/^\d+$/.test(volgnummer) || !dossierId) return null;
  const d = await get(dossierId);
  const key = d && d.category === 'Kamerstukdossier' ? tkDossierKey(d) : null;
  if (!key) return null;
  const number = String(Number(volgnummer));
  return { dossier: key, number, id: `kst-${key}-${number}` };
}

/**
 * The Kamer's Document entities for a Kamerstuk: the dossier by its nummer, then its documents
 * with that volgnummer (a main document and, rarely, a re-issue; attachments carry none).
 */
export async function tkDocumentsOfKamerstuk(tk: TkStore, ks: Pick<KamerstukId, 'dossier' | 'number'>): Promise<TkEntity[]> {
  const d = await findTkDossier(tk, ks.dossier);
  if (!d) return [];
  const page = await tk.listOrdered({
    category: 'Document',
    order: 'day',
    refersTo: { ref: 'kamerstukdossier', id: d.id },
    where: [{ field: 'volgnummer', value: String(Number(ks.number)) }],
    limit: 20,
  });
  return page.items;
}

type Role = 'lid' | 'bewindspersoon';

/** What a signature says its signer is; null when it does not say (then any role fits). */
function signatureRole(s: Signatory, kind: DocumentKind | null): Role | 'none' | null {
  const r = s.role ?? '';
  if (/griffier|secretaris van de|adjunct/i.test(r) && !/staatssecretaris/i.test(r)) return 'none';
  if (/minister|staatssecretaris/i.test(r)) return 'bewindspersoon';
  if (/\blid\b|kamerlid|voorzitter/i.test(r)) return 'lid';
  // Motions and amendments are moved by members ("Motie van het lid Kathmann").
  if (!r && (kind === 'motie' || kind === 'amendement')) return 'lid';
  return null;
}

/** What the Kamer says a person is now; null for a former one ("Oud minister"), who may have been either. */
function persoonRole(p: TkEntity): Role | null {
  const f = tkText(p, 'functie') ?? '';
  if (/^oud\b/i.test(f.trim())) return null;
  if (/minister|staatssecretaris/i.test(f)) return 'bewindspersoon';
  if (/kamerlid/i.test(f)) return 'lid';
  return null;
}

const letters = (s: string) => s.replace(/[^\p{L}]/gu, '').toLowerCase();

export interface MatchedSigner {
  signatory: Signatory;
  persoon: TkEntity;
}

/**
 * The Kamer's Persoon for each signature, conservatively: the surname (and tussenvoegsel and
 * initials when the signature gives them) must fit exactly one person whose role does not
 * contradict the signature's (a member moving a motion, a minister signing a letter). A name
 * that fits two people matches nobody; so does a clerk's.
 */
export async function matchKamerPersons(
  tk: TkStore,
  signatories: readonly Signatory[],
  kind: DocumentKind | null,
  byAchternaam: (achternaam: string) => Promise<TkEntity[]> = async (a) => (await tk.listEntities({ category: 'Persoon', field: 'achternaam', value: a, limit: 50 })).items,
): Promise<MatchedSigner[]> {
  const out: MatchedSigner[] = [];
  const seen = new Set<string>();
  for (const s of signatories) {
    const role = signatureRole(s, kind);
    if (role === 'none') continue;
    const name = parsePersonName(s.name);
    if (!name) continue;
    const fits = (p: TkEntity, withTussenvoegsel: boolean) => {
      const pr = persoonRole(p);
      if (role && pr && pr !== role) return false;
      if (withTussenvoegsel && foldName(tkText(p, 'tussenvoegsel') ?? '') !== foldName(name.tussenvoegsel ?? '')) return false;
      const ini = tkText(p, 'initialen');
      if (name.initialen && ini) {
        const a = letters(name.initialen);
        const b = letters(ini);
        if (!a.startsWith(b) && !b.startsWith(a)) return false;
      }
      return true;
    };
    let candidates = (await byAchternaam(name.achternaam)).filter((p) => p.category === 'Persoon' && fits(p, true));
    if (candidates.length === 0 && name.naVoornaam) candidates = (await byAchternaam(name.naVoornaam)).filter((p) => p.category === 'Persoon' && fits(p, false));
    if (candidates.length !== 1) continue;
    const p = candidates[0]!;
    if (seen.has(p.id)) continue;
    seen.add(p.id);
    out.push({ signatory: s, persoon: p });
  }
  return out;
}

/** The structure index's key of documents signed by someone of this surname (`signer:kathmann`; ownKeys writes it). */
export const signerKey = (achternaam: string) => `signer:${foldName(achternaam)}`;
