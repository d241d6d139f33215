/**
 * Use cases shared by the web server, the JSON API and the CLI. Each page has one data
 * function here; HTML, JSON and the terminal are only renderers of what it returns.
 */
import {
  KamerlensError,
  type DocumentFile,
  type DocumentRecord,
  type DocumentVersion,
  type FacetBucket,
  type HighlightRange,
  type ParsedQuery,
  type SearchHit,
  type SearchResponse,
  type SearchIndex,
  type StoreStats,
  type DocumentSummary,
  type ImportRecord,
} from '../domain/index.js';
import { parseQuery } from '../search/query.js';
import { synonymNotes, type SynonymNote } from '../search/fts-query.js';
import { tkRef, tkText } from '../domain/tk.js';
import type { Store, VersionSummary } from '../store/index.js';
import type { OpenBlob } from '../store/blob-store.js';
import { ownKeys, type StructureStore } from '../store/structure-index.js';
import type { TkStore } from '../store/tk-store.js';
import type { VlosStore } from '../store/vlos-store.js';
import { getDocumentLinks, todayInAmsterdam, type DocumentLinks } from './structure.js';
import type { PromiseStore } from '../store/promise-store.js';
import { promisesOfDocuments, type PromiseRow } from './promises.js';
import { getVersionChanges, type VersionChanges } from './changes.js';
import type { ChangeStore } from '../store/change-store.js';
import { activiteitUrl, getTkDocumentPanel, type TkDocumentPanel } from './tk.js';
import { documentDebat, verslagDocumentPanel, type VerslagDocumentPanel, type VerslagInhoud } from './tk-vlos.js';
import { otherResults, synonymMatchesOf, type OtherResults, type SynonymMatch } from './search-panel.js';

export interface Services {
  store: Store;
  index: SearchIndex;
  /** What the parser understood, queryable across documents. */
  structure: StructureStore;
  /**
   * Tweede Kamer open-data entities, as `kamerlens sync` keeps them. Optional so that test
   * worlds without the Kamer pages keep working; the composition root always provides it.
   */
  tk?: TkStore | undefined;
  /** Reports of sittings as who said what, derived at sync time. */
  vlos?: VlosStore | undefined;
  /** What each new version changed, stored when it was stored (else computed on view). */
  changes?: ChangeStore | undefined;
  /** What the promise pass concluded: commitments kept, the register linked to them. */
  promises?: PromiseStore | undefined;
}

export interface HomeData {
  stats: StoreStats;
  recent: DocumentSummary[];
  /** Files that could not be imported (latest failure per file, newest first), with the reason. */
  failures: ImportRecord[];
}

export async function getHome(s: Services, recentLimit = 12, failureLimit = 20): Promise<HomeData> {
  const [stats, recent, failures] = await Promise.all([s.store.stats(), s.store.recentDocuments(recentLimit), s.store.unresolvedFailures(failureLimit)]);
  return { stats, recent, failures };
}

export interface SearchInput {
  q: string;
  page: number;
  pageSize: number;
  /** Time for verifying phrases (see SearchRequest.budgetMs); the web server always sets one. */
  budgetMs?: number;
  /** false: no side panel of other result types (the Atom feed, the CLI's plain list). */
  others?: boolean;
}

export interface SearchData {
  q: string;
  /** Null when `q` is blank. */
  query: ParsedQuery | null;
  page: number;
  pageSize: number;
  pageCount: number;
  total: number;
  totalIsEstimate: boolean;
  results: SearchResult[];
  facets: { kind: FacetBucket[]; year: FacetBucket[]; type: FacetBucket[] };
  facetsAreEstimates: boolean;
  /** What the thesaurus added: per word as typed, the synonyms also searched (ranked below it). */
  synonyms: SynonymNote[];
  /** For a search of documents: the other types it finds (the side panel); else null. */
  others: OtherResults | null;
}

