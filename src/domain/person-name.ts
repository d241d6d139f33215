/**
 * A signature's name as the Kamer's Persoon records split it: initials, tussenvoegsel and
 * achternaam. "D.M. van Weel" and "Van Weel" are tussenvoegsel `van`, achternaam `Weel`;
 * "Six Dijkstra" and "Rikkers-Oosterkamp" are one achternaam. Pure: the join with the Kamer's
 * people (store/tk-kamerstuk.ts) and the structure index's signer keys both read it.
 */

export interface PersonName {
  /** `B.C.`, or null when the signature gives none (a motion is signed with the surname only). */
  initialen: string | null;
  /** Lower case (`van der`), or null. */
  tussenvoegsel: string | null;
  achternaam: string;
  /**
   * The surname if the first word is a first name written out ("Dirk Beljaarts" → `Beljaarts`),
   * or null; "Six Dijkstra" is read both ways, and the Kamer's records decide which one exists.
   */
  naVoornaam: string | null;
}

const PARTICLES = new Set(['van', 'de', 'der', 'den', 'het', 'ter', 'ten', 'te', "'t", '’t', 'in', 'op', 'la', 'le', 'du', 'di', 'da', 'von', 'del', 'el', 'al', 'uit', 'aan']);
const TITLES = /^(?:mr|dr|drs|ir|ing|prof|ds|mw|dhr|mevr|mevrouw|jhr|jkvr)\.?$/i;
/** `B.C.`, `Zs.`, `D.` — a run of initials (a first name given in full is no initial). */
const INITIALS = /^(?:[A-Z][a-z]?\.)+$/;
const NAME_WORD = /^\p{Lu}[\p{Ll}'’-]+$/u;

/** The parts of a signature's name; null when nothing like a surname is left. */
export function parsePersonName(raw: string): PersonName | null {
  const tokens = raw.replace(/\s+/g, ' ').trim().split(' ').filter(Boolean);
  while (tokens.length > 1 && TITLES.test(tokens[0]!)) tokens.shift();
  const initials: string[] = [];
  while (tokens.length > 1 && INITIALS.test(tokens[0]!)) initials.push(tokens.shift()!);
  let naVoornaam: string[] | null = null;
  if (initials.length === 0 && tokens.length >= 2 && NAME_WORD.test(tokens[0]!) && !PARTICLES.has(tokens[0]!.toLowerCase())) naVoornaam = tokens.slice(1);
  const tv: string[] = [];
  while (tokens.length > 1 && PARTICLES.has(tokens[0]!.toLowerCase())) tv.push(tokens.shift()!.toLowerCase());
  const achternaam = tokens.join(' ');
  if (!/\p{L}{2}/u.test(achternaam)) return null;
  // After a first name, particles belong to the surname's tussenvoegsel ("Jan van Dijk" → Dijk).
  while (naVoornaam && naVoornaam.length > 1 && PARTICLES.has(naVoornaam[0]!.toLowerCase())) naVoornaam.shift();
  return {
    initialen: initials.length ? initials.join('') : null,
    tussenvoegsel: tv.length ? tv.join(' ') : null,
    achternaam,
    naVoornaam: naVoornaam && naVoornaam.length ? naVoornaam.join(' ') : null,
  };
}

/** Lower case without diacritics: how surnames are compared and keyed (`Szabó` → `szabo`). */
export const foldName = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/\s+/g, ' ').trim();
