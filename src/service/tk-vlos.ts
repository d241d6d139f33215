/** Reads a VLOS report (xsd/vlos/VLOS2.0.xsd) into who said what, in the order it was said. */
import { XMLParser } from 'fast-xml-parser';

/** Who is speaking, as the report names them. */
export interface VlosSpeaker {
  naam: string;
  fractie: string | null;
  functie: string | null;
}

/** One block of the report in reading order. */
export type VlosBlock =
  | { kind: 'kop'; text: string }
  | { kind: 'tekst'; paragraphs: string[] }
  | { kind: 'spreker'; spreker: VlosSpeaker | null; voorzitter: boolean; interruptie: boolean; paragraphs: string[] }
  | { kind: 'stemming'; stemmen: { fractie: string; stem: string }[] };

export interface VlosActivity {
  soort: string | null;
  titel: string | null;
  onderwerp: string | null;
  blocks: VlosBlock[];
}

export interface VlosReport {
  soort: string | null;
  status: string | null;
  titel: string | null;
  datum: string | null;
  vergaderingnummer: string | null;
  activiteiten: VlosActivity[];
}

// preserveOrder keeps speeches and interruptions in the order they were spoken; entity
// expansion is off because a report needs none beyond the five XML ones, decoded by the parser.
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
});

type El = Record<string, unknown>;

const tagOf = (el: El): string | null => {
  for (const k in el) if (k !== ':@') return k.slice(k.indexOf(':') + 1);
  return null;
};
const kids = (el: El): El[] => {
  for (const k in el) if (k !== ':@') return Array.isArray(el[k]) ? (el[k] as El[]) : [];
  return [];
};
const attr = (el: El, name: string): string | null => {
  const a = el[':@'] as Record<string, unknown> | undefined;
  const v = a?.[name];
  return typeof v === 'string' ? v : null;
};
const child = (el: El, name: string): El | undefined => kids(el).find((c) => tagOf(c) === name);

/** All text under an element, inline markup (nadruk, dossiernummer) joined with spaces. */
function textOf(el: El | undefined): string {
  if (!el) return '';
  if (tagOf(el) === '#text') return String(el['#text'] ?? '');
  return kids(el)
    .map(textOf)
    .filter(Boolean)
    .join(' ')
    .replace(/\s+([,.;:!?)])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

const fieldText = (el: El, name: string): string | null => textOf(child(el, name)) || null;

/** The paragraphs of a `tekst` element: one per `alinea` (or per list item). */
function paragraphs(tekst: El | undefined): string[] {
  if (!tekst) return [];
  const out: string[] = [];
  const walk = (el: El) => {
    for (const c of kids(el)) {
      const t = tagOf(c);
      if (t === 'alinea' || t === 'alineaitem') {
        const nested = kids(c).some((k) => tagOf(k) === 'alineaitem' || tagOf(k) === 'lijst');
        if (t === 'alinea' && nested) walk(c);
        else {
          const text = textOf(c);
          if (text) out.push(text);
        }
      } else if (t === 'alineagroep' || t === 'lijst') walk(c);
      else if (t === '#text') {
        const text = textOf(c);
        if (text) out.push(text);
      }
    }
  };
  walk(tekst);
  return out;
}

function speaker(el: El): VlosSpeaker | null {
  const s = child(el, 'spreker');
  if (!s) return null;
  const naam =
    fieldText(s, 'weergavenaam') ??
    fieldText(s, 'verslagnaam') ??
    [fieldText(s, 'voornaam'), fieldText(s, 'achternaam')].filter(Boolean).join(' ');
  if (!naam) return null;
  return { naam, fractie: fieldText(s, 'fractie'), functie: fieldText(s, 'functie') };
}

/** Walks an element's parts in document order, flattening nesting into blocks. */
function blocksOf(el: El, out: VlosBlock[]): void {
  for (const c of kids(el)) blockOf(c, out);
}

function blockOf(c: El, out: VlosBlock[]): void {
  const t = tagOf(c);
  if (t === 'woordvoerder' || t === 'interrumpant') {
    out.push({
      kind: 'spreker',
      spreker: speaker(c),
      voorzitter: /^true$/i.test(fieldText(c, 'isvoorzitter') ?? ''),
      interruptie: t === 'interrumpant',
      paragraphs: paragraphs(child(c, 'tekst')),
    });
    // Interruptions are nested inside the speech they interrupt and follow it.
    for (const k of kids(c)) if (tagOf(k) === 'interrumpant' || tagOf(k) === 'woordvoerder') blockOf(k, out);
  } else if (t === 'activiteithoofd' || t === 'activiteitdeel' || t === 'activiteititem') {
    const titel = fieldText(c, 'titel');
    if (titel) out.push({ kind: 'kop', text: titel });
    blocksOf(c, out);
  } else if (t === 'draadboekfragment') {
    blocksOf(c, out);
  } else if (t === 'tekst') {
    const ps = paragraphs(c);
    if (ps.length) out.push({ kind: 'tekst', paragraphs: ps });
  } else if (t === 'uitslag' || t === 'besluitvorm') {
    const text = textOf(c);
    if (text) out.push({ kind: 'tekst', paragraphs: [text] });
  } else if (t === 'stemmingen') {
    const stemmen = kids(c)
      .filter((k) => tagOf(k) === 'stemming')
      .map((k) => ({ fractie: fieldText(k, 'fractie') ?? '?', stem: fieldText(k, 'stem') ?? '?' }));
    if (stemmen.length) out.push({ kind: 'stemming', stemmen });
  }
}

/** Finds the first element named `name` at any depth. */
function find(els: El[], name: string): El | undefined {
  for (const el of els) {
    if (tagOf(el) === name) return el;
    const deeper = find(kids(el), name);
    if (deeper) return deeper;
  }
  return undefined;
}

/**
 * Parses a VLOS document. Lenient like the feed parser: unknown elements are skipped, and a
 * file that is not a VLOS report gives null rather than an error, so the page still shows
 * what the feed says about the report.
 */
export function parseVlos(xml: string): VlosReport | null {
  let root: El[];
  try {
    root = parser.parse(xml) as El[];
  } catch {
    return null;
  }
  const doc = find(root, 'vlosdocument');
  if (!doc) return null;
  const vergadering = child(doc, 'vergadering');
  const activiteiten: VlosActivity[] = [];
  for (const a of vergadering ? kids(vergadering) : []) {
    if (tagOf(a) !== 'activiteit') continue;
    const blocks: VlosBlock[] = [];
    blocksOf(a, blocks);
    activiteiten.push({ soort: attr(a, 'soort'), titel: fieldText(a, 'titel'), onderwerp: fieldText(a, 'onderwerp'), blocks });
  }
  return {
    soort: attr(doc, 'soort'),
    status: attr(doc, 'status'),
    titel: vergadering ? fieldText(vergadering, 'titel') : null,
    datum: vergadering ? fieldText(vergadering, 'datum') : null,
    vergaderingnummer: vergadering ? fieldText(vergadering, 'vergaderingnummer') : null,
    activiteiten,
  };
}
