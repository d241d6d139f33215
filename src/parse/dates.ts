// Dutch dates in their written forms, date ranges of meetings, and the document's own date.
import { fastPaths, hasFoldingOddities, lowerForCues } from './fastpath.js';

/**
 * The regex without the u flag. Case-insensitive matching under /iu goes through Unicode case
 * folding, which V8 runs several times slower than /i (DMY_RE: 8x). For the patterns here (ASCII
 * letters, no \p{…}, no astral characters) both match exactly the same on text where
 * asciiFoldable holds: besides ASCII itself, only "ſ" and the Kelvin sign fold to ASCII letters.
 */
function withoutUnicode(re: RegExp): RegExp {
  return new RegExp(re.source, re.flags.replace('u', ''));
}

/** Whether the /i twins of the /iu regexes may be used on `text` (a fast path). */
function asciiFoldable(text: string): boolean {
  return fastPaths() && !hasFoldingOddities(text);
}

const MONTH_NAMES: ReadonlyArray<[string, number]> = [
  ['januari', 1], ['jan', 1], ['februari', 2], ['feb', 2], ['febr', 2], ['maart', 3], ['mrt', 3],
  ['april', 4], ['apr', 4], ['mei', 5], ['juni', 6], ['jun', 6], ['juli', 7], ['jul', 7],
  ['augustus', 8], ['aug', 8], ['september', 9], ['sep', 9], ['sept', 9], ['oktober', 10], ['okt', 10],
  ['november', 11], ['nov', 11], ['december', 12], ['dec', 12],
];
const MONTHS = new Map(MONTH_NAMES);

/** Regex source for a month name (full or abbreviated, with optional dot). */
export const MONTH_SRC =
  '(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|jan|febr|feb|mrt|apr|jun|jul|aug|sept|sep|okt|nov|dec)\\.?';

/** Month number (1-12) of a Dutch month name or abbreviation, or null. */
export function monthNumber(name: string): number | null {
  return MONTHS.get(name.toLowerCase().replace(/\.$/, '')) ?? null;
}

