/**
 * Who said what in an imported Handelingen (PDF, officielebekendmakingen XML), read from its
 * text once at import and stored beside the feed's VLOS reports, so that its page shows the
 * debate as a report's page does and its speakers' person pages list it.
 */
import { documentDebateKey } from '../domain/vlos.js';
import { parseHandelingenDebate } from '../parse/index.js';
import type { Store } from '../store/store.js';
import type { TkStore } from '../store/tk-store.js';
import type { VlosStore } from '../store/vlos-store.js';
import { parseHints } from './document.js';
import { linkSpeakers } from './speakers.js';

/** Bump when the debate read from a Handelingen's text changes: stored ones are re-read. */
export const HANDELINGEN_DEBATE_VERSION = 1;

export interface DebateDeps {
  store: Store;
  vlos: VlosStore;
  tkStore?: TkStore | undefined;
}

/**
 * Reads who said what from an imported Handelingen's current text and stores it as a report
 * (under `doc:<id>`), with its speakers linked to people of the open data where the sync has
 * them; removes it when the document is (no longer) a Handelingen. Texts the sync imported
 * from the Kamer's own VLOS file are left to deriveVerslag.
 */
export async function deriveDocumentDebate(deps: DebateDeps, docId: string): Promise<boolean> {
  const key = documentDebateKey(docId);
  const doc = await deps.store.getDocument(docId);
  // A text the sync imported from a VLOS report (`tk:<Verslag id>`) has that report already.
  const fromReport = doc?.source.startsWith('tk:') ? (await deps.vlos.reportState(doc.source.slice(3))) !== null : false;
  const version = doc && doc.kind === 'handelingen' && !fromReport ? await deps.store.getVersion(docId) : null;
  const state = await deps.vlos.reportState(key);
  const report = version
    ? state?.contentHash === version.contentHash && state.parserVersion === HANDELINGEN_DEBATE_VERSION
      ? 'unchanged'
      : parseHandelingenDebate(version.text, parseHints(version.fileName))
    : null;
  if (report === 'unchanged') return true;
  if (!report || !version) {
    if (state) await deps.vlos.removeReport(key);
    return false;
  }
  const persons = deps.tkStore ? await linkSpeakers(deps.tkStore, report.speakers) : {};
  await deps.vlos.putReport({ verslagId: key, vergaderingId: null, verslagUpdated: null, contentHash: version.contentHash, report: { ...report, parserVersion: HANDELINGEN_DEBATE_VERSION }, persons, docId });
  return true;
}
