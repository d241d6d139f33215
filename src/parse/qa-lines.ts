// Q&A headings that text extraction hid inside other lines: glued to a page footer or to the line
// before ("…Aanhangsel 1Antwoord 3"), or a whole document flattened to one line. Puts each such
// heading back on a line of its own, before cleanup and paragraphing see the text.

/** A numbered heading: "Vraag 4", "Antwoord 4 en 5", "Vragen 2, 3 en 4", "Antwoord 3 t/m 5". */
const NUMBERS = String.raw`\d{1,3}(?:(?:\s{0,2},\s{0,2}|\s{1,3}en\s{1,3}|\s{0,2}t\/m\s{0,2}|\s{1,3}tot\s{1,3}en\s{1,3}met\s{1,3})\d{1,3}){0,12}`;

/** A line ending in a heading that follows other text: the heading and what came before it. */
const TRAILING_HEADING_RE = new RegExp(String.raw`^(.*?\S)(\s*)((?:Antwoord|Vraag|Vragen)(?:\s{1,3}${NUMBERS})?|Antwoord\s{1,3}van\s{1,3}het\s{1,3}kabinet)$`, 'u');

/** What may stand just before a glued heading: the end of a sentence, a footnote mark, a page number. */
const BEFORE_GLUED_RE = /[.?!»”"')\]\d\p{Ll}]$/u;
const SENTENCE_END_RE = /[.?!»”"')\]:]$|\d$/u;

/**
 * In a flattened line: where a heading starts after the end of a sentence. Numbered headings need a
 * capital (or a colon) after them; bare "Antwoord" and party headings need a sentence end before them.
 */
const INLINE_HEADING_RE = new RegExp(
  // A party's heading is telling wherever it stands (after the signatures of a flattened cover too).
  String.raw`(?<=[.?!»”"')\]\d]\s{0,3}|-\s{1,3}|^)(?:(?:Vraag|Vragen|Antwoord)\s{1,3}${NUMBERS}(?=\s{0,3}:|\s{1,3}[\p{Lu}„"«(])|(?:\d{1,3}\.\s{1,3})?Antwoord(?:\s{1,3}van\s{1,3}het\s{1,3}kabinet)?(?=\s{1,3}[\p{Lu}„"«(]))|(?:\d{1,2}\.?\s{1,3})?Vragen\s{1,3}en\s{1,3}opmerkingen\s{1,3}van\s{1,3}de\s{1,3}leden\s{1,3}van\s{1,3}de\s{1,3}[\p{L}\d/–-]{2,30}-fractie`,
  'gu',
);

/** In a flattened line: a sentence in the members' voice opens a new question block ("Voorts lezen de leden…"). */
const MEMBERS_SENTENCE_RE =
  /(?<=[.?!»”")]\s{1,3})(?=(?:Voorts|Verder|Daarnaast|Ook|Tot\s+slot|Ten\s+slotte|Bovendien)\s+(?:lezen|vragen|merken|willen|constateren|hebben|juichen|wijzen|pleiten)\s+(?:de|deze)\s+leden\b|(?:(?:Voorts|Verder|Daarnaast|Ook|Tot\s+slot|Ten\s+slotte|Bovendien)\s+)?(?:[Dd]e|[Dd]eze)\s+leden\s+(?:van\s+de\s+[\p{L}\d/–-]{2,30}-fractie\s+)?(?:lezen|vragen|merken|willen|constateren|hebben|zijn|vinden|begrijpen|wijzen|pleiten|ondersteunen|juichen|danken)\b)/gu;

/** A line is treated as flattened text when it is this long and holds Q&A headings inside it. */
const FLAT_MIN = 600;

const mayHaveHeading = (l: string): boolean => l.includes('Antwoord') || l.includes('Vraag') || l.includes('Vragen');

/** Splits a flattened line at every heading (and members' sentence) inside it, with blank lines around headings. */
function splitFlat(line: string): string[] | null {
  const cuts: Array<{ at: number; end: number }> = [];
  for (const m of line.matchAll(INLINE_HEADING_RE)) {
    const at = m.index ?? 0;
    cuts.push({ at, end: at + m[0].length });
  }
  if (cuts.length < 2) return null;
  const out: string[] = [];
  let from = 0;
  const pushText = (s: string): void => {
    // Inside the text between headings, a members' sentence starts a new paragraph.
    let start = 0;
    for (const m of s.matchAll(MEMBERS_SENTENCE_RE)) {
      const at = m.index ?? 0;
      if (at > start) out.push(s.slice(start, at).trim(), '');
      start = at;
    }
    const rest = s.slice(start).trim();
    if (rest) out.push(rest, '');
  };
  for (const c of cuts) {
    pushText(line.slice(from, c.at));
    out.push(line.slice(c.at, c.end).trim().replace(/:$/, ''), '');
    from = c.end;
    if (line[from] === ':') from++;
  }
  pushText(line.slice(from));
  return out;
}

/**
 * The lines with hidden Q&A headings put on lines of their own. Lines without the words "Vraag",
 * "Vragen" or "Antwoord" are returned as they are (most documents: the same array).
 */
export function separateQaHeadings(lines: string[]): string[] {
  let out: string[] | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    let repl: string[] | null = null;
    if (mayHaveHeading(line)) {
      if (line.length >= FLAT_MIN) repl = splitFlat(line);
      if (!repl) {
        const m = TRAILING_HEADING_RE.exec(line);
        const before = m?.[1] ?? '';
        const glued = m?.[2] === '';
        if (m && before.trim() && !/^\s*(?:\d{1,3}|[IVX]{1,4})[.)]?$/.test(before) && (glued ? BEFORE_GLUED_RE.test(before) : SENTENCE_END_RE.test(before))) {
          // A bare word needs a sentence end before it: "… het Antwoord" is text, "…mkb.Antwoord" a heading.
          const bare = !/\d$/.test(m[3] ?? '') && !/kabinet$/.test(m[3] ?? '');
          if (!bare || /[.?!»”"')\]]$/u.test(before)) repl = [before, '', m[3] ?? ''];
        }
      }
    }
    if (repl) {
      out ??= lines.slice(0, i);
      out.push(...repl);
    } else if (out) out.push(line);
  }
  return out ?? lines;
}
