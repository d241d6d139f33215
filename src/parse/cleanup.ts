// PDF/web extraction artefacts: normalise characters, drop page furniture, rebuild paragraphs.

/** Unicode and whitespace normalisation; form feeds become blank lines. Leading spaces are kept (they mark page starts). */
const NORMALISE_CUE_RE = /[\r\f\u00a0\u2007\u202f\u200b\u200c\u200d\ufeff\u00ad\t]/;

export function normalise(text: string): string[] {
  // One scan decides whether any replacement has work to do; `trimEnd` strips what /\s+$/ does.
  if (!NORMALISE_CUE_RE.test(text)) return text.split('\n').map((l) => l.trimEnd());
  const s = text
    .replace(/\r\n?/g, '\n')
    .replace(/\f/g, '\n\n')
    .replace(/[\u00a0\u2007\u202f]/g, ' ')
    .replace(/[\u200b\u200c\u200d\ufeff\u00ad]/g, '')
    .replace(/\t/g, '  ');
  return s.split('\n').map((l) => l.trimEnd());
}

/** White space other than the plain space. */
const ODD_WS_RE = /[^\S ]/;

function isAsciiDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** A web page's navigation bar: a line made only of bracketed menu items. */
function isNavigation(line: string): boolean {
  const t = line.trim();
  if (!t.startsWith('[') || !t.endsWith(']')) return false;
  return /^(?:\[[^\]\n]{1,60}\]\s*){2,}$/.test(t);
}

const PAGE_NUMBER_RE =
  /^(?:[-–]?\s?\d{1,3}\s?[-–]?|(?:[Pp]agina|[Bb]lz\.?|[Bb]lad|[Pp]age)\s+\d{1,3}(?:\s*(?:van|\/|of)\s*\d{1,3})?|\d{1,3}\s?\/\s?\d{1,3})$/;

