// Signatories: who signed the document and in what role ("De minister van X," above a name, or a name above its role).
import type { Signatory } from '../domain/index.js';

const ROLE_START_SRC =
  '(?:Minister-[Pp]resident|Minister|Staatssecretaris|Voorzitter|Griffier|Directeur(?:-generaal)?|Secretaris-generaal|Plaatsvervangend\\s+\\S+|Commissaris|Burgemeester)';
const ROLE_LINE_RE = new RegExp(`^(?:De\\s+|de\\s+)?(${ROLE_START_SRC}\\b.*?)\\s*,?$`, 'iu');
const ROLE_SPLIT_RE = new RegExp(`\\s(?=${ROLE_START_SRC}\\s+(?:van|voor)\\b)`, 'gu');

const PARTICLES = new Set(['van', 'de', 'der', 'den', 'het', 'te', 'ten', 'ter', "'t", 'in', 'op', 'la', 'le', 'von', 'du', 'da']);

/** Whether a line looks like a person's name: initials or capitalised words with Dutch particles. */
export function looksLikeName(line: string): boolean {
  const t = line.trim();
  if (t.length < 3 || t.length > 80 || /\d|[,;:!?()[\]@/]/.test(t)) return false;
  const words = t.split(/\s+/);
  if (words.length > 8) return false;
  let capitals = 0;
  for (const w of words) {
    if (PARTICLES.has(w.toLowerCase()) && w === w.toLowerCase()) continue;
    if (/^(?:\p{Lu}\.){1,5}$/u.test(w) || /^\p{Lu}\.(?:\p{Lu}\p{Ll}?\.)+$/u.test(w)) {
      capitals++;
      continue;
    }
    if (!/^\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}?[\p{Ll}'’]+)*$/u.test(w)) return false;
    capitals++;
  }
  const first = words[0] ?? '';
  if (/^(?:De|Het|Een|Geachte|Hoogachtend|Bijlage|Datum|Betreft|Verslag|Vragen|Antwoord|Directie|Ministerie|Postbus|Den|Kopie)$/.test(first)) return false;
  return capitals >= 1 && words.length >= 2;
}

/** Upper-cases the first letter of a role ("minister van …" → "Minister van …"). */
function roleCase(role: string): string {
  return role.charAt(0).toUpperCase() + role.slice(1);
}

/** First letters ROLE_LINE_RE (case-insensitive, Unicode: "ſ" folds to "s") can start with. */
const ROLE_FIRST = new Set([...'DdMmSsVvGgPpCcBb\u017f'].map((ch) => ch.charCodeAt(0)));

function isRoleLine(line: string): boolean {
  const t = line.trim();
  return t.length <= 200 && ROLE_FIRST.has(t.charCodeAt(0)) && ROLE_LINE_RE.test(t) && !/[.?!]$/.test(t);
}

/** Splits "Dirk Beljaarts D.M. van Weel" into n names, preferring a split before initials. */
function splitNames(line: string, n: number): string[] | null {
  if (line.length > 80) return null;
  const words = line.trim().split(/\s+/);
  if (n <= 1) return [line.trim()];
  if (n !== 2 || words.length < 3) return null;
  let best = -1;
  for (let k = 1; k < words.length; k++) {
    const w = words[k] ?? '';
    if (PARTICLES.has(w)) continue;
    const left = words.slice(0, k).join(' ');
    const right = words.slice(k).join(' ');
    if (!looksLikeName(left) && !/^\p{Lu}/u.test(left)) continue;
    if (/^(?:\p{Lu}\.)+/u.test(w)) return [left, right];
    if (best < 0 && k === Math.ceil(words.length / 2)) best = k;
  }
  return best > 0 ? [words.slice(0, best).join(' '), words.slice(best).join(' ')] : null;
}

/**
 * Signatories with their roles. Handles "De minister van X," followed by the name, a name
 * followed by its role, and two signatories printed side by side ("Name1 Name2" over
 * "Role1 Role2"). Role continuation lines ("en Koninkrijksrelaties") are joined.
 */
export function extractSignatories(lines: string[]): Signatory[] {
  const ls = lines.map((l) => l.trim()).filter((l) => l.length > 0);
  const out: Signatory[] = [];
  const seen = new Set<string>();
  const add = (name: string, role: string | null): void => {
    const key = name.toLowerCase();
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ name: name.replace(/\s{2,}/g, ' '), role: role ? roleCase(role.replace(/\s{2,}/g, ' ').replace(/,$/, '')) : null });
  };
  const readRole = (start: number): { role: string; end: number } => {
    let role = (ROLE_LINE_RE.exec(ls[start] ?? '')?.[1] ?? '').trim();
    let k = start + 1;
    while (k < ls.length && k <= start + 3) {
      const next = ls[k] ?? '';
      if (/^(?:en|voor|van)\s/.test(next) && next.length < 80 && !/[.?!]$/.test(next)) role = `${role} ${next}`;
      else if (!looksLikeName(next) && next.length < 60 && /^\p{Lu}[\p{Ll}]+\s+en\s+\p{Lu}/u.test(next) && !isRoleLine(next)) role = `${role}, ${next}`;
      else break;
      k++;
    }
    return { role: role.replace(/,$/, ''), end: k };
  };
  for (let i = 0; i < ls.length; i++) {
    const line = ls[i] ?? '';
    // "De minister van Economische Zaken en Klimaat," then the name.
    if (/,$/.test(line) && isRoleLine(line) && /^(?:De|de)\s/.test(line)) {
      const name = ls[i + 1] ?? '';
      // After "De voorzitter van de commissie," a bare surname ("Kops") is a name too.
      if (looksLikeName(name) || /^\p{Lu}[\p{Ll}'’-]{1,30}$/u.test(name)) {
        add(name, ROLE_LINE_RE.exec(line)?.[1]?.replace(/,$/, '') ?? null);
        i++;
      }
      continue;
    }
    // Name, then role (possibly two side by side). The role line is checked first: it is cheap,
    // and most lines are not followed by one.
    const roleLine = ls[i + 1] ?? '';
    if (!isRoleLine(roleLine) || /^(?:De|de)\s/.test(roleLine)) continue;
    if (looksLikeName(line) || splitNames(line, 2)) {
      const roles = roleLine.split(ROLE_SPLIT_RE).map((r) => r.trim()).filter(Boolean);
      if (roles.length >= 2) {
        const names = splitNames(line, roles.length);
        if (names && names.length === roles.length) {
          names.forEach((n, k) => add(n, roles[k] ?? null));
          i++;
          continue;
        }
      }
      if (!looksLikeName(line)) continue;
      const { role, end } = readRole(i + 1);
      add(line, role);
      i = end - 1;
    }
  }
  return out;
}

