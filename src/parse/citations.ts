// Citations: Kamerstukken in all their written forms, Council documents, EU legal acts and URLs.
import type { Citation } from '../domain/index.js';
import { fastPaths } from './fastpath.js';

const DOSSIER_SRC = '\\d{2}\\s?\\d{3}(?:\\s?-\\s?[A-Z0-9]{1,4})?';
// "Kamerstukken II 2023/24, 36 259, nr. 21", "Kamerstuk 21501-33, nr. 1096", "26 643/30 821, nr. 1252"
const KST_FULL_RE = new RegExp(
  `\\b(?:Kamerstuk(?:ken)?(?:\\s{1,2}(?:I{1,2}|EK|TK))?,?\\s{0,2}(?:(\\d{4}\\s?[/–-]\\s?\\d{2,4}),?\\s{1,2})?)?((?:${DOSSIER_SRC})(?:\\s?\\/\\s?(?:${DOSSIER_SRC})){0,3}),?\\s{1,2}(?:nr\\.?|nummer)\\s{0,2}(\\d{1,4}|[A-Z]{1,2})\\b`,
  'gu',
);
// "Kamerstuk 21501-33-1113", "Kamerstuk 36259-21"
const KST_SHORT_RE = /\bKamerstuk(?:ken)?\s{1,2}(\d{5}(?:-[A-Z0-9]{1,4})?)-(\d{1,4}|[A-Z]{1,2})\b(?!\/)/gu;
const COUNCIL_ANCHOR_RE =
  /\b(?:[Dd]oc(?:ument)?\.?|[Rr]aadsdocument(?:en)?|[Rr]aadsdoc\.?|ST|Comdoc\.?:?|doc\.\s?:|vorig doc\.?:?)\s{0,3}:?\s{0,3}(?=(?:EUCO\s)?\d{1,5}\/\d{2}\b)/gu;
const COUNCIL_LIST_RE = /^(?:(EUCO)\s)?(\d{1,5}\/\d{2})\b((?:\s{0,2}(?:,|en|\+|and)\s{0,2}(?:\d{1,5}\/\d{2}\b|COR\s\d{1,2}|REV\s\d{1,2}|ADD\s\d{1,2}))*)/u;
const EU_ACT_RE =
  /\b(Uitvoeringsverordening|Gedelegeerde\s+verordening|Verordening|Uitvoeringsrichtlijn|Richtlijn|Uitvoeringsbesluit|Kaderbesluit|Besluit|Beschikking|Regulation|Directive|Decision|richtlijn|verordening)\s{1,2}(?:\((EU|EG|EEG|GBVB|Euratom|EU,\s?Euratom)\)\s{1,2})?(?:(?:nr\.|No)\s{0,2})?(\d{1,4}\/\d{1,4})(?:\/(EU|EG|EEG|GBVB))?\b/gu;
const URL_RE = /\b(?:https?:\/\/|www\.)[^\s<>"'«»“”‘’]{2,2000}/gu;

// Fast-path cues: necessary conditions for the regexes above, one cheap scan each.
/** KST_FULL_RE ends a dossier (a digit or capital) before ",? nr"/"nummer": what comes before either word, at most 4 characters. */
const KST_FULL_CUE_BEFORE_RE = /[A-Z0-9],?\s{1,2}$/;
/** EU_ACT_RE: an act's type word, white space, then "(", "nr."/"No" or the number. */
const EU_ACT_CUE_RE = /(?:ordening|ichtlijn|esluit|chikking|egulation|irective|ecision)\s{1,2}[(nN\d]/;
/** Numbers as EU_ACT_RE ("2016/679") and COUNCIL_ANCHOR_RE ("12345/17") need them. */
const NUMBER_SLASH_RE = /\d\/\d/;
/** COUNCIL_ANCHOR_RE looks ahead for "12345/17". */
const COUNCIL_CUE_RE = /\d\/\d\d/;

/**
 * Whether /[A-Z0-9],?\s{1,2}n(?:r|ummer)/ matches, found from its rarer end: the regex tries
 * every capital and digit of the text, while "nr" and "nummer" are found by indexOf.
 */
function hasKstFullCue(text: string): boolean {
  for (const word of ['nr', 'nummer']) {
    for (let i = text.indexOf(word, 2); i !== -1; i = text.indexOf(word, i + 1)) {
      if (KST_FULL_CUE_BEFORE_RE.test(text.slice(i - 4 < 0 ? 0 : i - 4, i))) return true;
    }
  }
  return false;
}

const ACT_TYPES: Record<string, string> = {
  regulation: 'verordening',
  directive: 'richtlijn',
  decision: 'besluit',
};

function compact(s: string): string {
  return s.replace(/\s+/g, '');
}

/** A vergaderjaar like "2023/24" is not a Council document. */
function isSessionYear(id: string): boolean {
  const m = /^((?:19|20)\d{2})\/(\d{2})$/.exec(id);
  return !!m && (Number(m[1]) + 1) % 100 === Number(m[2]);
}

/** Strips punctuation that closes the sentence, not the URL. */
function trimUrl(url: string): string {
  let u = url.replace(/↩.*$/u, '');
  for (;;) {
    const before = u;
    u = u.replace(/[.,;:!]+$/, '');
    if (/\)$/.test(u) && (u.match(/\(/g)?.length ?? 0) < (u.match(/\)/g)?.length ?? 0)) u = u.slice(0, -1);
    if (/\]$/.test(u) && !u.includes('[')) u = u.slice(0, -1);
    if (u === before) break;
  }
  return u;
}

