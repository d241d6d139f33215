// Pure: finds and removes running headers, footers and page numbers across a document's pages.

/** Tuning for removeRunningLines. */
export interface RunningLineOptions {
  /** How many non-empty lines at the top and at the bottom of a page may be running lines. */
  zone?: number;
  /** Share of pages a line must recur on (and at least on two) to count as running. */
  minShare?: number;
}

/**
 * Removes running headers and footers: lines in the top or bottom `zone` of a page whose
 * text, with digits normalised (`Pagina 3 van 7` ≡ `Pagina 4 van 7`, `- 3 -`, `3`),
 * recurs in the same zone on at least `minShare` of the pages and on at least two.
 * Bare page numbers (`3`, `- 3 -`, `3/7`, `Pagina 3 van 7`, `p. 3`) at a page edge go
 * as soon as two pages have them. Blank lines left at page edges are dropped and runs
 * of blank lines collapse to one. Returns new arrays; the input is not changed.
 */
export function removeRunningLines(pages: readonly (readonly string[])[], opts: RunningLineOptions = {}): string[][] {
  const zone = opts.zone ?? 3;
  const minShare = opts.minShare ?? 0.5;
  const zones = pages.map((lines) => edgeZones(lines, zone));
  const top = countPagesPerKey(pages, zones.map((z) => z.top));
  const bottom = countPagesPerKey(pages, zones.map((z) => z.bottom));
  const needed = Math.max(2, Math.ceil(minShare * pages.length));
  const isRunning = (key: string, counts: Map<string, number>): boolean => {
    const n = counts.get(key) ?? 0;
    return n >= needed || (n >= 2 && PAGE_NUMBER.test(key));
  };
  return pages.map((lines, p) => {
    const { top: topIdx, bottom: bottomIdx } = zones[p]!;
    const drop = new Set<number>();
    for (const i of topIdx) if (isRunning(lineKey(lines[i]!), top)) drop.add(i);
    for (const i of bottomIdx) if (isRunning(lineKey(lines[i]!), bottom)) drop.add(i);
    return tidyBlankLines(lines.filter((_, i) => !drop.has(i)));
  });
}

/**
 * Splits the margin-band lines of each page (see layoutPage) into running ones and the rest.
 * A margin line is running when its text, digits ignored, recurs in the same band on at
 * least two pages: "37-4-2" and "37-4-3", "1 februari 2024", "TK 37", the debate's title in
 * the footer of a Handelingen. Position already told these lines apart from the text, so
 * two pages suffice.
 */
export function splitRunningMargins(bands: readonly (readonly string[])[]): { running: string[][]; kept: string[][] } {
  const counts = countPagesPerKey(bands, bands.map((lines) => lines.map((_, i) => i)));
  const running = bands.map((lines) => lines.filter((l) => (counts.get(lineKey(l)) ?? 0) >= 2));
  const kept = bands.map((lines) => lines.filter((l) => (counts.get(lineKey(l)) ?? 0) < 2));
  return { running, kept };
}

/** Whether a line is only a page number (`3`, `- 3 -`, `Pagina 3 van 7`). */
export function isPageNumberLine(line: string): boolean {
  return PAGE_NUMBER.test(lineKey(line));
}

/** Page-number shapes after digit normalisation: `#`, `- # -`, `#/#`, `pagina # van #`, `p. #`, `page # of #`. */
const PAGE_NUMBER = /^(?:[-–—(\[]\s*)?(?:(?:pagina|page|blz\.?|p\.)\s*)?#(?:\s*(?:\/|van|of)\s*#)?(?:\s*[-–—)\]])?$/;

/** Comparison key: case, spacing and every digit run ignored, so numbered lines compare equal. */
export function lineKey(line: string): string {
  return line.trim().toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ');
}

function edgeZones(lines: readonly string[], zone: number): { top: number[]; bottom: number[] } {
  const nonBlank = lines.flatMap((l, i) => (l.trim() === '' ? [] : [i]));
  const top = nonBlank.slice(0, zone);
  // On a short page the zones overlap; a line is then judged as top and as bottom.
  const bottom = nonBlank.slice(Math.max(0, nonBlank.length - zone));
  return { top, bottom };
}

/** For each key, on how many pages it occurs within the given line indexes. */
function countPagesPerKey(pages: readonly (readonly string[])[], zoneIdx: number[][]): Map<string, number> {
  const counts = new Map<string, number>();
  pages.forEach((lines, p) => {
    const keys = new Set(zoneIdx[p]!.map((i) => lineKey(lines[i]!)));
    for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  });
  return counts;
}

function tidyBlankLines(lines: string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    const blank = line.trim() === '';
    if (blank && (out.length === 0 || out[out.length - 1] === '')) continue;
    out.push(blank ? '' : line);
  }
  if (out[out.length - 1] === '') out.pop();
  return out;
}
