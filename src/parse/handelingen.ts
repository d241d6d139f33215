// Handelingen: the record of a sitting (plenary or committee) as the Kamer prints it — who
// spoke, in turns, under agenda items. Read from the PDF text and from the text the
// officielebekendmakingen XML reader writes in the same shape.
import type { Citation, Commitment } from '../domain/index.js';
import { parseSpeakerLine, type Speaker } from '../domain/speakers.js';
import type { Paragraph } from './cleanup.js';
import { extractCommitments } from './commitments.js';
import { parseDutchDate } from './dates.js';

/** The sitting's number as the Handelingen print it at the foot of each page: "TK 37". */
const SITTING_RE = /^TK (\d{1,3})$/;
/** The page code of the Handelingen: sitting-item-page, "37-4-1". */
const PAGE_CODE_RE = /^\d{1,3}-\d{1,3}-\d{1,3}$/;

// Speaker lines: one home in domain/speakers.ts (the index and the document page read turns too).
export { parseSpeakerLine, type Speaker } from '../domain/speakers.js';

/** A structural line of a Handelingen: a speaker line stands alone as a heading. */
export function isSpeakerLine(line: string): boolean {
  const t = line.trim();
  return t.endsWith(':') && parseSpeakerLine(t) !== null;
}

/**
 * Whether the head of a text is a Handelingen: the sitting's masthead ("TK 37" with a page
 * code such as "37-4-1" as the PDF's footer gives it, or under the heading "Handelingen
 * Tweede Kamer" the XML reader writes), or the turns of a debate (three speaker lines, the
 * chair among them).
 */
export function isHandelingenHead(lines: readonly string[]): boolean {
  let speakers = 0;
  let chair = false;
  let sitting = false;
  let pageCode = false;
  for (const [i, raw] of lines.entries()) {
    const l = raw.trim();
    if (SITTING_RE.test(l)) sitting = true;
    // The heading the officielebekendmakingen reader writes, at the very top.
    else if (i < 3 && /^Handelingen (?:Tweede|Eerste) Kamer$/.test(l)) pageCode = true;
    else if (PAGE_CODE_RE.test(l)) pageCode = true;
    else if (l.endsWith(':')) {
      const s = parseSpeakerLine(l);
      if (s) {
        speakers++;
        if (s.chair) chair = true;
      }
    }
  }
  return (sitting && pageCode) || (speakers >= 3 && chair);
}

/**
 * The sitting's date: the date printed beside its number ("1 februari 2024" next to "TK 37"),
 * not a date the text mentions ("(Zie vergadering van 31 januari 2024.)"). Null when the
 * masthead has none.
 */
export function sittingDate(lines: readonly string[]): string | null {
  const at = lines.findIndex((l) => SITTING_RE.test(l.trim()));
  if (at < 0) return null;
  for (let d = 1; d <= 3; d++) {
    for (const i of [at - d, at + d]) {
      const l = lines[i]?.trim() ?? '';
      if (l.length > 40) continue;
      const iso = /^(?:\p{L}+dag\s+)?\d{1,2}\s+\p{L}+\s+\d{4}$/u.test(l) ? parseDutchDate(l) : null;
      if (iso) return iso;
    }
  }
  return null;
}

/** The sitting's number ("37" from "TK 37"), or null. */
export function sittingNumber(lines: readonly string[]): string | null {
  for (const l of lines) {
    const m = SITTING_RE.exec(l.trim());
    if (m) return m[1] ?? null;
  }
  return null;
}

/**
 * The title of a Handelingen: the heading of its (first) agenda item — the heading paragraph
 * right before "Aan de orde is …" — prefixed with the sitting ("Handelingen TK 37: Begroting
 * Landbouw, Natuur en Voedselkwaliteit 2024"). Null when there is no agenda item heading.
 */
export function handelingenTitle(paragraphs: readonly Paragraph[], sitting: string | null): string | null {
  const at = paragraphs.findIndex((p) => /^Aan de orde (?:is|zijn)\b/.test(p.text));
  let heading: string | null = null;
  for (let i = at - 1; i >= 0 && i >= at - 4; i--) {
    const t = paragraphs[i]!.text;
    if (/^\d{1,3}$/.test(t) || t.length < 4) continue;
    if (t.length <= 200 && !/[.:;]$/.test(t) && !parseSpeakerLine(`${t}:`)) heading = t;
    break;
  }
  if (!heading) return sitting ? `Handelingen TK ${sitting}` : null;
  return sitting ? `Handelingen TK ${sitting}: ${heading}` : heading;
}

/**
 * Commitments made in a debate: promises in what the government's speakers said, each
 * attributed to the speaker ("Minister Adema"). What members say — and the motions they
 * move ("verzoekt de regering …") — is not the government's voice.
 */
export function debateCommitments(paragraphs: readonly Paragraph[], docDate: string | null): Commitment[] {
  const out: Commitment[] = [];
  let speaker: Speaker | null = null;
  let turn: string[] = [];
  const flush = () => {
    if (speaker?.government && turn.length > 0) {
      const said = extractCommitments(turn, { docDate, signatories: [{ name: speaker.name, role: speaker.label }] });
      for (const c of said) out.push({ ...c, actor: c.actor ?? speaker.label });
    }
    turn = [];
  };
  for (const p of paragraphs) {
    const s = p.text.endsWith(':') ? parseSpeakerLine(p.text) : null;
    if (s) {
      flush();
      speaker = s;
      continue;
    }
    // The text of a motion quoted in a turn is the Kamer's, not the speaker's.
    if (/^(?:Motie|De Kamer,)$/.test(p.text)) {
      flush();
      speaker = null;
      continue;
    }
    turn.push(p.text);
  }
  flush();
  return out;
}

/** "Zij krijgt nr. 210 (34104).", "de motie op stuk nr. 304 (33576)": a motion's number, then its dossier. */
const MOTION_NR_RE = /\b(?:stuk\s)?nr\.\s?(\d{1,4})\s\((\d{2}\s?\d{3}(?:-[0-9A-Z]{1,6})?)\)/g;
/** The bill or budget on the agenda: "… voor het jaar 2024 (36410-XIV)." */
const AGENDA_DOSSIER_RE = /\((\d{5}(?:-[0-9A-Z]{1,6})?)\)/g;

/**
 * The Kamerstukken a Handelingen refers to in its own notation: motions moved or discussed
 * ("krijgt nr. 210 (34104)") and the dossiers on the agenda ("Aan de orde is … (36410-XIV)",
 * a citation of the dossier without a number).
 */
export function handelingenCitations(paragraphs: readonly Paragraph[]): Citation[] {
  const out: Citation[] = [];
  const seen = new Set<string>();
  const add = (c: Citation & { kind: 'kamerstuk' }) => {
    const key = `${c.dossier}:${c.number ?? ''}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(c);
    }
  };
  let agenda = false;
  for (const p of paragraphs) {
    if (/^Aan de orde (?:is|zijn)\b/.test(p.text)) agenda = true;
    else if (p.text.endsWith(':') && parseSpeakerLine(p.text)) agenda = false;
    if (agenda) {
      for (const m of p.text.matchAll(AGENDA_DOSSIER_RE)) add({ kind: 'kamerstuk', raw: m[1]!, dossier: m[1]!, number: null, year: null });
    }
    for (const m of p.text.matchAll(MOTION_NR_RE)) {
      add({ kind: 'kamerstuk', raw: m[0], dossier: m[2]!.replace(/\s+/g, ''), number: m[1]!, year: null });
    }
  }
  return out;
}
