// Footnotes: lift them out of the running text (page-bottom notes and end notes) and strip their markers.
import type { Footnote } from '../domain/index.js';
import { joinBrokenUrls, joinWrapped } from './cleanup.js';

export interface FootnoteSplit {
  body: string[];
  footnotes: Footnote[];
}

const PAGE_NOTE_RE = /^ ?(\d{1,3}) {1,3}(\S.*)$/;
const END_NOTE_RE = /^\s{0,6}(\d{1,3})[.)]\s+(.*)$/;
const BACKREF = '↩';
const URL_ONLY_RE = /^\s*(?:https?:\/\/|www\.)\S+\s*$/;

/**
 * Separates footnotes from the body. Two layouts: notes at the foot of each page (a line
 * "N text" after a blank line, N the next note number, with a marker N earlier in the text),
 * and end notes ("N. text↩︎") as web/DOCX extraction writes them.
 */
export function extractFootnotes(lines: string[]): FootnoteSplit {
  const endNotes = extractEndNotes(lines);
  const base = endNotes ? endNotes.body : lines;
  const page = extractPageNotes(base);
  const footnotes = [...page.footnotes, ...(endNotes?.footnotes ?? [])];
  return { body: page.body, footnotes };
}

function extractEndNotes(lines: string[]): FootnoteSplit | null {
  if (!lines.some((l) => l.includes(BACKREF))) return null;
  const body: string[] = [];
  const footnotes: Footnote[] = [];
  let open: { number: number; parts: string[] } | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const m = END_NOTE_RE.exec(line);
    if (open === null && m && backrefFollows(lines, i)) {
      open = { number: Number(m[1]), parts: [m[2] ?? ''] };
    } else if (open !== null) {
      open.parts.push(line);
    } else {
      body.push(line);
      continue;
    }
    const o: { number: number; parts: string[] } = open;
    if (line.includes(BACKREF)) {
      footnotes.push({ number: o.number, text: cleanNoteText(o.parts.join('\n').replace(/↩\uFE0E?\uFE0F?/g, '')) });
      open = null;
    }
  }
  if (open !== null) body.push(...open.parts);
  return { body, footnotes };
}

/** Only numbered lines of an end-note list (a back-reference soon follows) start a note. */
function backrefFollows(lines: string[], i: number): boolean {
  for (let j = i; j < Math.min(lines.length, i + 8); j++) {
    const l = lines[j] ?? '';
    if (l.includes(BACKREF)) return true;
    if (j > i && END_NOTE_RE.test(l)) return false;
  }
  return false;
}

const WS_RE = /\s/;

function isAsciiDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * The first index of `num` in `text` as /(?<=[^\s\d]|\d{4})num(?![\d])/u finds it (a number glued
 * to the end of a word, or after a four-digit year), or Infinity: a literal search with the
 * look-arounds checked by hand.
 */
function firstGluedNumber(text: string, num: string): number {
  for (let i = text.indexOf(num); i >= 0; i = text.indexOf(num, i + 1)) {
    if (isAsciiDigit(text.charCodeAt(i + num.length))) continue;
    if (i === 0) continue;
    const before = text.charCodeAt(i - 1);
    // A lone high or low surrogate is no white space and no digit, as is the astral code point it belongs to.
    const glued = !isAsciiDigit(before) && !WS_RE.test(text.charAt(i - 1));
    const afterYear = i >= 4 && isAsciiDigit(before) && isAsciiDigit(text.charCodeAt(i - 2)) && isAsciiDigit(text.charCodeAt(i - 3)) && isAsciiDigit(text.charCodeAt(i - 4));
    if (glued || afterYear) return i;
  }
  return Infinity;
}