/** Running headers of officiële bekendmakingen and their page stamps. */
// One alternation, tried on trimmed lines: "Tweede Kamer, vergaderjaar 2024–2025, 21 501-33, nr. 1113 2",
// "Aanhangsel Handelingen II 2024/25, 1876 1", "kst-21501-33-1120", "ah-tk-20242025-1876", "ISSN 0921 - 7371".
const RUNNING_HEADER_RE =
  /^(?:(?:Tweede|Eerste) Kamer(?: der Staten-Generaal)?,? vergaderjaar \d{4}\s?[–-]\s?\d{4},.{0,80}|Aanhangsel (?:van de )?Handelingen(?: II| I)?,? (?:vergaderjaar )?\d{4}\s?[–/-]\s?\d{2,4}.{0,40}|[Kk]st-[\d-]{3,30}[a-z]?|[Aa]h-tk-\d{8}-\d{1,6}|h-(?:tk|ek)-\d{8}-\d{1,4}(?:-\d{1,4})?|ISSN \d{4}\s?-\s?\d{3,4}.{0,40}|'s-Gravenhage \d{4})$/;

const SIDEBAR_LABEL_RE =
  /^(?:Datum|Onze referentie|Ons kenmerk|Kenmerk|Uw referentie|Uw kenmerk|Uw brief|Referentie|Contactpersoon|Bijlage\(n\)|Bijlagen|Pagina|Kopie aan)$/;

/**
 * Whether a line is a structural heading the cleanup must never drop, even when it repeats
 * (answer and question headings, party sections).
 */
export type StructuralTest = (line: string) => boolean;

/**
 * Drops navigation bars, page numbers, official running headers and lines repeated on many pages
 * (trailing page number ignored, so "14435/17 mou/ASS/sv 2" and "… 3" count as one). Structural headings are kept.
 */
export function removePageFurniture(lines: string[], isStructural: StructuralTest): string[] {
  const counts = new Map<string, number>();
  // Only a trailing page number varies between copies of a running header; normalising every digit
  // would also merge footnotes such as "1 Doc. 12650/17." and "5 Doc. 6122/15.".
  // Lines hold white space other than single spaces only when some line has a double space or
  // another white-space character: one scan over the text spares the per-line collapse.
  const plainSpaces = !lines.some((l) => l.includes('  ') || ODD_WS_RE.test(l));
  const keys: string[] = lines.map((l) => {
    // Headers and page numbers are short; long lines are text and need no bookkeeping.
    if (l.length > 200) return '';
    let k = l.trim();
    if (!plainSpaces) k = k.replace(/\s+/g, ' ');
    if (isAsciiDigit(k.charCodeAt(k.length - 1))) k = k.replace(/\d{1,3}$/, '#');
    if (k) counts.set(k, (counts.get(k) ?? 0) + 1);
    return k;
  });
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] ?? '';
    const t = l.trim();
    if (!t) {
      out.push('');
      continue;
    }
    if (isNavigation(l)) continue;
    if (l.length > 200) {
      out.push(l);
      continue;
    }
    if (RUNNING_HEADER_RE.test(t)) continue;
    if (PAGE_NUMBER_RE.test(t) && pageNumberContext(lines, i)) continue;
    const k = keys[i] ?? '';
    // The letter sidebar repeats its labels on every page; once they repeat they are furniture.
    if (SIDEBAR_LABEL_RE.test(t) && (counts.get(k) ?? 0) >= 2) continue;
    // A repeated full sentence ("Zie het antwoord op vraag 2.") is text, not a page header.
    const repeated = (counts.get(k) ?? 0) >= 3 && t.length <= 120 && (/\d/.test(t) || t.length >= 25) && !/[.?!]["'”’)]?$/.test(t);
    if (repeated && !isStructural(t) && !/^https?:\/\//.test(t)) continue;
    out.push(l);
  }
  return out;
}

/** A bare number is a page number when it stands apart (blank line after it or at the end). */
function pageNumberContext(lines: string[], i: number): boolean {
  if (!/^[-–]?\s?\d{1,3}\s?[-–]?$/.test((lines[i] ?? '').trim())) return true;
  const next = lines[i + 1];
  return next === undefined || next.trim() === '';
}

const URL_START_RE = /https?:\/\/\S+$/;
const URL_CONTINUATION_RE = /^[%/?&=#_.~+\-\w]*[%/?&=#_~]/;

/**
 * Joins URLs that extraction broke over lines: a line ending inside a URL and a next line that is
 * a single token continuing it ("…Joint%20appeal" + "%20by%20EU…").
 */
export function joinBrokenUrls(lines: string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    const prev = out[out.length - 1];
    const t = line.trim();
    // Cheap tests first: the next line must be a single token, and the line before must hold a URL.
    if (prev === undefined || !t || /\s/.test(t) || !prev.includes('http')) {
      out.push(line);
      continue;
    }
    const p = prev.trimEnd();
    // A URL cut right after a separator ("…/artikel/") continues with any single token; otherwise
    // the next token must itself look like URL material.
    const open = /[/=&?%#_-]$/.test(p);
    if (URL_START_RE.test(p) && (open || URL_CONTINUATION_RE.test(t)) && !/^https?:/.test(t)) {
      out[out.length - 1] = prev.trimEnd() + t;
      continue;
    }
    out.push(line);
  }
  return out;
}

const TERMINAL_RE = /[.!?:;]["'”’)]?$/;

const LETTER_RE = /^\p{L}$/u;

/**
 * Length (in UTF-16 units) of the run of letters ending at `end` in `s`: what /[\p{L}]+$/u matches
 * in s.slice(0, end), found from the end.
 */
function trailingLetters(s: string, end: number): number {
  let i = end;
  while (i > 0) {
    const c = s.charCodeAt(i - 1);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) {
      i--;
      continue;
    }
    if (c < 128) break;
    let j = i - 1;
    if (c >= 0xdc00 && c <= 0xdfff && j > 0) {
      const h = s.charCodeAt(j - 1);
      if (h >= 0xd800 && h <= 0xdbff) j--;
    }
    if (!LETTER_RE.test(s.slice(j, i))) break;
    i = j;
  }
  return end - i;
}

/** Whether a lower-case word is Dutch (a lexicon lookup the caller provides). */
export type WordCheck = (word: string) => boolean;

/**
 * Joins two wrapped lines, undoing end-of-line hyphenation where Dutch spelling allows. With
 * a lexicon (`isWord`), a split word is rejoined when the joined word is Dutch
 * ("Volks-"/"huisvesting" → "Volkshuisvesting", "mid-"/"denhuurwoningen"); a hyphen before
 * a capital ("Noord-"/"Holland"), inside a hyphenated group ("staakt-"/"het-vuren") or
 * after ex-, non- and the like stays. Otherwise, and without a lexicon, spelling rules of
 * thumb decide.
 */
export function joinWrapped(a: string, b: string, isWord?: WordCheck): string {
  const left = a.trimEnd();
  const right = b.trim();
  if (!left) return right;
  if (!right) return left;
  // Only the end of `left` matters: look there, not with regexes that scan all of it (quadratic
  // while a paragraph grows line by line).
  const hy = left.charCodeAt(left.length - 1) === 45 /* - */ && trailingLetters(left, left.length - 1) > 0;
  // "Landbouw- en natuurbeleid": a dropped compound part before a conjunction keeps its space.
  if (hy && /^(?:en|of|tot|t\/m)\b/.test(right)) return `${left} ${right}`;
  // "Noord-" / "Holland": a hyphen before a capital is always written.
  if (hy && isWord && /^\p{Lu}/u.test(right)) return left + right;
  if (hy && /^\p{Ll}/u.test(right) && !/\s-$/.test(left.slice(-2))) {
    const before = left.slice(0, -1);
    const lastWord = before.slice(before.length - trailingLetters(before, before.length));
    // Keep the hyphen where Dutch writes one: after a capital/abbreviation (NIS-richtlijn), between
    // clashing vowels (informatie-uitwisseling), after short prefixes (non-paper, ex-minister).
    const clash = /[aeiouy]$/i.test(lastWord) && /^[aeiouy]/i.test(right);
    // Capitals past the first letter (NIS-, EU-) are an abbreviation: its hyphen is real.
    // Prefixes Dutch writes with a hyphen (ex-minister, non-paper) and words hyphenated on
    // both sides (staakt-het-vuren) keep theirs.
    const hyphenated = /^(?:ex|non|anti|pro|co|vice|oud|pre|post|semi|pseudo|quasi)$/i.test(lastWord) || /^\p{L}+-/u.test(right);
    if (isWord && !clash && !hyphenated && !/\p{Lu}/u.test(lastWord.slice(1))) {
      const rightWord = /^\p{L}+/u.exec(right)?.[0] ?? '';
      const lower = lastWord.toLowerCase();
      if (isWord(lower + rightWord)) return before + right;
    }
    // With a lexicon, a capital that only opens the word (a sentence start, "Terrein-") is no abbreviation.
    const abbreviation = /\p{Lu}/u.test(isWord ? lastWord.slice(1) : lastWord);
    const keep = abbreviation || lastWord.length <= 3 || clash || (isWord !== undefined && hyphenated);
    return keep ? left + right : before + right;
  }
  return `${left} ${right}`;
}

export interface Paragraph {
  text: string;
  /** Index of the paragraph's first line in the cleaned lines. */
  line: number;
  /** A standalone line without closing punctuation: a (sub)heading. */
  heading: boolean;
}

/**
 * Rebuilds paragraphs from wrapped lines. A blank line ends a paragraph unless the sentence plainly
 * runs on (no closing punctuation and the next line starts in lower case: PDF pages and footnotes
 * cut sentences). Structural lines always stand alone.
 */
export function toParagraphs(lines: string[], isStructural: StructuralTest, isWord?: WordCheck): Paragraph[] {
  const lengths = lines.map((l) => l.trim().length).filter((n) => n > 0).sort((a, b) => a - b);
  const wide = lengths[Math.floor(lengths.length * 0.9)] ?? 80;
  const out: Paragraph[] = [];
  let cur: { parts: string; line: number; lines: number; lastLen: number } | null = null;
  const flush = (): void => {
    if (cur && cur.parts.trim()) {
      const text = (cur.parts.includes('  ') ? cur.parts.replace(/[ ]{2,}/g, ' ') : cur.parts).trim();
      out.push({ text, line: cur.line, heading: cur.lines === 1 && isHeadingLike(text) });
    }
    cur = null;
  };
  let blankBefore = false;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    const t = raw.trim();
    if (!t) {
      blankBefore = true;
      continue;
    }
    if (isStructural(t)) {
      flush();
      out.push({ text: t.replace(/\s{2,}/g, ' '), line: i, heading: true });
      blankBefore = false;
      continue;
    }
    if (cur !== null) {
      const c: { parts: string; line: number; lines: number; lastLen: number } = cur;
      // The paragraph so far is trimmed (see joinWrapped); only its last two characters matter.
      const prevEnd = c.parts.slice(-2);
      const runsOn = !TERMINAL_RE.test(prevEnd) && (/^\p{Ll}/u.test(t) || prevEnd.endsWith('-'));
      let newPara: boolean;
      if (blankBefore) newPara = !runsOn;
      else if (runsOn) newPara = false;
      else {
        // Within a block of lines: a short line before a capitalised line ends a paragraph
        // (a heading, or the last line of a paragraph).
        const short = c.lastLen < wide * 0.7;
        newPara = short && /^[\p{Lu}\d•\-–(„"‘]/u.test(t);
      }
      if (newPara) flush();
    }
    if (cur === null) cur = { parts: t, line: i, lines: 1, lastLen: t.length };
    else {
      const c: { parts: string; line: number; lines: number; lastLen: number } = cur;
      c.parts = joinWrapped(c.parts, t, isWord);
      c.lines += 1;
      c.lastLen = t.length;
    }
    blankBefore = false;
  }
  flush();
  return out;
}

/** A short line that does not end a sentence: a heading. */
export function isHeadingLike(text: string): boolean {
  const t = text.trim();
  return t.length > 0 && t.length <= 160 && !/[.;:,!?]["'”’)]?$/.test(t) && /^[\p{Lu}\d]/u.test(t);
}
