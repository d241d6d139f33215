/**
 * Where the official publication of a reference lives (officielebekendmakingen.nl, the
 * Council's register, EUR-Lex), and what is known about a reference the archive lacks.
 */
import type { DocRef } from '../store/structure-index.js';
import { normaliseDossier } from '../store/structure-index.js';

export type ReferenceKind = 'kamerstuk' | 'raadsdocument' | 'document' | 'dossier';

/** A reference that is not in the archive: what it is, what is known, where to get it. */
export interface MissingReference {
  kind: ReferenceKind;
  /** `Kamerstuk 21501-33 nr. 1113`, `Raadsdocument 13943/17`, … */
  label: string;
  /** The official publication or register entry, when one can be named. */
  official: { url: string; label: string } | null;
  /** A kamerlens search that may find it or what cites it. */
  searchQuery: string;
  /** Documents in the archive that cite it. */
  citedBy: DocRef[];
}

/** `kst-21501-33-1113`: the official publication of a kamerstuk. */
export const kamerstukOfficialUrl = (dossier: string, nr: string | null) =>
  nr ? `https://zoek.officielebekendmakingen.nl/kst-${normaliseDossier(dossier)}-${nr}.html` : `https://zoek.officielebekendmakingen.nl/dossier/${normaliseDossier(dossier)}`;

/**
 * A Council document's public register entry: `13943/17` is `ST 13943 2017 INIT`. Two-digit
 * years are this century's (the register starts in 1999, where `99` would also fit).
 */
export function councilOfficialUrl(id: string): string | null {
  const m = /^(\d{3,6})\/(\d{2})$/.exec(id.trim());
  if (!m) return null;
  const year = Number(m[2]) >= 90 ? `19${m[2]}` : `20${m[2]}`;
  return `https://data.consilium.europa.eu/doc/document/ST-${m[1]}-${year}-INIT/nl/pdf`;
}

/** EUR-Lex's ELI for an act named by type and number (`richtlijn 2022/2555`). */
export function eurLexUrl(type: string, id: string): string | null {
  const kind = /richtlijn/i.test(type) ? 'dir' : /verordening/i.test(type) ? 'reg' : /besluit/i.test(type) ? 'dec' : null;
  // `2022/2555` (year first, since 2015) or `910/2014` (number first, before).
  const t = id.trim();
  const yearFirst = /^((?:19|20)\d{2})\/(\d+)$/.exec(t);
  const numberFirst = /^(\d+)\/((?:19|20)\d{2})$/.exec(t);
  const [year, num] = yearFirst ? [yearFirst[1]!, yearFirst[2]!] : numberFirst ? [numberFirst[2]!, numberFirst[1]!] : [null, null];
  if (!kind || !year || !num) return null;
  return `https://eur-lex.europa.eu/eli/${kind}/${year}/${Number(num)}/oj`;
}

/** What is known about a dossier that the open data does not hold. */
export function missingDossier(key: string): MissingReference {
  const d = normaliseDossier(key);
  return {
    kind: 'dossier',
    label: `Kamerstukdossier ${d}`,
    official: /^\d{3,6}(?:-[0-9A-Z-]{1,8})?$/.test(d) ? { url: kamerstukOfficialUrl(d, null), label: 'officielebekendmakingen.nl' } : null,
    searchQuery: `dossier:${d}`,
    citedBy: [],
  };
}

