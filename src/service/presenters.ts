/**
 * JSON shapes of the public API, built from the data functions in services.ts. The web
 * pages' `.json` twins, `/api/*` and `kamerlens … --json` all print these.
 */
import type { EntityType } from '../domain/index.js';
import type { DocumentData, HomeData, SearchData } from './services.js';
import { presentFile } from './document-files.js';
import { presentDocumentLinks, presentPromise } from './structure-presenters.js';
import { replaceFilter } from './search-form.js';
import { activiteitUrl, commissieUrl, dossierUrl, fractieUrl, personUrl, verslagUrl, zaakUrl } from './tk.js';

export const documentUrl = (id: string) => `/documents/${encodeURIComponent(id)}`;

/**
 * A part's id is its owner's id, `#`, its anchor on the owner's page (see IndexDocument.type):
 * the owner's page at that anchor. The anchor is ours (letters, digits, `-`), the id escaped.
 */
function partUrl(page: (id: string) => string, id: string): string | null {
  const at = id.lastIndexOf('#');
  return at > 0 ? `${page(id.slice(0, at))}#${encodeURIComponent(id.slice(at + 1))}` : null;
}

/** The page of a search result of any type (open-data entities by their id, parts at their anchor). */
export function resultUrl(type: EntityType, id: string): string {
  switch (type) {
    case 'document':
      return documentUrl(id);
    case 'zaak':
      return zaakUrl(id);
    case 'activiteit':
      return activiteitUrl(id);
    case 'dossier':
      return dossierUrl(id);
    case 'persoon':
      return personUrl(id);
    case 'commissie':
      return commissieUrl(id);
    case 'fractie':
      return fractieUrl(id);
    case 'toezegging':
      // Extracted from a document: its row there; from the Kamer's register: redirects (toezeggingLocation).
      return partUrl(documentUrl, id) ?? `/kamer/toezeggingen/${encodeURIComponent(id)}`;
    case 'vraag':
      return partUrl(documentUrl, id) ?? documentUrl(id);
    case 'passage':
      // A turn of a VLOS report is on the report's page; one of a Handelingen text (`#beurt-3`) on its document's.
      return /#beurt-\d+$/.test(id) ? partUrl(documentUrl, id)! : (partUrl(verslagUrl, id) ?? verslagUrl(id));
  }
}

/** The query asking for results of one type instead of documents. */
export function withType(q: string, type: EntityType): string {
  return replaceFilter(q, 'type', type);
}

export function presentSearch(d: SearchData) {
  return {
    ok: true as const,
    q: d.q,
    total: d.total,
    totalIsEstimate: d.totalIsEstimate,
    page: d.page,
    pageSize: d.pageSize,
    pageCount: d.pageCount,
    results: d.results.map((h) => ({
      id: h.id,
      type: h.type,
      title: h.title,
      kind: h.kind,
      date: h.date,
      snippet: h.snippet,
      highlights: h.highlights,
      score: h.score,
      url: resultUrl(h.type, h.id),
      /** Words this result matched only through the thesaurus: [{ typed, matched }]. */
      viaSynonym: h.viaSynonym,
    })),
    facets: d.facets,
    facetsAreEstimates: d.facetsAreEstimates,
    synonyms: d.synonyms,
    /** For a search of documents: what else it finds, per type (each with the query of that type) and the best few. */
    others: d.others
      ? {
          counts: d.others.counts.map((c) => ({ ...c, q: withType(d.q, c.type) })),
          top: d.others.top.map((h) => ({ id: h.id, type: h.type, title: h.title, date: h.date, snippet: h.snippet, highlights: h.highlights, url: resultUrl(h.type, h.id) })),
        }
      : null,
  };
}

export function presentDocument(d: DocumentData) {
  const { document: doc, version: v } = d;
  return {
    ok: true as const,
    document: {
      id: doc.id,
      title: doc.title,
      kind: doc.kind,
      date: doc.date,
      version: v.version,
      currentVersion: doc.currentVersion,
      format: v.format,
      fileName: v.fileName,
      importedAt: v.importedAt,
      text: v.text,
      pages: v.pages,
      structure: v.structure,
      links: presentDocumentLinks(d.links),
      // Its commitments as promises: whether each was kept (by which letter) and the Kamer's register entry for it.
      promises: d.promises.map(presentPromise),
      highlights: d.q ? d.highlights : undefined,
      versions: d.versions.map((x) => ({
        version: x.version,
        current: x.current,
        importedAt: x.importedAt,
        fileName: x.fileName,
        byteSize: x.byteSize,
      })),
      // Every file of the document: the formats of each version (one letter as PDF, DOCX and HTML).
      files: d.files.map(presentFile),
      // What this version changed, in words; the text diff is at urls.changes.
      changes: d.changes ? { from: d.changes.from.version, to: d.changes.to.version, sentences: d.changes.sentences, changes: d.changes.changes, text: d.changes.text } : null,
      urls: {
        html: documentUrl(doc.id),
        original: v.hasOriginal ? `${documentUrl(doc.id)}/original?version=${v.version}` : null,
        changes: d.changes ? `/api/documents/${encodeURIComponent(doc.id)}/changes?from=${d.changes.from.version}&to=${d.changes.to.version}` : null,
      },
      /** The report of a sitting this text came from (kind `handelingen`), else null. */
      verslag: d.verslag,
      /** Who said what in an imported Handelingen (its agenda items, speakers and turns), else null. */
      debat: d.debat,
      /** What the Kamer's open data says of it (the page's "In de Kamer" box; also /api/documents/<id>/parliament), else null. */
      parliament: d.tk,
    },
  };
}

export function presentHome(d: HomeData) {
  return {
    ok: true as const,
    stats: d.stats,
    recent: d.recent.map((r) => ({ ...r, url: documentUrl(r.id) })),
    failures: d.failures.map((f) => ({ source: f.source, code: f.errorCode, message: f.message, at: f.at })),
  };
}

export type SearchJson = ReturnType<typeof presentSearch>;
export type DocumentJson = ReturnType<typeof presentDocument>;
