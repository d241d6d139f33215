// PDF → text with a page map, through pdfjs-dist in-process (no worker, no eval, no fonts).
import type { ExtractedText, PageSpan } from '../domain/index.js';
import { fileError } from './fail.js';
import { layoutPage, type TextRun } from './pdf-layout.js';
import { isPageNumberLine, removeRunningLines, splitRunningMargins } from './running-lines.js';

/** Options for extractPdf. */
export interface PdfOptions {
  /** Give up (CORRUPT_FILE) when reading takes longer than this. */
  timeoutMs: number;
}

/** A page with fewer non-space characters than this has no text layer worth the name. */
const MIN_PAGE_CHARS = 16;

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
type PdfDocument = Awaited<ReturnType<PdfJs['getDocument']>['promise']>;

let pdfjsModule: Promise<PdfJs> | null = null;
/** Loaded on first use so that importing the extractor stays cheap. */
function loadPdfJs(): Promise<PdfJs> {
  pdfjsModule ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjsModule;
}

/**
 * Extracts a PDF's text: lines rebuilt per page, running headers/footers and page numbers
 * removed, pages joined by a blank line with their spans recorded. Throws
 * ENCRYPTED_FILE, CORRUPT_FILE (also on timeout) or NO_TEXT_LAYER.
 */
export async function extractPdf(bytes: Uint8Array, fileName: string, opts: PdfOptions): Promise<ExtractedText> {
  const pdfjs = await loadPdfJs();
  const task = pdfjs.getDocument({
    // A plain copy: pdfjs refuses Buffers and may take ownership of what it gets.
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    useWorkerFetch: false,
    isOffscreenCanvasSupported: false,
    stopAtErrors: false,
    enableXfa: false,
    verbosity: 0,
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(fileError('CORRUPT_FILE', fileName, `kon niet binnen ${Math.round(opts.timeoutMs / 1000)} s worden gelezen; de PDF is misschien beschadigd`));
    }, opts.timeoutMs);
    timer.unref();
  });
  try {
    const doc = await Promise.race([task.promise, timeout]).catch((e: unknown) => {
      throw mapOpenError(e, fileName);
    });
    const [raw, title] = await Promise.race([Promise.all([readPages(doc), readTitle(doc)]), timeout]);
    return assemble(raw, title, fileName);
  } finally {
    clearTimeout(timer);
    await task.destroy().catch(() => undefined);
  }
}

interface RawPages {
  lines: string[][];
  /** Lines of each page's top and bottom margin bands. */
  tops: string[][];
  bottoms: string[][];
  unreadable: number[];
}

async function readPages(doc: PdfDocument): Promise<RawPages> {
  const lines: string[][] = [];
  const tops: string[][] = [];
  const bottoms: string[][] = [];
  const unreadable: number[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    try {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const [, y0 = 0, , y1 = 0] = page.view;
      const runs: TextRun[] = [];
      for (const item of content.items) {
        if (!('str' in item)) continue;
        const [, , c = 0, d = 0, x = 0, y = 0] = item.transform as number[];
        runs.push({ str: item.str, x, y: y - y0, width: item.width, fontSize: Math.hypot(c, d) || item.height });
      }
      const layout = layoutPage(runs, y1 - y0);
      lines.push(layout.lines);
      tops.push(layout.top);
      bottoms.push(layout.bottom);
      page.cleanup();
    } catch {
      // One broken page should not cost the rest of the document.
      unreadable.push(n);
      lines.push([]);
      tops.push([]);
      bottoms.push([]);
    }
  }
  return { lines, tops, bottoms, unreadable };
}

async function readTitle(doc: PdfDocument): Promise<string | null> {
  try {
    const { info, metadata } = await doc.getMetadata();
    const fromInfo = (info as { Title?: unknown }).Title;
    const title = typeof fromInfo === 'string' && fromInfo.trim() ? fromInfo : metadata?.get('dc:title');
    return typeof title === 'string' && title.trim() ? title.trim().replace(/\s+/g, ' ') : null;
  } catch {
    return null;
  }
}

function assemble(raw: RawPages, title: string | null, fileName: string): ExtractedText {
  const tops = splitRunningMargins(raw.tops);
  const bottoms = splitRunningMargins(raw.bottoms);
  const pageLines = raw.lines.map((lines, i) => {
    const top = tops.kept[i] ?? [];
    const bottom = bottoms.kept[i] ?? [];
    return [...top, ...(top.length ? [''] : []), ...lines, ...(bottom.length ? [''] : []), ...bottom];
  });
  // What the running margins say (the sitting's number and date of a Handelingen, its
  // debate) is said once, at the head of the first page, instead of between the sentences
  // of every page; page numbers go.
  const masthead = [...(tops.running[0] ?? []), ...(bottoms.running[0] ?? [])].filter((l) => !isPageNumberLine(l));
  if (masthead.length > 0 && pageLines[0]) pageLines[0] = [...masthead, '', ...pageLines[0]];
  const cleaned = removeRunningLines(pageLines);
  const pageTexts = cleaned.map((lines) => lines.join('\n'));
  const withText = pageTexts.map((t) => t.replace(/\s/g, '').length >= MIN_PAGE_CHARS);
  if (!withText.includes(true)) {
    throw fileError(
      'NO_TEXT_LAYER',
      fileName,
      `${pageTexts.length === 1 ? 'heeft geen tekstlaag op zijn enige pagina' : `heeft op geen van zijn ${pageTexts.length} pagina's een tekstlaag`} (een scan zonder OCR?); laat er OCR op los en importeer het opnieuw`,
    );
  }
  const warnings: string[] = [];
  if (raw.unreadable.length) warnings.push(raw.unreadable.length === 1 ? `Pagina ${raw.unreadable[0]} kon niet worden gelezen.` : `Pagina's ${raw.unreadable.join(', ')} konden niet worden gelezen.`);
  const empty = withText.flatMap((ok, i) => (ok || raw.unreadable.includes(i + 1) ? [] : [i + 1]));
  if (empty.length) warnings.push(empty.length === 1 ? `Pagina ${empty[0]} heeft geen tekstlaag (gescand?).` : `Pagina's ${empty.join(', ')} hebben geen tekstlaag (gescand?).`);
  const { text, pages } = joinPages(pageTexts);
  return { format: 'pdf', text, pages, title, warnings };
}

/** Joins page texts with a blank line; each span is [start, end) of its page's text. */
export function joinPages(pageTexts: readonly string[]): { text: string; pages: PageSpan[] } {
  const pages: PageSpan[] = [];
  let text = '';
  pageTexts.forEach((t, i) => {
    if (i > 0) text += '\n\n';
    pages.push({ page: i + 1, start: text.length, end: text.length + t.length });
    text += t;
  });
  return { text, pages };
}

function mapOpenError(e: unknown, fileName: string): unknown {
  if (e instanceof Error && e.name === 'KamerlensError') return e;
  const name = e instanceof Error ? e.name : '';
  if (name === 'PasswordException') {
    return fileError('ENCRYPTED_FILE', fileName, 'is met een wachtwoord beveiligd; haal het wachtwoord eraf en importeer het opnieuw', {}, e);
  }
  const detail = e instanceof Error ? e.message : String(e);
  return fileError('CORRUPT_FILE', fileName, `is beschadigd en kan niet als PDF worden gelezen (${detail})`, {}, e);
}