function extractPageNotes(lines: string[]): FootnoteSplit {
  // A note needs its marker earlier in the text: its number glued to the end of a word
  // ("toolbox2", "EU15", "2015-202010"). Looked up lazily per number.
  const offsets: number[] = [];
  let joined = '';
  for (const l of lines) {
    offsets.push(joined.length);
    joined += `${l}\n`;
  }
  const firstMarker = new Map<number, number>();
  const markerOffset = (n: number): number => {
    let at = firstMarker.get(n);
    if (at === undefined) {
      at = firstGluedNumber(joined, String(n));
      firstMarker.set(n, at);
    }
    return at;
  };
  const body: string[] = [];
  const footnotes: Footnote[] = [];
  let last = 0;
  const startsNote = (i: number, inBlock = false): RegExpExecArray | null => {
    const m = PAGE_NOTE_RE.exec(lines[i] ?? '');
    if (!m) return null;
    const n = Number(m[1]);
    if (n <= last || n > last + 5) return null;
    // Inside a block of notes the next number needs no marker check (its marker may be unreadable).
    if (!(inBlock && n === last + 1) && markerOffset(n) >= (offsets[i] ?? 0)) return null;
    if (/\?\s*$/.test(m[2] ?? '')) return null;
    return m;
  };
  let i = 0;
  while (i < lines.length) {
    const prevBlank = i === 0 || !(lines[i - 1] ?? '').trim();
    const m = prevBlank ? startsNote(i) : null;
    if (!m) {
      body.push(lines[i] ?? '');
      i++;
      continue;
    }
    // Consume consecutive notes of this block.
    let note: { number: number; parts: string[] } = { number: Number(m[1]), parts: [m[2] ?? ''] };
    last = note.number;
    i++;
    const finish = (): void => {
      footnotes.push({ number: note.number, text: cleanNoteText(note.parts.join('\n')) });
    };
    while (i < lines.length) {
      const line = lines[i] ?? '';
      const next = startsNote(i, true);
      if (next) {
        finish();
        note = { number: Number(next[1]), parts: [next[2] ?? ''] };
        last = note.number;
        i++;
        continue;
      }
      if (line.trim() && !/^ \S/.test(line)) {
        if (!URL_ONLY_RE.test(line) || !note.parts.join('').includes(line.trim())) note.parts.push(line);
        i++;
        continue;
      }
      if (!line.trim()) {
        // Blank: the note continues only if its text plainly runs on, or link duplicates follow.
        let j = i;
        while (j < lines.length && !(lines[j] ?? '').trim()) j++;
        const gap = j - i;
        const nextLine = lines[j] ?? '';
        const lastPart = (note.parts[note.parts.length - 1] ?? '').trim();
        if (j < lines.length && startsNote(j, true)) {
          i = j;
          continue;
        }
        if (j < lines.length && URL_ONLY_RE.test(nextLine)) {
          i = j;
          continue;
        }
        const runsOn = !/[.)]$/.test(lastPart) && !/https?:\/\/\S+$/.test(lastPart) && !/^ \S/.test(nextLine);
        if (gap === 1 && runsOn && j < lines.length) {
          i = j;
          continue;
        }
      }
      break;
    }
    finish();
    // Keep a blank line so the paragraph builder sees the break.
    body.push('');
  }
  return { body, footnotes };
}

function cleanNoteText(text: string): string {
  const lines = joinBrokenUrls(text.split('\n').map((l) => l.trimEnd())).filter((l) => l.trim());
  let out = '';
  for (const l of lines) out = joinWrapped(out, l);
  return out.replace(/\s{2,}/g, ' ').trim();
}

/** Candidate markers: a number glued to a lower-case word, bracket, quote or sentence end, or standing after a full stop. */
const MARKER_CANDIDATE_RE = new RegExp(
  `(?:(?<=[\\p{Ll})\\]’”"'?!]|[\\p{L})]\\.)(\\d{1,3})|(?<=[.?!]) (\\d{1,3})(?= \\p{Lu}))(?![\\d/,.]\\d|\\d|-\\d| (?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december)\\b)`,
  'gu',
);

const MARKER_CANDIDATE_STICKY_RE = new RegExp(MARKER_CANDIDATE_RE.source, 'uy');
const DIGIT_RE = /\d/g;

/**
 * The matches of MARKER_CANDIDATE_RE in order, as `text.matchAll` gives them. A match starts at a
 * digit or at a space before one, so the regex (whose lookbehind would otherwise be tried at every
 * position) is tried only there.
 */
function* markerCandidates(text: string): Generator<RegExpExecArray> {
  let from = 0;
  DIGIT_RE.lastIndex = 0;
  for (;;) {
    DIGIT_RE.lastIndex = from;
    const d = DIGIT_RE.exec(text);
    if (!d) return;
    const i = d.index;
    let m: RegExpExecArray | null = null;
    if (i - 1 >= from && text.charCodeAt(i - 1) === 32) {
      MARKER_CANDIDATE_STICKY_RE.lastIndex = i - 1;
      m = MARKER_CANDIDATE_STICKY_RE.exec(text);
    }
    if (!m) {
      MARKER_CANDIDATE_STICKY_RE.lastIndex = i;
      m = MARKER_CANDIDATE_STICKY_RE.exec(text);
    }
    if (m) {
      yield m;
      from = m.index + m[0].length;
    } else from = i + 1;
  }
}

/**
 * Removes footnote markers from the body in one pass: markers must come in note order
 * ("Kamerbrief1", "richtlijn1.", "(DOSA)15", "verminderd. 12 Zo"), so a candidate counts only when
 * its number is the next expected one or a few beyond it (extraction sometimes loses a note's
 * text, and with it the number in between).
 */
export function stripFootnoteMarkers(body: string[], numbers: number[]): string[] {
  if (numbers.length === 0) return body;
  const max = Math.max(...numbers);
  const text = body.join('\n');
  let expect = 1;
  let out = '';
  let last = 0;
  for (const m of markerCandidates(text)) {
    const n = Number(m[1] ?? m[2]);
    if (n < expect || n > expect + 3 || n > max) continue;
    out += text.slice(last, m.index);
    last = (m.index ?? 0) + m[0].length;
    expect = n + 1;
  }
  return (out + text.slice(last)).split('\n');
}
