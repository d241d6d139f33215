// HTML → the main content's text: Readability on a linkedom DOM, with a chrome-stripping fallback.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { ExtractedText } from '../domain/index.js';
import { htmlToText } from './html-text.js';

/** Page chrome that is never the content. */
const CHROME = 'nav, header, footer, aside, script, style, noscript, template, form, [role="navigation"], [role="banner"], [role="contentinfo"], [role="search"], [aria-hidden="true"], [hidden]';
/** Beyond this many elements, or this nesting depth, Readability is skipped; the fallback still works. */
const MAX_ELEMENTS = 200_000;
const MAX_DEPTH = 400;
/** Readability output shorter than this is treated as "found nothing". */
const MIN_ARTICLE_CHARS = 20;

/**
 * Extracts an HTML page's main text (article only, site chrome dropped) and its title
 * (`<title>`, else the first `<h1>`). Decodes by BOM or `<meta charset>`, else UTF-8
 * falling back to Windows-1252 with a warning.
 */
export function extractHtml(bytes: Uint8Array, fileName: string): ExtractedText {
  const warnings: string[] = [];
  const html = withHtmlRoot(decodeHtml(bytes, fileName, warnings));
  const { document } = parseHTML(html);
  const title = pageTitle(document);
  const article = isTameTree(document) ? readabilityText(html) : null;
  if (article === null) warnings.push('Geen artikel gevonden; de tekst van de pagina is gebruikt, zonder navigatie, kop en voet.');
  const text = article ?? fallbackText(document);
  return { format: 'html', text: text.trim(), pages: null, title, warnings };
}

/** linkedom loses the body of a page without an <html> element, which fragments often lack. */
function withHtmlRoot(html: string): string {
  if (/<html[\s>]/i.test(html)) return html;
  return `<html>${html.replace(/^\s*<!doctype[^>]*>/i, '')}</html>`;
}

/** Readability is quadratic on deep nesting; hostile trees skip it. */
function isTameTree(document: Document): boolean {
  let elements = 0;
  const stack: [Element, number][] = document.documentElement ? [[document.documentElement, 1]] : [];
  while (stack.length > 0) {
    const [el, depth] = stack.pop()!;
    if (++elements > MAX_ELEMENTS || depth > MAX_DEPTH) return false;
    for (let c = el.firstElementChild; c; c = c.nextElementSibling) stack.push([c, depth + 1]);
  }
  return true;
}

function readabilityText(html: string): string | null {
  try {
    // Readability rewrites the tree it is given: it gets its own parse.
    const { document } = parseHTML(html);
    const parsed = new Readability<Node>(document, { maxElemsToParse: MAX_ELEMENTS, serializer: (node) => node }).parse();
    const root = parsed?.content;
    if (!root) return null;
    // Readability keeps some chrome when it sits inside the chosen container.
    if ('querySelectorAll' in root) Array.from((root as Element).querySelectorAll(CHROME)).forEach((el) => el.remove());
    const text = htmlToText(root);
    return text.replace(/\s/g, '').length >= MIN_ARTICLE_CHARS ? text : null;
  } catch {
    // Readability throws on pages it cannot handle; the fallback handles them.
    return null;
  }
}

/** Body text minus chrome, preferring an explicit main/article region. Mutates `document`. */
function fallbackText(document: Document): string {
  Array.from(document.querySelectorAll(CHROME)).forEach((el) => el.remove());
  const root = document.querySelector('main, [role="main"], article') ?? document.body ?? document.documentElement;
  return root ? htmlToText(root) : '';
}

function pageTitle(document: Document): string | null {
  const candidates = [document.querySelector('title')?.textContent, document.querySelector('h1')?.textContent];
  for (const c of candidates) {
    const t = c?.replace(/\s+/g, ' ').trim();
    if (t) return t;
  }
  return null;
}

function decodeHtml(bytes: Uint8Array, fileName: string, warnings: string[]): string {
  const label = declaredCharset(bytes);
  if (label && label !== 'utf-8') {
    try {
      return new TextDecoder(label).decode(bytes);
    } catch {
      warnings.push(`Onbekende tekenset "${label}"; gelezen als UTF-8.`);
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Browsers read undeclared legacy pages as Windows-1252; so do we, and say so.
    warnings.push(`"${fileName}" is geen geldige UTF-8 en noemt geen tekenset; gelezen als Windows-1252.`);
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** Charset from a BOM or a `<meta charset>` / `http-equiv` in the first kilobytes, lower-cased. */
function declaredCharset(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head);
  const label = m?.[1]?.toLowerCase() ?? null;
  return label === 'utf8' ? 'utf-8' : label;
}

