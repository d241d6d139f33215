/**
 * What changed between two versions of a document, as stored when the newer version is
 * stored (src/service/changes.ts computes it; the document page and the alerts read it).
 */

export type StructuralChange =
  | { type: 'title'; from: string | null; to: string | null }
  | { type: 'date'; from: string | null; to: string | null }
  | { type: 'kind'; from: string; to: string }
  | { type: 'deadline-moved'; commitment: string; actor: string | null; from: string | null; to: string | null }
  | { type: 'commitment-added'; commitment: string; actor: string | null; due: string | null }
  | { type: 'commitment-removed'; commitment: string; actor: string | null; due: string | null }
  | { type: 'question-added'; question: string; party: string | null }
  | { type: 'question-removed'; question: string; party: string | null }
  | { type: 'answer-changed'; answer: string }
  | { type: 'answer-added'; answer: string }
  | { type: 'answer-removed'; answer: string };

export interface TextStats {
  paragraphsAdded: number;
  paragraphsRemoved: number;
  paragraphsRewritten: number;
  paragraphsUnchanged: number;
  wordsAdded: number;
  wordsRemoved: number;
}

/**
 * The summary of a change from one version to another: what the sentences are written from.
 * Sentences are written when read, so a better wording needs no recomputation; a better diff
 * raises CHANGE_SUMMARY_VERSION and stored summaries of an older one are computed again.
 */
export interface ChangeSummary {
  /** The newer version's title (the document's own title may be of a later version). */
  title: string;
  changes: StructuralChange[];
  text: TextStats;
}

/** Raised when the diff or the structural comparison changes what a summary would say. */
export const CHANGE_SUMMARY_VERSION = 1;