/** `YYYY-MM-DD`, or null when the day does not exist in that month. */
export function isoDate(y: number, m: number, d: number): string | null {
  if (!Number.isInteger(y) || y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Parses `YYYY-MM-DD` into numbers; null if malformed. */
export function splitIso(iso: string | null): { y: number; m: number; d: number } | null {
  if (!iso) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  return { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
}

/** Adds days to an ISO date (UTC arithmetic, no clock). */
export function addDays(iso: string, days: number): string {
  const p = splitIso(iso);
  if (!p) return iso;
  const t = new Date(Date.UTC(p.y, p.m - 1, p.d + days));
  return t.toISOString().slice(0, 10);
}

/** Day of week, 0 = Sunday. */
export function weekday(y: number, m: number, d: number): number {
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/**
 * The year for a day and month written without one ("op 4 en 5 maart"): the year, within one
 * of the reference date's, that puts the date closest to the reference date.
 */
export function inferYear(m: number, d: number, ref: string | null): number | null {
  const r = splitIso(ref);
  if (!r) return null;
  const refT = Date.UTC(r.y, r.m - 1, r.d);
  let best = r.y;
  let bestDist = Infinity;
  for (const y of [r.y - 1, r.y, r.y + 1]) {
    const dist = Math.abs(Date.UTC(y, m - 1, d) - refT);
    if (dist < bestDist) {
      bestDist = dist;
      best = y;
    }
  }
  return best;
}

const DIGIT_RE = /[0-9]/;

/** Every date form findDates and findDateRanges read has an ASCII digit (a fast path: most sentences have none). */
function mayHoldDate(text: string): boolean {
  return !fastPaths() || DIGIT_RE.test(text);
}

export interface FoundDate {
  iso: string;
  index: number;
  raw: string;
}

const DMY_RE = new RegExp(`\\b(\\d{1,2})(?:e|ste|de)?\\s{1,3}(${MONTH_SRC})(?:\\s{1,3}(\\d{4}))?\\b`, 'giu');
const DMY_ASCII_RE = withoutUnicode(DMY_RE);
const ISO_RE = /\b(\d{4})-(\d{2})-(\d{2})\b/g;
const NUMERIC_RE = /\b(\d{1,2})-(\d{1,2})-(\d{4})\b/g;

/**
 * Every full date in the text, in order: `11 april 2022`, `2025-03-03`, `20-11-2017`.
 * A day and month without a year count only when `ref` (a reference date) is given.
 */
export function findDates(text: string, ref: string | null = null): FoundDate[] {
  const out: FoundDate[] = [];
  if (!mayHoldDate(text)) return out;
  for (const m of text.matchAll(asciiFoldable(text) ? DMY_ASCII_RE : DMY_RE)) {
    const month = monthNumber(m[2] ?? '');
    const day = Number(m[1]);
    let year = m[3] ? Number(m[3]) : null;
    if (year === null && month) year = inferYear(month, day, ref);
    if (!month || year === null) continue;
    const iso = isoDate(year, month, day);
    if (iso) out.push({ iso, index: m.index ?? 0, raw: m[0] });
  }
  for (const m of text.matchAll(ISO_RE)) {
    const iso = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
    if (iso) out.push({ iso, index: m.index ?? 0, raw: m[0] });
  }
  for (const m of text.matchAll(NUMERIC_RE)) {
    const iso = isoDate(Number(m[3]), Number(m[2]), Number(m[1]));
    if (iso) out.push({ iso, index: m.index ?? 0, raw: m[0] });
  }
  return out.sort((a, b) => a.index - b.index);
}

/** The first date in the text (see findDates), or null. */
export function parseDutchDate(text: string, ref: string | null = null): string | null {
  return findDates(text, ref)[0]?.iso ?? null;
}

export interface DateRange {
  start: string;
  end: string;
  index: number;
  raw: string;
}

// "8-9 maart 2022", "8 en 9 maart", "29 – 30 april 2026", "30 november - 1 december 2025", "6 december 2024"
const RANGE_RE = new RegExp(
  `\\b(\\d{1,2})(?:\\s{0,2}(?:${MONTH_SRC}))?\\s{0,2}(?:-|–|—|en|t/m|tot en met)\\s{0,2}(\\d{1,2})\\s{1,3}(${MONTH_SRC})(?:\\s{1,3}(\\d{4}))?\\b`,
  'giu',
);
const RANGE_ASCII_RE = withoutUnicode(RANGE_RE);

/**
 * Date ranges and single dates in the text, in order. Each single date is a range of one day.
 * Missing years come from `ref`, the document's date.
 */
export function findDateRanges(text: string, ref: string | null): DateRange[] {
  const out: DateRange[] = [];
  if (!mayHoldDate(text)) return out;
  const taken: Array<[number, number]> = [];
  for (const m of text.matchAll(asciiFoldable(text) ? RANGE_ASCII_RE : RANGE_RE)) {
    const raw = m[0];
    const idx = m.index ?? 0;
    const endMonth = monthNumber(m[3] ?? '');
    const firstMonthWord = /\d{1,2}\s{0,2}([a-z]+\.?)/i.exec(raw)?.[1];
    const startMonth = firstMonthWord && monthNumber(firstMonthWord) ? monthNumber(firstMonthWord) : endMonth;
    if (!endMonth || !startMonth) continue;
    const d1 = Number(m[1]);
    const d2 = Number(m[2]);
    let y2 = m[4] ? Number(m[4]) : inferYear(endMonth, d2, ref);
    if (y2 === null) continue;
    const y1 = startMonth > endMonth ? y2 - 1 : y2;
    const start = isoDate(y1, startMonth, d1);
    const end = isoDate(y2, endMonth, d2);
    if (!start || !end || start > end) continue;
    out.push({ start, end, index: idx, raw });
    taken.push([idx, idx + raw.length]);
  }
  for (const f of findDates(text, ref)) {
    if (taken.some(([a, b]) => f.index >= a && f.index < b)) continue;
    out.push({ start: f.iso, end: f.iso, index: f.index, raw: f.raw });
  }
  return out.sort((a, b) => a.index - b.index);
}

const LABELLED_DATE_RES: RegExp[] = [
  // Letter sidebar "Datum 28 mei 2026" (the label may stand on its own line); not "Datum aangemaakt".
  new RegExp(`^\\s*Datum\\s*:?\\s*(?:\\n\\s*)?(\\d{1,2}\\s+${MONTH_SRC}\\s+\\d{4}|\\d{4}-\\d{2}-\\d{2}|\\d{1,2}-\\d{1,2}-\\d{4})`, 'imu'),
  // Parliament site metadata "Nummer: 2025D08504, datum: 2025-03-03"
  /\bdatum:\s*(\d{4}-\d{2}-\d{2})/iu,
  // "Den Haag, 11 april 2022", "Brussel, 20 november 2017", "'s-Gravenhage, 3 maart 2025"
  new RegExp(`^\\s*(?:Den Haag|'s-Gravenhage|’s-Gravenhage|Brussel|Luxemburg|Straatsburg|Utrecht|Amsterdam|Rotterdam)\\s*,\\s*(\\d{1,2}\\s+${MONTH_SRC}\\s+\\d{4})`, 'imu'),
  // Council cover note "d.d.: 20 november 2017"
  new RegExp(`^\\s*d\\.d\\.\\s*:?\\s*(\\d{1,2}\\s+${MONTH_SRC}\\s+\\d{4})`, 'imu'),
  // Answers to written questions: "(ontvangen 4 april 2025)"; questions and moties: "(ingezonden …)", "Voorgesteld …"
  new RegExp(`\\bontvangen\\s+(\\d{1,2}\\s+${MONTH_SRC}\\s+\\d{4})`, 'iu'),
  new RegExp(`\\bingezonden\\s+(\\d{1,2}\\s+${MONTH_SRC}\\s+\\d{4})`, 'iu'),
  new RegExp(`^\\s*(?:Vastgesteld|Voorgesteld)\\s+(\\d{1,2}\\s+${MONTH_SRC}\\s+\\d{4})`, 'imu'),
];
const LABELLED_DATE_ASCII_RES = LABELLED_DATE_RES.map(withoutUnicode);

/** Place names of the "Plaats, datum" line (LABELLED_DATE_RES[2]), lower case. */
const PLACE_CUES = ['den haag', "'s-gravenhage", '’s-gravenhage', 'brussel', 'luxemburg', 'straatsburg', 'utrecht', 'amsterdam', 'rotterdam'];

/**
 * Words that open a line (after white space) where the labels anchored there (LABELLED_DATE_RES
 * 0, 2, 3 and 6: `^\s*Datum`, `^\s*Den Haag,`, `^\s*d.d.`, `^\s*Vastgesteld`) can match, lower case, by label.
 */
const LINE_START_CUES: ReadonlyArray<readonly string[]> = [['datum'], [], PLACE_CUES, ['d.d.'], [], [], ['vastgesteld', 'voorgesteld']];

/** What \s matches. */
function isSpace(c: number): boolean {
  return (
    c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

const ODD_LINE_END_RE = /[\r\u2028\u2029]/;

/** Where ^ matches under the m flag: after these. */
function isLineTerminator(c: number): boolean {
  return c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
}

/**
 * Per label, whether one of its LINE_START_CUES opens a line of the lower-cased head. One walk
 * over the line starts instead of an `includes` per word over the whole head (thirteen words):
 * a label anchored at a line start can only match where its word opens a line. Lower-casing keeps
 * white space and line ends where they are, so the lines are the head's.
 */
function lineStartCues(lower: string): boolean[] {
  const found = LINE_START_CUES.map(() => false);
  // Lines end at "\n" only, mostly: then the next line start is found by a string search, not char by char.
  const onlyNewlines = !ODD_LINE_END_RE.test(lower);
  for (let i = 0; i < lower.length; ) {
    let j = i;
    while (j < lower.length && isSpace(lower.charCodeAt(j))) j++;
    for (let r = 0; r < LINE_START_CUES.length; r++) {
      if (found[r]) continue;
      for (const w of LINE_START_CUES[r]!) {
        if (lower.startsWith(w, j)) {
          found[r] = true;
          break;
        }
      }
    }
    if (onlyNewlines) {
      const end = lower.indexOf('\n', j);
      j = end < 0 ? lower.length : end;
    } else {
      while (j < lower.length && !isLineTerminator(lower.charCodeAt(j))) j++;
    }
    i = j + 1;
  }
  return found;
}

/**
 * Whether LABELLED_DATE_RES[r] may match: whether its words occur in the lower-cased head, at a
 * line start for the labels anchored there (`lineStart`, computed on first use). One `includes`
 * per word elsewhere: a string search is several times faster than one regex scan for all the
 * words together, and finds exactly the same words. Asked per label, in documentDate's order:
 * the first label that matches ends the search, so the later labels' words are never looked for.
 */
function labelledDateCue(lower: string, r: number, lineStart: () => boolean[]): boolean {
  switch (r) {
    case 1:
      return lower.includes('datum:');
    case 4:
      return lower.includes('ontvangen');
    case 5:
      return lower.includes('ingezonden');
    default:
      return lineStart()[r] ?? true;
  }
}

/**
 * The first full date of the text with a year: what `findDates(text).find((d) => /\d{4}/.test(d.raw))`
 * gives (without a reference date every date findDates finds has its year written), without
 * collecting and sorting every date: the first of each form, the earliest of those three (on a
 * tie the form findDates lists first, as its stable sort keeps it).
 */
function firstDate(text: string): string | null {
  let best: FoundDate | null = null;
  for (const m of text.matchAll(asciiFoldable(text) ? DMY_ASCII_RE : DMY_RE)) {
    const month = monthNumber(m[2] ?? '');
    if (!month || !m[3]) continue;
    const iso = isoDate(Number(m[3]), month, Number(m[1]));
    if (iso) {
      best = { iso, index: m.index ?? 0, raw: m[0] };
      break;
    }
  }
  for (const [re, y, mo, d] of [[ISO_RE, 1, 2, 3], [NUMERIC_RE, 3, 2, 1]] as const) {
    for (const m of text.matchAll(re)) {
      if (best !== null && (m.index ?? 0) >= best.index) break;
      const iso = isoDate(Number(m[y]), Number(m[mo]), Number(m[d]));
      if (iso) {
        best = { iso, index: m.index ?? 0, raw: m[0] };
        break;
      }
    }
  }
  return best?.iso ?? null;
}

/**
 * The document's own date: the most reliable labelled date in the head of the document (letter "Datum",
 * site metadata, "Plaats, datum" line, Council "d.d.", answer "ontvangen"), else a date in the
 * file name hint, else the first full date in the head.
 */
export function documentDate(head: string, fileName?: string): string | null {
  // Labels are tried in order of reliability, not position: an answer's "ontvangen" date beats
  // the "ingezonden" date of the questions it quotes.
  const lower = fastPaths() ? lowerForCues(head) : null;
  // A lower-cased head exists only on the fast path and without folding oddities: the /i twins apply.
  const res = lower !== null ? LABELLED_DATE_ASCII_RES : LABELLED_DATE_RES;
  let starts: boolean[] | null = null;
  const lineStart = (): boolean[] => (starts ??= lineStartCues(lower ?? ''));
  for (let r = 0; r < res.length; r++) {
    const re = res[r]!;
    if (lower !== null && !labelledDateCue(lower, r, lineStart)) continue;
    const m = re.exec(head);
    const iso = m ? parseDutchDate(m[1] ?? '') : null;
    if (iso) return iso;
  }
  if (fileName) {
    const f = /(\d{4})-(\d{2})-(\d{2})/.exec(fileName);
    if (f) {
      const iso = isoDate(Number(f[1]), Number(f[2]), Number(f[3]));
      if (iso) return iso;
    }
  }
  return fastPaths() ? firstDate(head.slice(0, 3000)) : (findDates(head.slice(0, 3000)).find((d) => /\d{4}/.test(d.raw))?.iso ?? null);
}
