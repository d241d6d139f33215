/**
 * Speakers of a record linked to the people of the open data: by a VLOS report's objectid or
 * full name, or by the surname a printed Handelingen gives. Conservative everywhere: a name
 * several people share links nobody.
 */
import type { VlosSpeaker } from '../domain/vlos.js';
import { foldWord } from '../search/dutch/fold.js';
import { matchKamerPersons } from '../store/tk-kamerstuk.js';
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

/**
 * Speakers a printed record names by surname only ("Mevrouw Van der Plas (BBB)", "Minister
 * Adema"): matched like a signature (tk-kamerstuk.ts), a member as a member and a minister as
 * a bewindspersoon, linked only when exactly one person fits.
 */
async function linkPrintedSurnames(tk: TkStore, speakers: readonly VlosSpeaker[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const s of speakers) {
    const role = s.soort === 'Minister' || s.soort === 'Staatssecretaris' || s.soort === 'Minister-president' ? 'minister' : s.fractie ? 'lid' : null;
    const [m] = await matchKamerPersons(tk, [{ name: s.achternaam ?? '', role }], null);
    if (m) out[s.key] = m.persoon.id;
  }
  return out;
}
