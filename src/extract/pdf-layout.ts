// Pure layout: positioned PDF text runs → lines with spaces and paragraph breaks.

/** A run of text as the PDF draws it; coordinates in PDF user space (y grows upwards). */
export interface TextRun {
  str: string;
  /** Baseline start. */
  x: number;
  y: number;
  width: number;
  /** Glyph height in user space; the yardstick for gaps. */
  fontSize: number;
}

/** Two runs further apart than this share of the font size get a space between them. */
const SPACE_GAP = 0.15;
/** Baselines closer than this share of the font size are one line (superscripts included). */
const SAME_LINE = 0.5;
/** A line gap this much larger than the page's usual line pitch starts a paragraph. */
const PARAGRAPH_GAP = 1.4;

interface Line {
  text: string;
  y: number;
  fontSize: number;
  x: number;
  endX: number;
}

/** A page's lines, with the lines of its top and bottom margin bands set apart. */
export interface PageLayout {
  /** The page's text lines, as layoutPageLines gives them, without the margin bands. */
  lines: string[];
  /** Lines in the top margin band, top to bottom, left to right. */
  top: string[];
  /** Lines in the bottom margin band, top to bottom, left to right. */
  bottom: string[];
}

/** Share of the page height at the top and at the bottom where running headers and footers sit. */
const TOP_BAND = 0.1;
const BOTTOM_BAND = 0.12;
/** A margin band is set apart only when this many line pitches of white space separate it from the text. */
const BAND_GAP = 2;

/**
 * Lays a page out like layoutPageLines, but first sets apart the lines of its top and
 * bottom margins: lines within the outer tenth or so of the page that white space clearly
 * separates from the text. Two-column layouts (Handelingen) draw their footer between the
 * columns, so in drawing order it would land mid-sentence; by position it is plainly a
 * footer. Text that runs into the margin without a gap (footnotes) stays text.
 */
export function layoutPage(runs: readonly TextRun[], pageHeight: number): PageLayout {
  const all = groupRuns(runs);
  const pitch = typicalPitch(all);
  // From the page edge inwards: the band is what lies before the first wide white gap, as
  // long as that gap starts within the margin zone and text follows it.
  const band = (fromEdge: Line[], inZone: (l: Line) => boolean): Line[] => {
    for (let i = 0; i + 1 < fromEdge.length && inZone(fromEdge[i]!); i++) {
      const a = fromEdge[i]!;
      const b = fromEdge[i + 1]!;
      const size = Math.max(a.fontSize, b.fontSize);
      if (Math.abs(a.y - b.y) > BAND_GAP * (pitch ?? 1.2) * size) return fromEdge.slice(0, i + 1);
    }
    return [];
  };
  if (pageHeight <= 0) return { lines: linesWithBreaks(all, pitch), top: [], bottom: [] };
  const byHeight = [...all].sort((a, b) => b.y - a.y);
  const top = band(byHeight, (l) => l.y > (1 - TOP_BAND) * pageHeight);
  const bottom = band([...byHeight].reverse(), (l) => l.y < BOTTOM_BAND * pageHeight);
  const margin = new Set([...top, ...bottom]);
  // A footer is laid out in blocks side by side (the debate's title, the date and sitting,
  // the page number): read block by block, each top to bottom.
  const reading = (a: Line, b: Line) => (Math.abs(a.x - b.x) > 2 * Math.max(a.fontSize, b.fontSize) ? a.x - b.x : b.y - a.y);
  return {
    lines: linesWithBreaks(all.filter((l) => !margin.has(l)), pitch),
    top: [...top].sort(reading).map((l) => l.text),
    bottom: [...bottom].sort(reading).map((l) => l.text),
  };
}

/**
 * Rebuilds one page's lines from its runs, in drawing order (which is reading order for
 * the producers we see, columns included). A run on the same baseline that continues to
 * the right joins the line, with a space where the gap is wider than a letter's kerning;
 * a vertical gap well over the page's line pitch yields an empty line (a paragraph break).
 * Hyphens at line ends are kept: whether they split a word is the reader's call.
 */
export function layoutPageLines(runs: readonly TextRun[]): string[] {
  const lines = groupRuns(runs);
  return linesWithBreaks(lines, typicalPitch(lines));
}

function linesWithBreaks(lines: Line[], pitch: number | null): string[] {
  const out: string[] = [];
  lines.forEach((line, i) => {
    const prev = lines[i - 1];
    if (prev && out.length > 0) {
      const dy = prev.y - line.y;
      const size = Math.min(prev.fontSize, line.fontSize);
      // Going up the page means a new column or block; either way a new paragraph.
      if (dy > PARAGRAPH_GAP * (pitch ?? 1.2) * size || dy < -size) out.push('');
    }
    out.push(line.text);
  });
  return out;
}

function groupRuns(runs: readonly TextRun[]): Line[] {
  const lines: Line[] = [];
  let cur: Line | null = null;
  for (const run of runs) {
    if (run.str === '') continue;
    const size = run.fontSize > 0 ? run.fontSize : 10;
    const joins =
      cur !== null &&
      Math.abs(run.y - cur.y) <= SAME_LINE * Math.max(size, cur.fontSize) &&
      run.x >= cur.endX - SAME_LINE * size;
    if (cur !== null && joins) {
      const gap = run.x - cur.endX;
      const spaced = /\s$/.test(cur.text) || /^\s/.test(run.str);
      cur.text += (gap > SPACE_GAP * size && !spaced ? ' ' : '') + run.str;
      cur.endX = Math.max(cur.endX, run.x + run.width);
      cur.fontSize = Math.max(cur.fontSize, size);
      continue;
    }
    if (cur !== null) lines.push(cur);
    cur = { text: run.str, y: run.y, fontSize: size, x: run.x, endX: run.x + run.width };
  }
  if (cur !== null) lines.push(cur);
  return lines
    .map((l) => ({ ...l, text: l.text.replace(/\s+/g, ' ').trim() }))
    .filter((l) => l.text !== '');
}

/**
 * The usual distance between baselines inside a paragraph, as a multiple of the font size:
 * the smallest ratio that recurs (on a share of the lines), since on letterheads and short
 * blocks paragraph gaps can be as common as line gaps. Relative to the font size because a
 * page mixes sizes: the tight 6 pt colophon of a motion must not make its 9 pt text, set
 * with wide spacing, look like a paragraph per line. Null with too few lines to tell.
 */
function typicalPitch(lines: Line[]): number | null {
  const counts = new Map<number, number>();
  let total = 0;
  for (let i = 1; i < lines.length; i++) {
    const size = Math.min(lines[i - 1]!.fontSize, lines[i]!.fontSize);
    const dy = lines[i - 1]!.y - lines[i]!.y;
    if (dy <= 0 || dy >= 4 * size) continue;
    // Buckets of 1/20 of the font size absorb rounding in the producer's coordinates.
    const bucket = Math.round((dy / size) * 20) / 20;
    counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
    total++;
  }
  if (total < 3) return null;
  const recurring = [...counts].filter(([, n]) => n >= Math.max(2, 0.1 * total)).map(([gap]) => gap);
  return recurring.length > 0 ? Math.min(...recurring) : Math.min(...counts.keys());
}