/**
 * Every citation in the text, de-duplicated by what it points to (a note repeated in the text
 * counts once). Kamerstukken naming two dossiers ("26 643/30 821, nr. 1252") give one citation per
 * dossier. `ownCouncilDocs` (the document's own number) is not a citation, nor is a bare web
 * address in `letterhead` (the sender's site on a line of its own, contact information).
 */
export function extractCitations(text: string, ownCouncilDocs: string[] = [], letterhead: ReadonlySet<string> = new Set()): Citation[] {
  const out: Citation[] = [];
  const seen = new Set<string>();
  const add = (key: string, c: Citation): void => {
    if (seen.has(key)) return;
    seen.add(key);
    out.push(c);
  };
  const found: Array<{ index: number; key: string; c: Citation }> = [];
  const covered: Array<[number, number]> = [];
  const fast = fastPaths();

  for (const m of !fast || hasKstFullCue(text) ? text.matchAll(KST_FULL_RE) : []) {
    const raw = m[0].trim();
    const year = m[1] ? m[1].replace(/\s/g, '').replace(/[–-]/, '/') : null;
    const number = m[3] ?? null;
    const dossiers = (m[2] ?? '').split('/').map(compact);
    // A bare "36 259, nr. 21" without the word Kamerstuk must at least look like a dossier number.
    if (!/Kamerstuk/.test(raw) && !dossiers.every((d) => /^\d{5}(?:-[A-Z0-9]{1,4})?$/.test(d))) continue;
    for (const dossier of dossiers) {
      found.push({ index: m.index ?? 0, key: `k:${dossier}:${number}`, c: { kind: 'kamerstuk', raw, dossier, number, year } });
    }
    covered.push([m.index ?? 0, (m.index ?? 0) + m[0].length]);
  }
  for (const m of !fast || text.includes('Kamerstuk') ? text.matchAll(KST_SHORT_RE) : []) {
    if (covered.some(([a, b]) => (m.index ?? 0) >= a && (m.index ?? 0) < b)) continue;
    const dossier = m[1] ?? '';
    const number = m[2] ?? null;
    found.push({ index: m.index ?? 0, key: `k:${dossier}:${number}`, c: { kind: 'kamerstuk', raw: m[0], dossier, number, year: null } });
  }
  const numbers = !fast || NUMBER_SLASH_RE.test(text);
  for (const a of numbers && (!fast || COUNCIL_CUE_RE.test(text)) ? text.matchAll(COUNCIL_ANCHOR_RE) : []) {
    const start = (a.index ?? 0) + a[0].length;
    const list = COUNCIL_LIST_RE.exec(text.slice(start, start + 200));
    if (!list) continue;
    const prefix = list[1] ? `${list[1]} ` : '';
    const ids = [`${prefix}${list[2] ?? ''}`, ...[...(list[3] ?? '').matchAll(/\d{1,5}\/\d{2}\b/g)].map((x) => x[0])];
    const rawBase = `${a[0]}${list[0]}`.trim();
    for (const id of ids) {
      if (isSessionYear(id) || ownCouncilDocs.includes(id)) continue;
      found.push({ index: a.index ?? 0, key: `c:${id}`, c: { kind: 'council-doc', raw: ids.length > 1 ? rawBase : `${a[0]}${id}`.trim(), id } });
    }
  }
  for (const m of numbers && (!fast || EU_ACT_CUE_RE.test(text)) ? text.matchAll(EU_ACT_RE) : []) {
    const word = (m[1] ?? '').toLowerCase().replace(/\s+/g, ' ');
    const type = ACT_TYPES[word] ?? word;
    const id = m[3] ?? '';
    // Old-style numbers put the year first only from 1999 on ("2013/40/EU"); "(EU) 2016/679" is already year/number.
    found.push({ index: m.index ?? 0, key: `e:${type}:${id}`, c: { kind: 'eu-act', raw: m[0], type, id } });
  }
  for (const m of !fast || text.includes('http') || text.includes('www.') ? text.matchAll(URL_RE) : []) {
    const raw = trimUrl(m[0]);
    if (raw.length < 8 || !/\./.test(raw)) continue;
    if (raw.startsWith('www.') && letterhead.has(raw)) continue;
    const url = raw.startsWith('www.') ? `https://${raw}` : raw;
    found.push({ index: m.index ?? 0, key: `u:${url}`, c: { kind: 'url', raw, url } });
  }
  found.sort((a, b) => a.index - b.index);
  for (const f of found) add(f.key, f.c);
  return out;
}
