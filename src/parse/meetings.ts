// Meetings the document reports on or prepares: Council formation, formal or informal, dates, place.
import type { Meeting } from '../domain/index.js';
import { findDateRanges, type DateRange } from './dates.js';
import { fastPaths } from './fastpath.js';

// "Telecomraad", "Landbouw- en Visserijraad", "JBZ-Raad", "Raad Algemene Zaken", "Europese Raad", "Eurogroep".
const BODY_SRC =
  '(?:Raad\\s+(?:Algemene\\s+Zaken|Buitenlandse\\s+Zaken(?:\\s+(?:Handel|Defensie|Ontwikkelingssamenwerking))?|Justitie\\s+en\\s+Binnenlandse\\s+Zaken|Economische\\s+en\\s+Financiële\\s+Zaken|Werkgelegenheid(?:,\\s+Sociaal\\s+Beleid)?[\\p{L} ,]{0,60}?Consumentenzaken|Concurrentievermogen|Vervoer(?:,\\s+Telecommunicatie\\s+en\\s+Energie)?|Milieu|Landbouw\\s+en\\s+Visserij|Onderwijs(?:,\\s+Jeugd,\\s+Cultuur\\s+en\\s+Sport)?)|Europese\\s+Raad|Eurogroep|(?:\\p{Lu}[\\p{L}]*-\\s+en\\s+)?\\p{Lu}[\\p{Ll}]{2,30}(?:-|\\p{Ll})?[Rr]aad|[A-Z]{2,8}-[Rr]aad)';
const MENTION_RE = new RegExp(
  `(?:\\b(informele|informeel|formele|formeel|Informele|Formele)\\s+)?\\b(${BODY_SRC})(?:\\s*\\((informeel|formeel)\\))?`,
  'gu',
);
/** MENTION_RE anchored at lastIndex, for mentionMatches. */
const MENTION_AT_RE = new RegExp(MENTION_RE.source, 'yu');

/** Every body MENTION_RE can match names a "Raad"/"raad" or the "Eurogroep". */
const BODY_CUE_RE = /[Rr]aad|Eurogroep/;
const BODY_CUE_ALL_RE = new RegExp(BODY_CUE_RE.source, 'g');
const LETTER_OR_SPACE_RE = /^[\p{L}\s]$/u;
const SPACE_RE = /^\s$/u;
/**
 * White-space runs a match can hold before the first cue it contains: "informele Landbouw- en
 * Visserijraad" holds three ("informele", "Landbouw-" and "en" each end in one), every other
 * form fewer, and nothing before that cue but letters, hyphens and white space.
 */
const RUNS_BEFORE_CUE = 3;

/**
 * The earliest position a match containing the cue at `cue` can start, not before `from`: back
 * from the cue over letters, hyphens and at most RUNS_BEFORE_CUE runs of white space (every
 * character class MENTION_RE allows before its cue).
 */
function windowStart(s: string, cue: number, from: number): number {
  let i = cue;
  let runs = 0;
  let inRun = false;
  while (i > from) {
    let j = i - 1;
    const c = s.charCodeAt(j);
    let kind: 'space' | 'word' | 'other';
    if (c === 45 /* - */ || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) kind = 'word';
    else if (c === 32 || (c >= 9 && c <= 13)) kind = 'space';
    else if (c < 128) kind = 'other';
    else {
      // A letter outside the BMP is a surrogate pair: test the whole code point.
      if (c >= 0xdc00 && c <= 0xdfff && j > from) {
        const h = s.charCodeAt(j - 1);
        if (h >= 0xd800 && h <= 0xdbff) j--;
      }
      const ch = s.slice(j, i);
      kind = !LETTER_OR_SPACE_RE.test(ch) ? 'other' : SPACE_RE.test(ch) ? 'space' : 'word';
    }
    if (kind === 'other') break;
    if (kind === 'space') {
      if (!inRun && ++runs > RUNS_BEFORE_CUE) break;
      inRun = true;
    } else inRun = false;
    i = j;
  }
  return i;
}

