/**
 * JSON shapes of the public API, built from the data functions in services.ts. The web
 * pages' `.json` twins, `/api/*` and `kamerlens … --json` all print these.
 */
import type { DocumentData, HomeData, SearchData } from './services.js';
import { presentDocumentLinks } from './structure-presenters.js';

export const documentUrl = (id: string) => `/documents/${encodeURIComponent(id)}`;

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
      title: h.title,
      kind: h.kind,
      date: h.date,
      snippet: h.snippet,
      highlights: h.highlights,
      score: h.score,
      url: documentUrl(h.id),
    })),
    facets: d.facets,
    facetsAreEstimates: d.facetsAreEstimates,
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
      highlights: d.q ? d.highlights : undefined,
      versions: d.versions.map((x) => ({
        version: x.version,
        current: x.current,
        importedAt: x.importedAt,
        fileName: x.fileName,
        byteSize: x.byteSize,
      })),
      urls: {
        html: documentUrl(doc.id),
        original: v.hasOriginal ? `${documentUrl(doc.id)}/original?version=${v.version}` : null,
      },
    },
  };
}

export function presentHome(d: HomeData) {
  return {
    ok: true as const,
    stats: d.stats,
    recent: d.recent.map((r) => ({ ...r, url: documentUrl(r.id) })),
  };
}

export type SearchJson = ReturnType<typeof presentSearch>;
export type DocumentJson = ReturnType<typeof presentDocument>;
