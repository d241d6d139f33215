/**
 * The turns of a printed record of a sitting (Handelingen): a line that names the speaker
 * ("Mevrouw Van der Plas (BBB):", "Minister Adema:", "De voorzitter:") opens each turn. One
 * home for the rule, used by the parser (commitments by government speakers), the index
 * (a turn is a `passage` entry) and the document page (the turn's anchor).
 */

/** A name after a title word: capitalised words and Dutch particles ("Van der Plas", "Tjeerd de Groot"). */
const NAME_SRC = String.raw`(?:\s+(?:van|de|der|den|het|ter|ten|te|in|op|'t|d'|la|le|von)|\s+\p{Lu}[\p{L}'’.\-]*)+`;
/**
 * The line that opens a speaker's turn: "Mevrouw Van der Plas (BBB):", "De heer Holman (NSC):",
 * "Minister Adema:", "Staatssecretaris Van Ark:", "Kamerlid Kostić (PvdD):", "De voorzitter:".
 * Not "De minister zei zojuist:" (lower-case words after the title).
 */
const SPEAKER_LINE_RE = new RegExp(
  String.raw`^(?:(De heer|Mevrouw|Kamerlid|Minister-president|Minister|Staatssecretaris)(${NAME_SRC})(?:\s+\(([^()]{1,40})\))?|De voorzitter)\s*:$`,
  'u',
);
const GOVERNMENT_RE = /^(?:Minister|Staatssecretaris|Minister-president)$/;

export interface Speaker {
  /** As printed, without the colon: "Minister Adema", "Mevrouw Van der Plas (BBB)". */
  label: string;
  /** "Minister", "Mevrouw", … or null for the chair. */
  title: string | null;
  name: string;
  party: string | null;
  chair: boolean;
  government: boolean;
}

/** The speaker a line announces, or null when it is not a speaker line. */
export function parseSpeakerLine(line: string): Speaker | null {
  const t = line.trim();
  if (t.length > 120 || !t.endsWith(':')) return null;
  const m = SPEAKER_LINE_RE.exec(t);
  if (!m) return null;
  const label = t.slice(0, -1).trim();
  if (!m[1]) return { label, title: null, name: 'voorzitter', party: null, chair: true, government: false };
  return { label, title: m[1], name: (m[2] ?? '').trim(), party: m[3]?.trim() ?? null, chair: false, government: GOVERNMENT_RE.test(m[1]) };
}

/** A turn of a Handelingen text: its speaker, where it starts (the speaker line) and ends, and its anchor. */
export interface SpeakerTurn {
  /** `beurt-3`: the third speaker line of the text. */
  anchor: string;
  speaker: Speaker;
  /** Offsets into the text: the speaker line's start, the end of the turn (the next speaker line or the end). */
  start: number;
  end: number;
  /** What was said, without the speaker line. */
  text: string;
}

/** The turns of a text, by its speaker lines (none for a text without them). */
export function speakerTurns(text: string): SpeakerTurn[] {
  const out: SpeakerTurn[] = [];
  let at = 0;
  let open: { speaker: Speaker; start: number; bodyStart: number } | null = null;
  const close = (end: number) => {
    if (open) out.push({ anchor: `beurt-${out.length + 1}`, speaker: open.speaker, start: open.start, end, text: text.slice(open.bodyStart, end).trim() });
  };
  while (at <= text.length) {
    const nl = text.indexOf('\n', at);
    const lineEnd = nl < 0 ? text.length : nl;
    const line = text.slice(at, lineEnd);
    const s = line.endsWith(':') || line.trimEnd().endsWith(':') ? parseSpeakerLine(line) : null;
    if (s) {
      close(at);
      open = { speaker: s, start: at, bodyStart: lineEnd };
    }
    if (nl < 0) break;
    at = nl + 1;
  }
  close(text.length);
  return out;
}

/**
 * The turns of a record written as turns, or none: a text whose only speaker lines are the
 * chair's ("De voorzitter:" in a VLOS report's text, where speakers share the line with what
 * they say, and whose turns the report itself provides) is not read as turns.
 */
export function debateTurns(text: string): SpeakerTurn[] {
  const turns = speakerTurns(text);
  return turns.some((t) => !t.speaker.chair) ? turns : [];
}
