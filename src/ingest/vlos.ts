/**
 * Reports of sittings (VLOS), derived once when the sync has downloaded their file: parsed
 * into who said what, speakers linked to the people of the open data, stored for the pages
 * (VlosStore), and the text imported as a searchable document of kind `handelingen`. Parser
 * upgrades are caught up from the files on disk (`rederiveVerslagen`).
 */
import { readBlob, type BlobStore } from '../store/blob-store.js';
import { isKamerlensError, type ExtractedText } from '../domain/index.js';
import { tkRef } from '../domain/tk.js';
import { VLOS_PARSER_VERSION, documentOfDebateKey, type VlosReport } from '../domain/vlos.js';
import { parseVlos, vlosText } from '../parse/vlos.js';
import type { TkStore } from '../store/tk-store.js';
import type { VlosStore } from '../store/vlos-store.js';
import { sha256 } from './document.js';
import { importContent, type IngestDeps } from './import.js';
import { indexPassages } from './structure-search.js';
import { silentLogger } from './ports.js';
import { linkSpeakers } from './speakers.js';

const plural = (x: number, one: string, many: string) => `${x} ${x === 1 ? one : many}`;

export interface VlosDeps extends IngestDeps {
  tkStore: TkStore;
  vlos: VlosStore;
}

export type DeriveOutcome = 'parsed' | 'unchanged' | 'failed';

/** The report's text as a document of kind `handelingen`, with the sitting's title and day. */
function handelingenText(report: VlosReport): ExtractedText {
  const day = report.vergadering.datum?.slice(0, 10) ?? null;
  return {
    format: 'text',
    text: vlosText(report),
    pages: null,
    title: `Verslag: ${report.vergadering.titel ?? 'vergadering'}`,
    declared: { kind: 'handelingen', date: day && /^\d{4}-\d{2}-\d{2}$/.test(day) ? day : null },
    warnings: [],
  };
}

/**
 * Derives one report from its file: skipped when the same content was already parsed by
 * this parser version (unless `force`). A file that is not a readable VLOS report is
 * recorded as a failed import (`tk:<id>`) and logged; what was stored before stays.
 */
export async function deriveVerslag(deps: VlosDeps, verslagId: string, bytes: Uint8Array, options: { force?: boolean } = {}): Promise<DeriveOutcome> {
  const log = deps.log ?? silentLogger;
  const source = `tk:${verslagId}`;
  const hash = sha256(bytes);
  const state = await deps.vlos.reportState(verslagId);
  if (!options.force && state && state.contentHash === hash && state.parserVersion === VLOS_PARSER_VERSION) return 'unchanged';
  let report: VlosReport;
  try {
    report = parseVlos(new TextDecoder('utf-8').decode(bytes), `Verslag ${verslagId}`);
  } catch (e) {
    const code = isKamerlensError(e) ? e.code : 'INTERNAL';
    const message = e instanceof Error ? e.message : String(e);
    log.warn(`verslag ${verslagId} niet ontleed: ${message} [${code}]`);
    await deps.store.recordImport({ source, status: 'failed', docId: null, version: null, errorCode: code, message, at: new Date().toISOString() });
    return 'failed';
  }
  const entity = await deps.tkStore.getEntity(verslagId);
  const persons = await linkSpeakers(deps.tkStore, report.speakers);
  const day = report.vergadering.datum?.slice(0, 10);
  const nummer = report.vergadering.nummer;
  const doc = await importContent(
    {
      source,
      fileName: `verslag-${verslagId}.xml`,
      bytes,
      preferredId: `handelingen-${day ?? 'onbekend'}${nummer ? `-vergadering-${nummer}` : ''}`,
      extracted: handelingenText(report),
      mimeType: 'application/xml',
    },
    deps,
  );
  // The report and its turns as search entries together: a re-derived report replaces its passages.
  const previous = state ? ((await deps.vlos.getReport(verslagId))?.report ?? null) : null;
  await deps.units.transaction(async (tx) => {
    await tx.vlos.putReport({
      verslagId,
      vergaderingId: (entity && tkRef(entity, 'vergadering')) ?? report.vergadering.objectId,
      verslagUpdated: entity?.updated ?? null,
      contentHash: hash,
      report,
      persons,
      docId: doc.docId,
    });
    await indexPassages(tx.index, verslagId, report, previous);
  });
  log.info(`verslag ${verslagId}: ${plural(report.activiteiten.length, 'agendapunt', 'agendapunten')}, ${plural(report.speakers.length, 'spreker', 'sprekers')} (${Object.keys(persons).length} gekoppeld)`);
  return 'parsed';
}

/**
 * Re-derives reports from the files the sync saved: those parsed by an older parser (after
 * an upgrade, on the next sync), or all of them (`kamerlens reparse`). In a database with
 * no derived report yet, every downloaded Verslag file is derived.
 */
export async function rederiveVerslagen(deps: VlosDeps, files: BlobStore, options: { all?: boolean } = {}): Promise<{ parsed: number; failed: number }> {
  const ids = new Set(options.all ? await deps.vlos.reportIds() : await deps.vlos.staleReports(VLOS_PARSER_VERSION, 100_000));
  // A database from before reports were derived at all: its downloaded reports, once.
  // (Every stored report is older than the next parser version: none means none stored.)
  if (ids.size === 0 && (await deps.vlos.staleReports(VLOS_PARSER_VERSION + 1, 1)).length === 0) {
    for (let offset = 0; ; offset += 1000) {
      const page = await deps.tkStore.listEntities({ category: 'Verslag', offset, limit: 1000 });
      for (const v of page.items) ids.add(v.id);
      if (page.items.length < 1000) break;
    }
  }
  const out = { parsed: 0, failed: 0 };
  for (const id of ids) {
    // Debates read from an imported document's text have no Verslag file: deriveDocumentDebate keeps those.
    if (documentOfDebateKey(id)) continue;
    const file = await deps.tkStore.getFile(id);
    if (!file?.path || file.status !== 'ok') continue;
    // Read whole: the parser needs all of it. Gone (removed by hand): the next download derives it.
    const bytes = await readBlob(files, file.path);
    if (!bytes) continue;
    const r = await deriveVerslag(deps, id, bytes, { force: true });
    if (r === 'parsed') out.parsed++;
    else if (r === 'failed') out.failed++;
  }
  return out;
}

