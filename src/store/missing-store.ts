/**
 * What the archive knows it lacks: references its documents cite that no stored document
 * carries, and what users reported missing. Async so that PostgreSQL can implement it.
 */
import type { DocRef } from './structure-index.js';

/** How the citing documents wrote a key: at most this many spellings (UnresolvedCitation.raws), on every backend. */
export const RAWS_SHOWN = 3;
/** Citing documents listed per key (UnresolvedCitation.citedBy), newest first. */
export const CITED_BY_SHOWN = 10;

/** A key cited in the archive (`kamerstuk:21501-33/1113`, `council:13943/17`, `docnr:…`) that no stored document carries. */
export interface UnresolvedCitation {
  key: string;
  /** How the citing documents wrote it (at most a few). */
  raws: string[];
  citedBy: DocRef[];
}

/** A document a user reported missing. */
export interface MissingReport {
  id: number;
  /** What is missing, as the user wrote it (a number, a title). */
  what: string;
  /** Where it can be found, when the user knows (a URL or a note). */
  where: string | null;
  reportedAt: string;
}

export interface MissingStore {
  /** Cited keys without a stored document, most cited first. */
  unresolvedCitations(limit: number): Promise<UnresolvedCitation[]>;
  addReport(r: { what: string; where: string | null; userId: string; at: string }): Promise<MissingReport>;
  /** Reports, newest first. */
  reports(limit: number): Promise<MissingReport[]>;
}
