/** Finds Tweede Kamer numbers in running text (document, zaak, kamerstuk) and where each should link. */

/** One number found in a text: `[start, end)` offsets and the kamerlens page it leads to. */
export interface NumberLink {
  start: number;
  end: number;
  kind: 'document' | 'zaak' | 'kamerstuk';
  /** The number as normalised for the link, e.g. `2025D08504` or `21501-33` nr. `1113`. */
  nummer: string;
  href: string;
}

/** Where a document number leads: a resolver that knows whether kamerlens holds the file. */
export const documentNummerUrl = (nummer: string) => `/kamer/document/${encodeURIComponent(nummer.toUpperCase())}`;
/** A zaak by its number (`2025Z03735`) or GUID. */
export const zaakUrl = (key: string) => `/zaken/${encodeURIComponent(key)}`;
/** A kamerstukdossier by `nummer` or `nummer-toevoeging` (`21501-33`); `nr` anchors its timeline. */
export const dossierUrl = (key: string, nr?: number | string | null) =>
  `/dossiers/${encodeURIComponent(key)}${nr !== undefined && nr !== null ? `#nr-${nr}` : ''}`;

// Word boundaries on both sides keep `x2025D08504y` and longer digit runs from matching.
// Kamerstuk: `21501-33, nr. 1113`, `21501-33 nr 1113`, `36600 XV, nr. 12` (a Roman toevoeging),
// `Kamerstuk 21501-33-1096` (the citation form of kamerlens' own titles).
const PATTERN =
  /\b(?:((?:19|20)\d{2})([DZ])(\d{5})|(\d{5})(?:(?:-|\s)([A-Z]{1,6}|\d{1,3}|[A-Z]-\d{1,2}))?,?\s+nr\.?\s*(\d{1,4})|Kamerstuk(?:ken)?\s+(\d{5})-(\d{1,3})-(\d{1,4}))\b/g;

/**
 * Every document number (`2025D08504`), zaak number (`2025Z03735`) and kamerstuk reference
 * (`21501-33, nr. 1113`) in `text`, in order and not overlapping. Pure: whether the target
 * exists is for the page it links to, so a number never silently stays plain text.
 */
export function findNumberLinks(text: string): NumberLink[] {
  const out: NumberLink[] = [];
  for (const m of text.matchAll(PATTERN)) {
    const start = m.index;
    const end = start + m[0].length;
    if (m[1] && m[2] && m[3]) {
      const nummer = `${m[1]}${m[2]}${m[3]}`;
      out.push(m[2] === 'D'
        ? { start, end, kind: 'document', nummer, href: documentNummerUrl(nummer) }
        : { start, end, kind: 'zaak', nummer, href: zaakUrl(nummer) });
    } else if (m[4] && m[6]) {
      const key = m[5] ? `${m[4]}-${m[5]}` : m[4];
      out.push({ start, end, kind: 'kamerstuk', nummer: `${key} nr. ${Number(m[6])}`, href: dossierUrl(key, Number(m[6])) });
    } else if (m[7] && m[8] && m[9]) {
      // "Kamerstuk " is not part of the number; the link covers the number only.
      const at = start + m[0].indexOf(m[7]);
      const key = `${m[7]}-${m[8]}`;
      out.push({ start: at, end, kind: 'kamerstuk', nummer: `${key} nr. ${Number(m[9])}`, href: dossierUrl(key, Number(m[9])) });
    }
  }
  return out;
}
