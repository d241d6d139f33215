// Parliamentary group names: recognise the many ways a document writes them and return the short name.

/** Variant (lower case, without "-fractie") → short name. */
const VARIANTS: ReadonlyArray<[string, string]> = [
  ['groenlinks-pvda', 'GroenLinks-PvdA'],
  ['groenlinks/pvda', 'GroenLinks-PvdA'],
  ['groenlinks–pvda', 'GroenLinks-PvdA'],
  ['gl-pvda', 'GroenLinks-PvdA'],
  ['gl/pvda', 'GroenLinks-PvdA'],
  ['glpvda', 'GroenLinks-PvdA'],
  ['groenlinks-partij van de arbeid', 'GroenLinks-PvdA'],
  ['pvv', 'PVV'],
  ['partij voor de vrijheid', 'PVV'],
  ['vvd', 'VVD'],
  ['nsc', 'NSC'],
  ['nieuw sociaal contract', 'NSC'],
  ['d66', 'D66'],
  ['bbb', 'BBB'],
  ['boerburgerbeweging', 'BBB'],
  ['cda', 'CDA'],
  ['sp', 'SP'],
  ['socialistische partij', 'SP'],
  ['christenunie', 'ChristenUnie'],
  ['cu', 'ChristenUnie'],
  ['sgp', 'SGP'],
  ['pvdd', 'PvdD'],
  ['partij voor de dieren', 'PvdD'],
  ['ja21', 'JA21'],
  ['fvd', 'FvD'],
  ['forum voor democratie', 'FvD'],
  ['denk', 'DENK'],
  ['volt', 'Volt'],
  ['50plus', '50PLUS'],
  ['pvda', 'PvdA'],
  ['partij van de arbeid', 'PvdA'],
  ['groenlinks', 'GroenLinks'],
  ['gl', 'GroenLinks'],
  ['bij1', 'BIJ1'],
];
const BY_VARIANT = new Map(VARIANTS);

/**
 * The short name of a parliamentary group as written in a document ("GL-PvdA-fractie",
 * "fractie van de ChristenUnie", "Partij voor de Dieren"); null when the text names no known group.
 */
export function normaliseParty(raw: string): string | null {
  let s = raw.trim().replace(/\s+/g, ' ');
  s = s.replace(/^(?:de|het)\s+/i, '').replace(/[-\s]?fracties?$/i, '').replace(/[.,;:]+$/, '').trim();
  const hit = BY_VARIANT.get(s.toLowerCase());
  return hit ?? null;
}

/** Matches the group in "leden van de X-fractie", "lid van de X-fractie", "fractie van (de) X". */
const FRACTION_RE =
  /\b(?:[Ll]eden|[Ll]id)\s+(?:[A-Z][\p{L}'-]{1,40}\s+)?(?:van|vanuit)\s+de\s+([\p{L}\d/–-]{2,40})-fracties?\b|\bfracties?\s+van\s+(?:de\s+|het\s+)?([\p{L}\d][\p{L}\d/–-]{1,40}(?:\s(?:voor|van|de)\s[\p{L}]{2,20}){0,3})/u;

/** The first parliamentary group named as "leden van de X-fractie" (or a variant) in the text, normalised. */
export function partyInText(text: string): string | null {
  const head = text.length > 2000 ? text.slice(0, 2000) : text;
  const re = new RegExp(FRACTION_RE.source, 'gu');
  for (let m = re.exec(head); m; m = re.exec(head)) {
    const p = normaliseParty(m[1] ?? m[2] ?? '');
    if (p) return p;
  }
  return null;
}

/** The first group in parentheses after a member's name: "het lid Kathmann (GroenLinks-PvdA)". */
export function partyInParentheses(text: string): string | null {
  const re = /\(([\p{L}\d][\p{L}\d /–-]{0,38})\)/gu;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const p = normaliseParty((m[1] ?? '').replace(/^(?:beiden|allen|beide|alle)\s+/i, ''));
    if (p) return p;
  }
  return null;
}
