/**
 * Links that never die: where a reference (a kamerstuk, a Council document, a Kamer document
 * number, a dossier) leads. To the document in the archive when it is there, else to the
 * Kamer's page about it (a dossier's timeline), else to a page that says in Dutch that it is
 * not (yet) in the archive, with what is known and the official publication.
 */
import { KamerlensError, type Citation } from '../domain/index.js';
import { councilKey, kamerstukKey, normaliseDossier, type DocRef } from '../store/structure-index.js';
import { documentUrl } from './presenters.js';
import type { Services } from './services.js';
import { getDossier, kamerSiteUrl, resolveDocumentNummer } from './tk.js';
import { councilOfficialUrl, eurLexUrl, kamerstukOfficialUrl, type MissingReference } from './official.js';

export { missingDossier, type MissingReference, type ReferenceKind } from './official.js';

export type Resolution = { found: true; location: string } | { found: false; missing: MissingReference };

/** Where a citation's link goes: the resolver page for a numbered reference, else the official source. */
export function citationLocation(c: Citation): string | null {
  switch (c.kind) {
    case 'kamerstuk':
      return c.number ? kamerstukPath(c.dossier, c.number) : `/dossiers/${encodeURIComponent(normaliseDossier(c.dossier))}`;
    case 'council-doc':
      return councilKey(c.id) ? councilPath(c.id) : `/search?q=${encodeURIComponent(`"${c.id}"`)}`;
    case 'eu-act':
      return eurLexUrl(c.type, c.id);
    case 'url':
      return null;
  }
}

export const kamerstukPath = (dossier: string, nr: string) => `/stukken/kamerstuk/${encodeURIComponent(normaliseDossier(dossier))}/${encodeURIComponent(nr)}`;
/** `13943/17` → `/stukken/raad/13943-17` (a slash cannot be one path segment). */
export const councilPath = (id: string) => `/stukken/raad/${encodeURIComponent((councilKey(id) ?? id).replace(/^council:/, '').replace('/', '-'))}`;

/** Kamerstuk `dossier` nr. `nr`: the archive's document, the Kamer's dossier timeline, or missing. */
export async function resolveKamerstuk(s: Services, dossier: string, nr: string): Promise<Resolution> {
  const d = normaliseDossier(dossier);
  if (!/^\d{3,6}(?:-[0-9A-Z-]{1,8})?$/.test(d) || !/^\d{1,5}$/.test(nr)) {
    throw new KamerlensError('BAD_REQUEST', `"${dossier} nr. ${nr}" is geen kamerstuknummer (zoals 21501-33 nr. 1113)`, { field: 'nummer' });
  }
  const number = String(Number(nr));
  const key = kamerstukKey(d, number);
  const docs = await s.structure.documentsWithKey(key);
  if (docs[0]) return { found: true, location: documentUrl(docs[0].id) };
  if (s.tk) {
    try {
      const dossierData = await getDossier({ tk: s.tk, store: s.store, structure: s.structure }, d);
      const doc = dossierData.documenten.find((x) => x.volgnummer === Number(number));
      if (doc?.documentUrl) return { found: true, location: doc.documentUrl };
      if (doc) return { found: true, location: `/dossiers/${encodeURIComponent(d)}#nr-${number}` };
    } catch (e) {
      if (!(e instanceof KamerlensError && e.code === 'NOT_FOUND')) throw e;
    }
  }
  return {
    found: false,
    missing: {
      kind: 'kamerstuk',
      label: `Kamerstuk ${d} nr. ${number}`,
      official: { url: kamerstukOfficialUrl(d, number), label: 'officielebekendmakingen.nl' },
      searchQuery: `dossier:${d}`,
      citedBy: await citingByCitation(s, key),
    },
  };
}

/** Council document `13943/17` (as `13943-17`): the archive's document or missing. */
export async function resolveCouncilDoc(s: Services, id: string): Promise<Resolution> {
  const plain = id.replace('-', '/');
  const key = councilKey(plain);
  if (!key) throw new KamerlensError('BAD_REQUEST', `"${id}" is geen Raadsdocumentnummer (zoals 13943/17)`, { field: 'nummer' });
  const docs = await s.structure.documentsWithKey(key);
  if (docs[0]) return { found: true, location: documentUrl(docs[0].id) };
  const number = key.replace(/^council:/, '');
  const url = councilOfficialUrl(number);
  return {
    found: false,
    missing: {
      kind: 'raadsdocument',
      label: `Raadsdocument ${number}`,
      official: url ? { url, label: 'het register van de Raad van de EU' } : null,
      searchQuery: `"${number}"`,
      citedBy: await citingByCitation(s, key),
    },
  };
}

/** A Kamer document number (`2024D17688`): the archive, its zaak, the Kamer's page, or missing. */
export async function resolveDocument(s: Services, nummer: string): Promise<Resolution> {
  const wanted = nummer.trim().toUpperCase();
  if (!/^\d{4}D\d{5}$/.test(wanted)) throw new KamerlensError('BAD_REQUEST', `"${nummer}" is geen documentnummer (zoals 2025D08504)`, { field: 'nummer' });
  const docs = await s.structure.documentsWithKey(`docnr:${wanted}`);
  if (docs[0]) return { found: true, location: documentUrl(docs[0].id) };
  if (s.tk) {
    try {
      return { found: true, location: await resolveDocumentNummer({ tk: s.tk, store: s.store, structure: s.structure }, wanted) };
    } catch (e) {
      if (!(e instanceof KamerlensError && e.code === 'NOT_FOUND')) throw e;
    }
  }
  return {
    found: false,
    missing: {
      kind: 'document',
      label: `Document ${wanted}`,
      official: { url: kamerSiteUrl(wanted, null), label: 'tweedekamer.nl' },
      searchQuery: `"${wanted}"`,
      citedBy: await citingByCitation(s, `docnr:${wanted}`),
    },
  };
}

/** Documents in the archive that cite `key`. */
const citingByCitation = (s: Services, key: string) => s.structure.citingKey(key);
