// Besluitenlijsten: a committee's decisions, per agenda item, on zaken and the Kamerstukken
// they hold, written in the Kamer's own notation ("Nota van wijziging - 30569-8").
import type { Citation, Signatory } from '../domain/index.js';

/**
 * A Kamerstuk as a besluitenlijst writes it: the dossier, its toevoeging if any (`-XIV`,
 * `-(R2068)`, `-07`), then the document's number ("Nota van wijziging - 30569-8", "Betreft
 * documenten 31544-8 en 31544-9"); a bill's line names its dossier alone, after " - " at the
 * end ("… binnen de eigen gemeente - 30569"); a roman toevoeging stands apart in running text
 * ("(31200 XI, nr. 65)", "zie 31700 VII nr. 72").
 */
const DOC_REF_RE = /(?<![\d-])(\d{5})(-\([0-9A-Z]{1,8}\)|-[A-Z]{1,6}|-\d{2}(?=-\d))?-([1-9]\d{0,3})(?![\d-])/g;
const BILL_REF_RE = /\s-\s(\d{5})(-\([0-9A-Z]{1,8}\)|-[A-Z]{1,6})?$/;
const ROMAN_REF_RE = /(?<!\d)(\d{2}\s?\d{3})\s([IVXL]{1,6}|[A-Z])\b,?\s{1,2}nr\.\s?(\d{1,4})\b/g;

/** The Kamerstukken a besluitenlijst's lines name in its notation, in order, each once. */
export function besluitenlijstCitations(lines: readonly string[]): Citation[] {
  const out: { at: number; c: Citation }[] = [];
  const seen = new Set<string>();
  const add = (at: number, raw: string, dossier: string, number: string | null) => {
    const key = `${dossier}:${number ?? ''}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ at, c: { kind: 'kamerstuk', raw, dossier, number, year: null } });
  };
  lines.forEach((raw, i) => {
    const line = raw.trimEnd();
    const found: { at: number; raw: string; dossier: string; number: string | null }[] = [];
    for (const m of line.matchAll(DOC_REF_RE)) found.push({ at: m.index ?? 0, raw: m[0], dossier: `${m[1]}${m[2] ?? ''}`, number: m[3]! });
    for (const m of line.matchAll(ROMAN_REF_RE)) found.push({ at: m.index ?? 0, raw: m[0], dossier: `${m[1]!.replace(/\s/g, '')}-${m[2]}`, number: m[3]! });
    const bill = BILL_REF_RE.exec(line);
    if (bill) found.push({ at: bill.index + 3, raw: `${bill[1]}${bill[2] ?? ''}`, dossier: `${bill[1]}${bill[2] ?? ''}`, number: null });
    found.sort((a, b) => a.at - b.at);
    for (const f of found) add(i * 1000 + f.at, f.raw, f.dossier, f.number);
  });
  return out.map((x) => x.c);
}

/** The committee clerk who keeps the list: "Griffier: G.F.C. van Leiden". */
export function besluitenlijstSignatories(lines: readonly string[]): Signatory[] {
  for (let i = lines.length - 1; i >= 0; i--) {
    const m = /^\s*Griffier:\s*(\S.{1,60})$/.exec(lines[i] ?? '');
    if (m) return [{ name: m[1]!.trim(), role: 'Griffier' }];
  }
  return [];
}