/**
 * What `s.matchAll(MENTION_RE)` yields, found faster: V8 cannot tell from \p{Lu} which first
 * characters to look for, so the global regex runs its whole alternation at every position. A
 * match starts within a few words before a cue (windowStart), with a capital (every body does, as
 * do "Informele"/"Formele") or with the "i"/"f" of "informele"/"formele"; the anchored twin is
 * tried only there, in order, resuming after each match: the same matches.
 */
export function mentionMatches(s: string): Iterable<RegExpExecArray> {
  if (!fastPaths()) return s.matchAll(MENTION_RE);
  const out: RegExpExecArray[] = [];
  let p = 0;
  BODY_CUE_ALL_RE.lastIndex = 0;
  for (let cue = BODY_CUE_ALL_RE.exec(s); cue; cue = BODY_CUE_ALL_RE.exec(s)) {
    const at = cue.index;
    for (p = Math.max(p, windowStart(s, at, p)); p <= at; ) {
      const c = s.charCodeAt(p);
      if ((c >= 65 && c <= 90) || c === 105 /* i */ || c === 102 /* f */ || c >= 128) {
        MENTION_AT_RE.lastIndex = p;
        const m = MENTION_AT_RE.exec(s);
        if (m) {
          out.push(m);
          p = MENTION_AT_RE.lastIndex;
          continue;
        }
      }
      p++;
    }
    // A match may run past later cues: the next one looked at is after it.
    if (BODY_CUE_ALL_RE.lastIndex < p) BODY_CUE_ALL_RE.lastIndex = p;
  }
  return out;
}

const NOT_BODIES = new Set(['Gemeenteraad', 'Adviesraad', 'Ondernemingsraad', 'Toezichtraad', 'Medezeggenschapsraad', 'Kiesraad', 'Onderwijsraad', 'Gezondheidsraad', 'Jeugdraad', 'Cultuurraad']);
const LOCATION_RE = /(?:^|\s)(?:in|te|op)\s+(\p{Lu}[\p{L}'’-]+(?:\s+(?:en|aan\s+de|bij)\s+\p{Lu}[\p{L}'’-]+)?)/u;
const NOT_PLACES = new Set(['Europa', 'Nederland', 'EU-verband', 'Brussel-verband', 'EU', 'Raad', 'Oekraïne']);

interface Mention {
  meeting: Meeting;
  weight: number;
}

function bodyName(raw: string): string {
  return raw.replace(/\s+/g, ' ').trim();
}

/** Location stated near a meeting mention: "in Parijs en Nevers", "in Warschau", "op Cyprus". */
function findLocation(after: string): string | null {
  const m = LOCATION_RE.exec(after);
  if (!m) return null;
  const place = (m[1] ?? '').trim();
  if (NOT_PLACES.has(place) || /^(?:Europese|Nederlandse|Brussel|De|Het|Een)$/.test(place)) return place === 'Brussel' ? 'Brussel' : null;
  return place;
}

/** Meeting mentions in one sentence: body, formality, nearest date range, location. */
function mentionsIn(sentence: string, ref: string | null, wanted?: (body: string) => boolean): Meeting[] {
  const out: Meeting[] = [];
  // The dates are looked up once, and only for a sentence that names a meeting.
  let ranges: DateRange[] | null = null;
  for (const m of mentionMatches(sentence)) {
    const body = bodyName(m[2] ?? '');
    if (NOT_BODIES.has(body) || /^(?:Voorzitter|De|Het)/.test(body)) continue;
    if (wanted && !wanted(body)) continue;
    ranges ??= findDateRanges(sentence, ref);
    const flag = (m[1] ?? m[3] ?? '').toLowerCase();
    const formal = flag.startsWith('inform') ? false : flag.startsWith('form') ? true : null;
    const end = (m.index ?? 0) + m[0].length;
    // The date that belongs to this mention: the nearest one, preferring one right after it.
    let best: { start: string; end: string; index: number } | null = null;
    let bestDist = Infinity;
    for (const r of ranges) {
      const dist = r.index >= end ? r.index - end : ((m.index ?? 0) - r.index) * 1.5 + 10;
      if (dist < bestDist && dist < 120) {
        bestDist = dist;
        best = r;
      }
    }
    const location = findLocation(sentence.slice(end, end + 160)) ?? findLocation(sentence.slice(Math.max(0, (m.index ?? 0) - 60), m.index));
    out.push({ body, formal, startDate: best?.start ?? null, endDate: best?.end ?? null, location });
  }
  return out;
}

