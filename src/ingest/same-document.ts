/**
 * One document, several files: decides whether new content is another file of a stored
 * version (the DOCX of a letter stored as PDF), the next version of a stored document (the
 * same document with a changed text) or a document of its own.
 *
 * - **Another file** when it is another format of a stored version: its normalised text is the
 *   same as that version's (five-word shingles, Jaccard ≥ SAME_TEXT: line breaks, hyphenation,
 *   footnote marks, page numbers and running headers do not count) and the version has no
 *   file of this format yet. Content in a format the version already has is never another
 *   file of it (an edit made in the same format is a version, a copy elsewhere a document, as
 *   before), nor is new content from a source whose own file in that version it would replace.
 * - **Another file** also when the identity is the same (below) and the text is the same as
 *   one of that document's versions: a copy of that version under its own number.
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
  const bestOf = new Map<string, { version: number; sim: number }>();
  for (const docId of candidates) {
    const versions = (await store.listVersions(docId)).slice(0, MAX_VERSIONS);
    for (const v of versions) {
      const stored = await store.getVersion(docId, v.version);
      if (!stored) continue;
      const sim = similarity(fp.shingles, shinglesOf(stored.text));
      if (v.current) currentSim.set(docId, sim);
      if (!best || sim > best.sim) best = { docId, version: v.version, sim };
      if (sim > (bestOf.get(docId)?.sim ?? -1)) bestOf.set(docId, { version: v.version, sim });
    }
  }

  if (best && best.sim >= SAME_TEXT) {
    const files = (await store.listFiles(best.docId)).filter((f) => f.version === best.version);
    const changedHere = files.some((f) => f.source === source);
    const formatTaken =
      files.some((f) => f.format === format) || (await store.getVersion(best.docId, best.version))?.format === format;
    if (!changedHere && !formatTaken) return { kind: 'file', docId: best.docId, version: best.version, similarity: best.sim };
  }
  if (sameSource) return { kind: 'version', docId: sameSource };
  // The same number and the same text as one of its versions: a copy of that version, in
  // whatever format (never a version that turns the text back).
  for (const docId of byIdentity) {
    const b = bestOf.get(docId);
    if (b && b.sim >= SAME_TEXT) return { kind: 'file', docId, version: b.version, similarity: b.sim };
  }
  // The document of this identity whose text is closest; of equals, the oldest.
  let target: { docId: string; sim: number; createdAt: string } | null = null;
  for (const docId of byIdentity) {
    const sim = currentSim.get(docId) ?? 0;
    if (sim < SAME_IDENTITY_TEXT) continue;
    const createdAt = (await store.getDocument(docId))?.createdAt ?? '';
    if (!target || sim > target.sim || (sim === target.sim && createdAt < target.createdAt)) target = { docId, sim, createdAt };
  }
  return target ? { kind: 'version', docId: target.docId } : { kind: 'document' };
}