/** A hit, and the words it matched only through the thesaurus ("gevonden via synoniem"). */
export type SearchResult = SearchHit & { viaSynonym: SynonymMatch[] };

export const MAX_PAGE_SIZE = 100;
/** Deep pages cost as much as all pages before them; nobody reads page 500. */
export const MAX_RESULT_WINDOW = 10_000;

export async function search(s: Services, input: SearchInput): Promise<SearchData> {
  const q = input.q.trim();
  const page = input.page;
  const pageSize = input.pageSize;
  if (!Number.isInteger(page) || page < 1) throw new KamerlensError('BAD_REQUEST', '"page" moet een heel getal van 1 of meer zijn', { field: 'page' });
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    throw new KamerlensError('BAD_REQUEST', `"pageSize" moet een heel getal van 1 tot en met ${MAX_PAGE_SIZE} zijn`, { field: 'pageSize' });
  }
  if ((page - 1) * pageSize >= MAX_RESULT_WINDOW) {
    throw new KamerlensError('BAD_REQUEST', `Verder dan de eerste ${MAX_RESULT_WINDOW} resultaten kun je niet bladeren; verfijn de zoekopdracht met filters`, { field: 'page' });
  }
  const empty: SearchData = {
    q, query: null, page, pageSize, pageCount: 0, total: 0, totalIsEstimate: false, results: [],
    facets: { kind: [], year: [], type: [] }, facetsAreEstimates: false, synonyms: [], others: null,
  };
  if (!q) return empty;
  const query = parseQuery(q);
  // viaSynonym: the engine judges each hit on the text it cuts the snippet from (read once).
  // Its snippets are cut while the panel of other types is searched (deferSnippets).
  // Where the index reads by round trips, the panel starts once the facets are counted, while
  // the page's rows travel; it is kept only if those facets are the answer's.
  // (Typed by a cast: assigned in the callback, which the compiler does not follow.)
  let early = null as { facets: SearchResponse['facets']; panel: Promise<OtherResults | null> } | null;
  const onFacets = (facets: SearchResponse['facets']) => {
    const panel = otherResults(s.index, query, facets.type, input.budgetMs);
    // Awaited below unless the search fails first or counts again.
    panel.catch(() => undefined);
    early = { facets, panel };
  };
  const r = await s.index.search({
    query, offset: (page - 1) * pageSize, limit: pageSize, viaSynonym: true, deferSnippets: true,
    ...(input.budgetMs !== undefined ? { budgetMs: input.budgetMs } : {}),
    ...(input.others === false ? {} : { onFacets }),
  });
  const others = input.others === false ? null : early?.facets === r.facets ? await early.panel : await otherResults(s.index, query, r.facets.type, input.budgetMs);
  await r.snippetsReady;
  const via = await synonymMatchesOf(s.store, query, r.hits);
  return {
    ...empty,
    query,
    total: r.total,
    totalIsEstimate: r.totalIsEstimate,
    pageCount: Math.ceil(Math.min(r.total, MAX_RESULT_WINDOW) / pageSize),
    results: r.hits.map((h, i) => ({ ...h, viaSynonym: via[i] ?? [] })),
    facets: r.facets,
    facetsAreEstimates: r.facetsAreEstimates,
    synonyms: synonymNotes(query.root),
    others,
  };
}

export interface DocumentData {
  document: DocumentRecord;
  version: DocumentVersion;
  versions: VersionSummary[];
  /** Every file of the document (all versions; the PDF, DOCX and HTML of one version are files of it), in import order. */
  files: DocumentFile[];
  /** The query whose terms are highlighted in `version.text`, if any. */
  q: string | null;
  highlights: HighlightRange[];
  /** Citations resolved to stored documents, and the documents citing this one. */
  links: DocumentLinks;
  /** What the Kamer's open data says about it, when the sync imported it; else null. */
  tk: TkDocumentPanel | null;
  /** For the text of a report of a sitting (kind `handelingen`): the report, its sitting and debate items. */
  verslag: VerslagDocumentPanel | null;
  /** What this version changed against the one before it, in words (null for a first version). */
  changes: VersionChanges | null;
  /** Who said what, for an imported Handelingen (a report of the feed has its own page: `verslag`). */
  debat: VerslagInhoud | null;
  /** The current version's commitments as promises: kept or not, linked to the Kamer's register (none for an older version). */
  promises: PromiseRow[];
}

