/**
 * One document, several files: decides whether new content is another file of a stored
 * version (the DOCX of a letter stored as PDF), the next version of a stored document (the
 * same document with a changed text) or a document of its own.
 *
 * - **Another file** when its normalised text is the same as a stored version's (five-word
 *   shingles, Jaccard ≥ SAME_TEXT: line breaks, hyphenation, footnote marks, page numbers and
 *   running headers do not count) and that version has no file of this format yet, or the
 *   texts are identical. A version that already has a file of this format with another text,
 *   or whose file from this very source changed, gets a new version instead: a format never
 *   hides an edit made in the same format.
 * - **A new version** of the document this source went into before (as before), or of the
 *   document with the same identity — its own Kamerstuk number (`kst:`) or the Kamer's
 *   document number of a synced file (`nr:`) — when at least SAME_IDENTITY_TEXT of the text is
 *   shared (a bijlage carrying its letter's number in its header is not the letter).
 * - Otherwise **a new document**.
 */
import type { ParsedDocument, SourceFormat } from '../domain/index.js';
import { shingles as shinglesOf, similarity, similarityKeys } from '../parse/fingerprint.js';
import type { Store } from '../store/index.js';

/** Texts at least this similar are the same text in another format (PDF against DOCX of one letter: 0.98–1.0; two letters on one subject: < 0.01). */
export const SAME_TEXT = 0.8;
/** A document with the same identity must share this much text to receive a new version. */
export const SAME_IDENTITY_TEXT = 0.5;
/** Candidates compared per import, and versions per candidate: bounds the cost of a common text (a template letter). */
const MAX_CANDIDATES = 12;
const MAX_VERSIONS = 20;

export type Placement =
  | { kind: 'file'; docId: string; version: number; similarity: number }
  | { kind: 'version'; docId: string }
  | { kind: 'document' };

/** The identity keys of a document: its own Kamerstuk number, and the Kamer's document number when the source declares one. */
export function identityKeys(structure: ParsedDocument, documentNumber?: string | null): string[] {
  const keys: string[] = [];
  if (structure.kamerstuk) keys.push(`kst:${structure.kamerstuk.id}`);
  if (documentNumber) keys.push(`nr:${documentNumber.trim().toUpperCase()}`);
  return keys;
}

export interface Fingerprint {
  shingles: Set<number>;
  identity: string[];
  similar: string[];
}

/** What a text is found and compared by: computed once per imported file. */
export function fingerprint(text: string, structure: ParsedDocument, documentNumber?: string | null): Fingerprint {
  const shingles = shinglesOf(text);
  return { shingles, identity: identityKeys(structure, documentNumber), similar: similarityKeys(shingles) };
}

/** Decides where content from `source` belongs; reads only. Run it in the transaction that writes the outcome. */
export async function placeContent(
  store: Store,
  input: { source: string; format: SourceFormat; fp: Fingerprint },
): Promise<Placement> {
  const { source, format, fp } = input;
  const sameSource = await store.documentFromSource(source);
  const byIdentity = await store.documentsByKeys(fp.identity, MAX_CANDIDATES);
  const bySketch = await store.documentsByKeys(fp.similar, MAX_CANDIDATES);
  const candidates = [...new Set([...(sameSource ? [sameSource] : []), ...byIdentity, ...bySketch])].slice(0, MAX_CANDIDATES);

  let best: { docId: string; version: number; sim: number } | null = null;
  const currentSim = new Map<string, number>();
  for (const docId of candidates) {
    const versions = (await store.listVersions(docId)).slice(0, MAX_VERSIONS);
    for (const v of versions) {
      const stored = await store.getVersion(docId, v.version);
      if (!stored) continue;
      const sim = similarity(fp.shingles, shinglesOf(stored.text));
      if (v.current) currentSim.set(docId, sim);
      if (!best || sim > best.sim) best = { docId, version: v.version, sim };
    }
  }

  if (best && best.sim >= SAME_TEXT) {
    const identical = best.sim === 1;
    const files = (await store.listFiles(best.docId)).filter((f) => f.version === best.version);
    const changedHere = files.some((f) => f.source === source);
    const formatTaken = files.some((f) => f.format === format) || (files.length === 0 && (await store.getVersion(best.docId, best.version))?.format === format);
    if (identical || (!changedHere && !formatTaken)) return { kind: 'file', docId: best.docId, version: best.version, similarity: best.sim };
  }
  if (sameSource) return { kind: 'version', docId: sameSource };
  for (const docId of byIdentity) {
    if ((currentSim.get(docId) ?? 0) >= SAME_IDENTITY_TEXT) return { kind: 'version', docId };
  }
  return { kind: 'document' };
}
