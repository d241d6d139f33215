// The document's own identifiers: kenmerken, Tweede Kamer document and zaak numbers, Council document numbers.
import type { Identifiers } from '../domain/index.js';

const KENMERK_LABEL_RE = /^\s*(?:Ons\s+kenmerk|Kenmerk|Onze\s+referentie|Referentie|Ons\s+nummer)\s*:?\s*(.*)$/i;
const KENMERK_VALUE_RE = /^[A-Z0-9][A-Za-z0-9./_-]*(?:\s?\/\s?[A-Za-z0-9._-]+){0,3}$/;
const DOC_NUMBER_RE = /\b((?:19|20)\d{2}D\d{5})\b/g;
const ZAAK_NUMBER_RE = /\b((?:19|20)\d{2}Z\d{5})\b/g;
const COUNCIL_OWN_RE = /^\s*(\d{3,5}\/\d{2})(?:\s|$)/;

function pushUnique(list: string[], value: string): void {
  if (value && !list.includes(value)) list.push(value);
}

/**
 * Identifiers of the document itself. Kenmerken come from their labels ("Ons kenmerk", "Kenmerk",
 * "Onze referentie"; the addressee's "Uw kenmerk" is not ours). Document and zaak numbers are
 * taken from the body, not from footnotes or "Kamerstuk …" citations of other documents. The
 * Council number is the one heading the document (its own line or the running header).
 */
export function extractIdentifiers(lines: string[], footnoteFree: string): Identifiers {
  const ids: Identifiers = { kenmerken: [], documentNumbers: [], zaakNumbers: [], councilDocs: [] };
  for (let i = 0; i < lines.length; i++) {
    const m = KENMERK_LABEL_RE.exec(lines[i] ?? '');
    if (!m) continue;
    let value = (m[1] ?? '').trim();
    if (!value) {
      let j = i + 1;
      while (j < lines.length && j <= i + 2 && !(lines[j] ?? '').trim()) j++;
      value = (lines[j] ?? '').trim();
    }
    value = value.replace(/\s{2,}/g, ' ');
    if (value.length <= 40 && KENMERK_VALUE_RE.test(value) && /\d/.test(value)) pushUnique(ids.kenmerken, value);
  }
  for (const m of footnoteFree.matchAll(DOC_NUMBER_RE)) {
    const before = footnoteFree.slice(Math.max(0, (m.index ?? 0) - 16), m.index);
    if (/Kamerstuk(?:ken)?\s*$/i.test(before)) continue;
    pushUnique(ids.documentNumbers, m[1] ?? '');
  }
  for (const m of footnoteFree.matchAll(ZAAK_NUMBER_RE)) pushUnique(ids.zaakNumbers, m[1] ?? '');
  const headLines = lines.slice(0, 80);
  for (const l of headLines) {
    const m = COUNCIL_OWN_RE.exec(l);
    if (m) pushUnique(ids.councilDocs, m[1] ?? '');
  }
  return ids;
}
