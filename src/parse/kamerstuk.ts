// A Kamerstuk's own number: dossier and ondernummer ("21 501-33, nr. 1120"), one identifier in
// all the forms it is printed — the colophon `kst-21501-33-1120`, the running header
// "Tweede Kamer, vergaderjaar 2024–2025, 21 501-33, nr. 1120", and the Kamer's template head
// ("21 501-33" … "Nr. 1120"). The Kamer's open data says the same as `kamerstukdossier`
// (nummer, toevoeging) and `volgnummer`.
import type { KamerstukId } from '../domain/index.js';

const KST_CODE_RE = /^kst-(\d{4,6})(?:-([0-9A-Z]{1,6}))?-(\d{1,5})$/i;
const RUNNING_RE = /^(?:Tweede|Eerste) Kamer(?: der Staten-Generaal)?,? vergaderjaar \d{4}\s?[–-]\s?\d{4},\s*(\d{2}\s?\d{3}(?:\s?-\s?[0-9A-Z]{1,6})?),\s*nr\.\s*(\d{1,5})\b/;
/** The dossier number heading a Kamerstuk, alone or before its title: "21 501-02 Raad Algemene Zaken…", "36 278". */
const HEAD_DOSSIER_RE = /^(\d{2}\s?\d{3}(?:\s?-\s?[0-9A-Z]{1,6})?)(?:\s|$)/;
const HEAD_NR_RE = /^Nr\.\s?(\d{1,5})\b/;

/** "21 501 - 33" → "21501-33"; "36 410-XIV" → "36410-XIV". */
export function normaliseDossier(s: string): string {
  return s.replace(/\s+/g, '').toUpperCase();
}

function id(dossier: string, number: string): KamerstukId {
  const d = normaliseDossier(dossier);
  return { dossier: d, number: String(Number(number)), id: `kst-${d}-${Number(number)}` };
}

/**
 * The document's own Kamerstuk number, or null: from the colophon code, the running header,
 * or the template head (a dossier number line near the top and "Nr. N" within the next lines,
 * before the text starts).
 */
export function ownKamerstuk(lines: readonly string[]): KamerstukId | null {
  for (const raw of lines) {
    const l = raw.trim();
    if (l.length > 160) continue;
    const code = KST_CODE_RE.exec(l);
    if (code) return id(code[2] ? `${code[1]}-${code[2]}` : code[1]!, code[3]!);
    const running = RUNNING_RE.exec(l);
    if (running) return id(running[1]!, running[2]!);
  }
  const head = lines.slice(0, 40).map((l) => l.trim()).filter(Boolean);
  for (let i = 0; i < Math.min(head.length, 12); i++) {
    const d = HEAD_DOSSIER_RE.exec(head[i]!);
    // Not a date or a sum: a dossier line stands near the top, in the Kamer's heading block.
    if (!d || /^\d{2}\s?\d{3}\s*(?:euro|mln|miljoen|%)/i.test(head[i]!)) continue;
    for (let j = i + 1; j < Math.min(head.length, i + 6); j++) {
      const nr = HEAD_NR_RE.exec(head[j]!);
      if (nr) return id(d[1]!, nr[1]!);
    }
  }
  return null;
}