const ANSWERED_BY_RE =
  /\bAntwoord\s+van\s+(?:de\s+)?(minister(?:-president)?|staatssecretaris)\s+((?:\p{Lu}[\p{L}'’-]+\s+)?(?:(?:van|de|der|den|ter|ten)\s+)*\p{Lu}[\p{L}'’-]+)\s+\(([^()]{3,120})\)/iu;

/**
 * Who answered written questions: "Antwoord van Staatssecretaris Szabó (Binnenlandse Zaken en
 * Koninkrijksrelaties)" gives Szabó, Staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties.
 */
export function answeredBy(head: string): Signatory | null {
  const m = ANSWERED_BY_RE.exec(head.replace(/\s+/g, ' '));
  if (!m) return null;
  const office = (m[1] ?? '').toLowerCase();
  return { name: m[2] ?? '', role: `${office.charAt(0).toUpperCase()}${office.slice(1)} van ${(m[3] ?? '').trim()}` };
}

/** Signers of a motion or amendment: the names after "en gaat over tot de orde van de dag." */
export function motionSigners(lines: string[]): Signatory[] {
  const i = lines.findIndex((l) => /gaat over tot de orde van de dag/i.test(l));
  if (i < 0) return [];
  const out: Signatory[] = [];
  for (const l of lines.slice(i + 1, i + 20)) {
    const t = l.trim();
    if (!t) continue;
    if (!/^\p{Lu}[\p{L}' .-]{1,40}$/u.test(t) || /\d/.test(t)) break;
    out.push({ name: t, role: null });
  }
  return out;
}