// Same as text.split(/(?<=[.!?])\s+(?=\p{Lu})|\n+/u): a separator after [.!?] is found from the mark
// itself (a leading character class scans faster than a lookbehind tried at every position).
const SENTENCE_SEP_RE = /[.!?]\s+(?=\p{Lu})|\n+/gu;

function splitSentences(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  SENTENCE_SEP_RE.lastIndex = 0;
  for (let m = SENTENCE_SEP_RE.exec(text); m; m = SENTENCE_SEP_RE.exec(text)) {
    const sepStart = m[0].charCodeAt(0) === 10 ? m.index : m.index + 1;
    const piece = text.slice(start, sepStart);
    if (piece.trim()) out.push(piece);
    start = m.index + m[0].length;
  }
  const rest = text.slice(start);
  if (rest.trim()) out.push(rest);
  return out;
}

/**
 * The meetings the document is about. Meetings named in the title come first; without one, the
 * dated meetings named in the opening text. Later mentions of the same body and dates fill in
 * formality and place ("plaatsgevonden op Cyprus"). Council formations not called informal are formal.
 */
export function extractMeetings(title: string | null, opening: string, full: string, ref: string | null): Meeting[] {
  const primary: Mention[] = [];
  if (title) for (const m of mentionsIn(title, ref)) if (m.startDate) primary.push({ meeting: m, weight: 2 });
  // The opening's sentences, and the first that names a dated meeting: none before it names one.
  let openingSentences: string[] | null = null;
  let firstDated = 0;
  if (primary.length === 0 && (!fastPaths() || BODY_CUE_RE.test(opening))) {
    const fast = fastPaths();
    openingSentences = splitSentences(opening);
    for (; firstDated < openingSentences.length; firstDated++) {
      const s = openingSentences[firstDated]!;
      if (fast && !BODY_CUE_RE.test(s)) continue;
      for (const m of mentionsIn(s, ref)) if (m.startDate) primary.push({ meeting: m, weight: 1 });
      if (primary.length > 0) break;
    }
  }
  const result: Meeting[] = [];
  for (const { meeting } of primary) {
    if (result.some((r) => r.body === meeting.body && r.startDate === meeting.startDate)) continue;
    result.push({ ...meeting });
  }
  if (result.length === 0) return [];
  // Fill gaps from every sentence that names the same body with the same dates (or, for the
  // location, the same body with no date but "plaats" wording).
  const wantedBodies = new Set(result.map((r) => r.body.toLowerCase()));
  // Only a formality or place still unknown is filled in: once every meeting has both, the rest
  // of the text cannot change them.
  let open = result.some((r) => r.formal === null || r.location === null);
  // Only a mention with the meeting's dates fills a gap: where the opening is the whole text, the
  // sentences before its first dated mention have none, and are not read again.
  const sentences = !open ? [] : openingSentences !== null && full === opening ? openingSentences.slice(firstDated) : splitSentences(full);
  for (const s of sentences) {
    if (!open) break;
    if (!BODY_CUE_RE.test(s)) continue;
    // Only mentions of a body already found matter here; the others need no date lookup.
    for (const m of mentionsIn(s, ref, (body) => wantedBodies.has(body.toLowerCase()))) {
      for (const r of result) {
        if (m.body.toLowerCase() !== r.body.toLowerCase()) continue;
        const sameDates = m.startDate !== null && m.startDate === r.startDate;
        if (!sameDates) continue;
        if (r.formal === null && m.formal !== null) r.formal = m.formal;
        if (r.location === null && m.location !== null) r.location = m.location;
      }
      open = result.some((r) => r.formal === null || r.location === null);
    }
  }
  for (const r of result) {
    if (r.formal === null && /[Rr]aad$|^Raad\s|Eurogroep/.test(r.body)) r.formal = true;
  }
  return result;
}