export async function getDocument(
  s: Services,
  id: string,
  options: { version?: number; q?: string } = {},
): Promise<DocumentData> {
  // The reads that do not depend on each other go out together: on PostgreSQL each is a round
  // trip, and one after the other they were most of a document page's time.
  const [document, version, versions, files] = await Promise.all([
    s.store.getDocument(id),
    s.store.getVersion(id, options.version),
    s.store.listVersions(id),
    s.store.listFiles(id),
  ]);
  if (!document) throw new KamerlensError('NOT_FOUND', `Geen document "${id}" in het archief`, { record: id });
  if (!version) {
    throw new KamerlensError('NOT_FOUND', `Document "${id}" heeft geen versie ${options.version}`, { record: id, field: 'version' });
  }
  const q = options.q?.trim() || null;
  const isCurrent = version.version === document.currentVersion;
  // The current version's Kamerstuk number and signatures join it to the Kamer's records.
  const current = isCurrent ? version : await s.store.getVersion(id);
  const [highlights, links, tk, verslag, changes, promises] = await Promise.all([
    q ? s.index.highlightTerms(parseQuery(q)).then((highlighter) => highlighter(version.text)) : ([] as HighlightRange[]),
    getDocumentLinks(s, id, version.structure.citations, isCurrent),
    s.tk ? getTkDocumentPanel({ ...s, tk: s.tk }, document, current?.structure ?? null) : null,
    s.tk ? verslagDocumentPanel({ ...s, tk: s.tk }, document) : null,
    version.version > 1 ? getVersionChanges(s, id, { to: version.version }, { blocks: false }) : null,
    isCurrent ? promisesOfDocuments(s, [id], todayInAmsterdam()) : [],
  ]);
  // A document that names its own number (a header's "Kamerstuk 21501-33-1113") does not cite itself.
  const own = new Set(ownKeys({ title: document.title, kind: document.kind, date: document.date }, version.structure));
  links.citations = links.citations.filter((c) => !c.key || !own.has(c.key));
  const debat = document.kind === 'handelingen' && !verslag ? await documentDebat(s, id) : null;
  return { document, version, versions, files, q, highlights, links, tk, verslag, changes, debat, promises };
}

export interface OriginalFile {
  /** The bytes as a stream (read it or destroy it): a download never holds the file whole. */
  body: OpenBlob;
  fileName: string;
  mimeType: string;
}

export async function getOriginal(s: Services, id: string, versionNo?: number): Promise<OriginalFile> {
  const version = await s.store.getVersion(id, versionNo);
  const body = version ? await s.store.openOriginal(id, version.version) : null;
  if (!version || !body) throw new KamerlensError('NOT_FOUND', `Van document "${id}" is geen origineel bestand bewaard`, { record: id });
  return { body, fileName: version.fileName ?? `${id}.txt`, mimeType: version.mimeType };
}

/**
 * Where a commitment of the Kamer's register is shown: the register has no page per
 * commitment, so it is the activity where it was made (or the register), at its row.
 */
export async function toezeggingLocation(s: Services, id: string): Promise<string> {
  const t = s.tk ? await s.tk.getEntity(id) : null;
  if (!t || t.category !== 'Toezegging') throw new KamerlensError('NOT_FOUND', `Geen toezegging "${id}" in de open data`, { record: id });
  const nummer = tkText(t, 'nummer');
  const activiteit = tkRef(t, 'activiteit');
  return (activiteit ? activiteitUrl(activiteit) : '/kamer/toezeggingen') + (nummer ? `#tz-${encodeURIComponent(nummer)}` : '');
}
