// Document identifiers as people write them in a query: Kamerstuk numbers, kst- ids, Council document numbers.

import type { QueryNode } from '../domain/search.js';

/*
 * Why at parse time, as phrases: a Kamerstuk is written `21501-33 nr. 1113`, `21 501-33,
 * nr. 1113`, `Kamerstuk 21501-33-1113` or `kst-21501-33-1113`, and the tokenizer cuts each
 * into different word sequences (21501 33 nr 1113 / 21 501 33 nr 1113 / 21501 33 1113). So a
 * recognised identifier becomes the OR of the phrases of every written form: a document that
 * names itself in its title (×4) or heading ranks first, documents citing it follow. As
 * plain phrases they need no index change and stay exact (a phrase is verified against the
 * stored term sequence), and `describeQuery` can write them back as ordinary syntax.
 * Document and zaak numbers (2025D08504) are single words and need nothing; `14435/17` and
 * `2022/2555` become phrases of their parts in the analysis (fts-query.ts).
 */

/** One recognised identifier: its alternatives, and how many characters of the input it used. */
export interface IdentifierMatch {
  node: QueryNode;
  length: number;
}

const phrase = (words: string[]): QueryNode => ({ type: 'phrase', words });

/** Written forms of Kamerstuk `dossier[-sub] nr. number` as word sequences. */
export function kamerstukForms(dossier: string, sub: string | null, number: string): QueryNode {
  const d = dossier.replace(/\s+/gu, '');
  const tail = sub ? [sub] : [];
  const heads = [[d]];
  // Dossier numbers of five digits are printed with a thin space: 21 501-33.
  if (d.length === 5) heads.push([d.slice(0, 2), d.slice(2)]);
  const out: QueryNode[] = [];
  for (const h of heads) {
    out.push(phrase([...h, ...tail, 'nr', number]));
    out.push(phrase([...h, ...tail, number]));
  }
  return { type: 'or', children: out };
}

/** Council document `number/yy` (also `ST 14435 2017 INIT`). */
export function councilForms(number: string, year: string): QueryNode {
  const yy = year.length === 4 ? year.slice(2) : year;
  const yyyy = year.length === 4 ? year : `20${year}`;
  return { type: 'or', children: [phrase([number, yy]), phrase(['st', number, yyyy])] };
}

// `Kamerstuk(ken) [II] [2023/24,] 21 501-33, nr. 1113`; the dossier is 4–6 digits (a space after the first two allowed).
const KAMERSTUK =
  /^(?:kamerstuk(?:ken)?\s+(?:(?:I|II)\s+)?(?:\d{4}\/\d{2},?\s+)?)?(\d{2}\s?\d{2,4})(?:-([A-Za-z0-9]{1,5}))?,?\s+(?:nr|no|nummer)\.?\s*(\d{1,5})(?=$|[\s)|"])/iu;
// `kst-21501-33-1113` (the officielebekendmakingen id) and `Kamerstuk 21501-33-1113`.
const KST = /^(?:kst-|kamerstuk\s+)(\d{4,6})(?:-([A-Za-z0-9]{1,5}))?-(\d{1,5})(?=$|[\s)|"])/iu;
// `ST 14435 2017 INIT` (the Council register's form), also `ST 14435/17`.
const COUNCIL_ST = /^ST\s+(\d{3,5})(?:\s+(\d{4})|\/(\d{2}))(?:\s+(?:INIT|REV\s*\d+|ADD\s*\d+|COR\s*\d+))?(?=$|[\s)|"])/iu;

/**
 * An identifier written at the start of `text` (the rest of the query, or a quoted phrase's
 * content), or null. Only multi-word forms and forms the tokenizer would otherwise cut wrongly.
 */
export function matchIdentifier(text: string): IdentifierMatch | null {
  let m = KST.exec(text);
  if (m) return { node: kamerstukForms(m[1]!, m[2] ?? null, m[3]!), length: m[0].length };
  m = KAMERSTUK.exec(text);
  if (m) return { node: kamerstukForms(m[1]!, m[2] ?? null, m[3]!), length: m[0].length };
  m = COUNCIL_ST.exec(text);
  if (m) return { node: councilForms(m[1]!, m[2] ?? m[3]!), length: m[0].length };
  return null;
}
