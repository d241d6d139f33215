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
  endX: number;
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
  const pitch = typicalPitch(lines);
  const out: string[] = [];
  lines.forEach((line, i) => {
    const prev = lines[i - 1];
    if (prev && out.length > 0) {
      const dy = prev.y - line.y;
      const size = Math.max(prev.fontSize, line.fontSize);
      // Going up the page means a new column or block; either way a new paragraph.
      if (dy > PARAGRAPH_GAP * (pitch ?? 1.2 * size) || dy < -size) out.push('');
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
    cur = { text: run.str, y: run.y, fontSize: size, endX: run.x + run.width };
  }
  if (cur !== null) lines.push(cur);
  return lines
    .map((l) => ({ ...l, text: l.text.replace(/\s+/g, ' ').trim() }))
    .filter((l) => l.text !== '');
}

/**
 * The usual distance between baselines inside a paragraph: the smallest gap that recurs
 * (on a share of the lines), since on letterheads and short blocks paragraph gaps can be
 * as common as line gaps. Null with too few lines to tell.
 */
function typicalPitch(lines: Line[]): number | null {
  const counts = new Map<number, number>();
  let total = 0;
  for (let i = 1; i < lines.length; i++) {
    const dy = lines[i - 1]!.y - lines[i]!.y;
    if (dy <= 0 || dy >= 4 * lines[i]!.fontSize) continue;
    // Half-point buckets absorb rounding in the producer's coordinates.
    const bucket = Math.round(dy * 2) / 2;
    counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
    total++;
  }
  if (total < 3) return null;
  const recurring = [...counts].filter(([, n]) => n >= Math.max(2, 0.1 * total)).map(([gap]) => gap);
  return recurring.length > 0 ? Math.min(...recurring) : Math.min(...counts.keys());
}
