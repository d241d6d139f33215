/**
 * Speakers of a record linked to the people of the open data: by a VLOS report's objectid or
 * full name, or by the surname a printed Handelingen gives. Conservative everywhere: a name
 * several people share links nobody.
 */
import type { VlosSpeaker } from '../domain/vlos.js';
import { foldWord } from '../search/dutch/fold.js';
import type { TkStore } from '../store/tk-store.js';

/** Trailing particles of a surname as the report sends it (`Haersma Buma van`, `Wout van 't`). */
const TRAILING_PARTICLES = /((?:\s+(?:van|de|der|den|het|te|ter|ten|in|op|uit|'t|’t|la|le|du|da|di|von|zu))+)$/i;

/** `Haersma Buma van` → { achternaam: `Haersma Buma`, tussenvoegsel: `van` }. */
export function splitVlosSurname(achternaam: string): { achternaam: string; tussenvoegsel: string } {
  const m = TRAILING_PARTICLES.exec(achternaam);
  if (!m || m.index === 0) return { achternaam: achternaam.trim(), tussenvoegsel: '' };
  return { achternaam: achternaam.slice(0, m.index).trim(), tussenvoegsel: m[1]!.trim() };
}

/** The name someone goes by: `Jellejetta (Jetta)` → `Jetta`. */
const roep = (voornaam: string | null) => (voornaam ? (/\(([^)]+)\)/.exec(voornaam)?.[1] ?? voornaam).trim() : '');

/**
 * Links the report's speakers to Persoon entities: by the report's objectid when a person
 * has that id, else by surname, tussenvoegsel and first name (all three must match exactly
 * one person, folded; OpenTK links the same way). A speaker that matches nobody, or more
 * than one person, stays unlinked rather than linked to the wrong one.
 */
export async function linkSpeakers(tk: TkStore, speakers: readonly VlosSpeaker[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  let byName: Map<string, string[]> | null = null;
  const nameKey = (achternaam: string, tussenvoegsel: string, voornaam: string) =>
    [achternaam, tussenvoegsel, voornaam].map((x) => foldWord(x)).join('|');
  for (const s of speakers) {
    if (s.objectId) {
      const e = await tk.getEntity(s.objectId);
      if (e?.category === 'Persoon') {
        out[s.key] = e.id;
        continue;
      }
    }
    if (!s.achternaam || !s.voornaam) continue;
    if (!byName) {
      byName = new Map();
      for (const p of await tk.listFields({ category: 'Persoon', fields: ['achternaam', 'tussenvoegsel', 'roepnaam'] })) {
        const a = p.fields['achternaam'];
        const r = p.fields['roepnaam'];
        if (typeof a !== 'string' || typeof r !== 'string') continue;
        const t = p.fields['tussenvoegsel'];
        const k = nameKey(a, typeof t === 'string' ? t : '', r);
        byName.set(k, [...(byName.get(k) ?? []), p.id]);
      }
    }
    const split = splitVlosSurname(s.achternaam);
    const hits = byName.get(nameKey(split.achternaam, split.tussenvoegsel, roep(s.voornaam)));
    if (hits?.length === 1) out[s.key] = hits[0]!;
  }
  Object.assign(out, await linkPrintedSurnames(tk, speakers.filter((s) => !out[s.key] && !s.voornaam && s.achternaam && s.soort !== 'Voorzitter')));
  return out;
}

/** Leading particles of a surname as print gives it (`Van der Plas`, `De Jonge`). */
const LEADING_PARTICLES = /^((?:(?:van|de|der|den|het|te|ter|ten|in|op|uit|'t|’t)\s+)+)/i;

/**
 * Speakers a printed record names by surname only ("Mevrouw Van der Plas (BBB)", "Minister
 * Adema"): linked when exactly one person of the open data has that surname and
 * tussenvoegsel. A surname several people share stays unlinked rather than linked to the
 * wrong one.
 */
async function linkPrintedSurnames(tk: TkStore, speakers: readonly VlosSpeaker[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  if (speakers.length === 0) return out;
  const key = (achternaam: string, tussenvoegsel: string) => `${foldWord(tussenvoegsel.replace(/\s+/g, ' ').trim())}|${foldWord(achternaam.trim())}`;
  const bySurname = new Map<string, string[]>();
  for (const p of await tk.listFields({ category: 'Persoon', fields: ['achternaam', 'tussenvoegsel'] })) {
    const a = p.fields['achternaam'];
    if (typeof a !== 'string') continue;
    const t = p.fields['tussenvoegsel'];
    const k = key(a, typeof t === 'string' ? t : '');
    bySurname.set(k, [...(bySurname.get(k) ?? []), p.id]);
  }
  for (const s of speakers) {
    const printed = (s.achternaam ?? '').trim();
    const particles = LEADING_PARTICLES.exec(printed)?.[1] ?? '';
    const hits = bySurname.get(key(printed.slice(particles.length), particles));
    if (hits?.length === 1) out[s.key] = hits[0]!;
  }
  return out;
}
