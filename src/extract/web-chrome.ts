// What a saved web page or a Markdown export wraps around a document's text: a site's
// navigation bar, its "link to the original" lines, empty labels, Markdown emphasis. Removed
// at extraction, so neither the stored text nor a search snippet shows it.

/** A line of bracketed menu items: "[overzicht] [activiteiten] [besluiten] …". */
const NAV_RE = /^(?:\[[^\]\n]{1,60}\]\s*){2,}$/;
/** A site's own lines about the page rather than the document. */
const CHROME_LINE_RE =
  /^(?:Directe link naar (?:het )?document\b.*|Preview document\b.*|Bekijk (?:het )?(?:originele )?document\b.*|Link naar (?:de )?pagina\b.*|Gerelateerde personen:\s*(?:Bijlagen:)?\s*|Bijlagen:\s*|Onderdeel van activiteiten:\s*)$/i;

/**
 * Removes web-page chrome and Markdown emphasis from extracted text: navigation bars,
 * "Directe link naar document …", "Preview document (🔗 origineel)", labels with nothing
 * after them, `**bold**` and `__bold__` markers (also when the emphasis spans lines). Lines
 * that carry the document's data ("Nummer: 2025D08504, datum: …", "Onderdeel van zaak
 * 2025Z03735:") stay, and so do the document's own blank-line runs.
 */
export function stripWebChrome(text: string): string {
  if (!text.includes('[') && !text.includes('**') && !text.includes('__') && !/Directe link|Preview document|Gerelateerde personen|Onderdeel van activiteiten/i.test(text)) {
    return text;
  }
  const src = text.split('\n');
  const kept: string[] = [];
  for (let i = 0; i < src.length; i++) {
    const t = src[i]!.trim();
    if (NAV_RE.test(t) || CHROME_LINE_RE.test(t)) {
      // A removed line leaves no gap of its own. Blank-line runs of the document itself stay:
      // a parser may read them (a page break before a footnote block).
      if ((kept.length === 0 || kept[kept.length - 1]!.trim() === '') && src[i + 1]?.trim() === '') i++;
      continue;
    }
    kept.push(src[i]!);
  }
  return kept
    .join('\n')
    .replace(/\*\*(?=\S)([^*]{1,400}?\S)\*\*/g, '$1')
    .replace(/(^|[\s(])__(?=\S)([^_]{1,400}?\S)__(?=[\s).,;:!?]|$)/g, '$1$2')
    .replace(/^\n+/, '');
}
