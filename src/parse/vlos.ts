/**
 * Reads a VLOS report as the open data serves it (`vlosCoreDocument` in
 * `http://www.tweedekamer.nl/ggm/vergaderverslag/v1.0`) into who said what: per debate item
 * (activiteit) the turns in order, each `interrumpant` nested under the `woordvoerder` it
 * interrupts, and speaking time per speaker from `markeertijdbegin`/`markeertijdeind`.
 *
 * The XSD in tk-opendata/xsd/vlos describes an older `vlosdocument` root in another
 * namespace; the real files differ from it, and the real files win. Both roots are read:
 * only local names are compared. Pure: no IO, no clock.
 */
import { XMLParser } from 'fast-xml-parser';
import { KamerlensError } from '../domain/errors.js';
import {
  VLOS_PARSER_VERSION,
  type VlosActivity,
  type VlosBlock,
  type VlosFragment,
  type VlosReport,
  type VlosSpeaker,
  type VlosSpeakerStats,
  type VlosTurn,
} from '../domain/vlos.js';

// preserveOrder keeps turns and interruptions in the order they were spoken; text is not
// trimmed so that inline markup (`<nadruk>`) keeps the spaces around it.
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
});

type El = Record<string, unknown>;

const localName = (k: string) => k.slice(k.indexOf(':') + 1);
const tagOf = (el: El): string | null => {
  for (const k in el) if (k !== ':@') return localName(k);
  return null;
};
const kids = (el: El): El[] => {
  for (const k in el) if (k !== ':@') return Array.isArray(el[k]) ? (el[k] as El[]) : [];
  return [];
};
const attr = (el: El, name: string): string | null => {
  const a = el[':@'] as Record<string, unknown> | undefined;
  if (!a) return null;
  for (const k in a) if (localName(k) === name && typeof a[k] === 'string') return (a[k] as string).trim() || null;
  return null;
};
const child = (el: El, name: string): El | undefined => kids(el).find((c) => tagOf(c) === name);

/** All text under an element, whitespace collapsed. */
function textOf(el: El | undefined): string {
  if (!el) return '';
  const parts: string[] = [];
  const walk = (e: El) => {
    if (tagOf(e) === '#text') parts.push(String(e['#text'] ?? ''));
    else for (const c of kids(e)) walk(c);
  };
  walk(el);
  return parts.join('').replace(/\s+/g, ' ').trim();
}

const field = (el: El, name: string): string | null => textOf(child(el, name)) || null;

/** Paragraphs of a `tekst`: one per `alineaitem` (a list's items too), in order. */
function paragraphsOf(tekst: El | undefined): string[] {
  const out: string[] = [];
  const walk = (el: El) => {
    for (const c of kids(el)) {
      const t = tagOf(c);
      if (t === 'alineaitem') {
        const text = textOf(c);
        if (text) out.push(text);
      } else if (t === 'alinea' || t === 'alineagroep' || t === 'lijst') walk(c);
    }
  };
  if (tekst) walk(tekst);
  return out;
}

/** Leading particles of a surname as printed at the start of a sentence (`Van`, `De`, `Van 't`). */
const PARTICLES = /^((?:(?:van|de|der|den|het|te|ter|ten|in|op|uit|'t|’t|la|le|du|da|di|von|zu)\s+)+)/i;

/** `Jellejetta (Jetta)` → `Jetta`: the name someone goes by. */
function roepnaam(voornaam: string | null): string | null {
  if (!voornaam) return null;
  const m = /\(([^)]+)\)/.exec(voornaam);
  return (m ? m[1]! : voornaam).trim() || null;
}

/** `Sybrand` + `Van Haersma Buma` → `Sybrand van Haersma Buma`; `Jasper van Dijk` stays. */
export function displayName(voornaam: string | null, verslagnaam: string | null, achternaam: string | null): string {
  const roep = roepnaam(voornaam);
  if (verslagnaam) {
    if (!roep || verslagnaam.toLowerCase().startsWith(roep.toLowerCase() + ' ')) return verslagnaam;
    return `${roep} ${verslagnaam.replace(PARTICLES, (p) => p.toLowerCase())}`;
  }
  return [roep, achternaam].filter(Boolean).join(' ') || 'Onbekende spreker';
}

function speakerOf(s: El | undefined): Omit<VlosSpeaker, 'key'> & { key: string | null } {
  if (!s) {
    return { key: null, objectId: null, soort: null, verslagnaam: null, voornaam: null, achternaam: null, aanhef: null, fractie: null, functie: null, naam: 'Onbekende spreker' };
  }
  const objectId = attr(s, 'objectid');
  const verslagnaam = field(s, 'verslagnaam') ?? field(s, 'weergavenaam');
  const voornaam = field(s, 'voornaam');
  const achternaam = field(s, 'achternaam');
  const naam = displayName(voornaam, verslagnaam, achternaam);
  return {
    key: objectId ?? (verslagnaam || achternaam ? `naam:${verslagnaam ?? achternaam}` : null),
    objectId,
    soort: attr(s, 'soort'),
    verslagnaam,
    voornaam,
    achternaam,
    aanhef: field(s, 'aanhef'),
    fractie: field(s, 'fractie'),
    functie: field(s, 'functie'),
    naam,
  };
}

/** Seconds between two local timestamps (`2014-10-15T10:16:21`); null when unreadable or negative. */
export function secondsBetween(begin: string | null, end: string | null): number | null {
  const parse = (s: string | null) => {
    const m = s ? /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})/.exec(s) : null;
    // Both marks are the same wall clock, so reading them as UTC gives the right difference.
    return m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) / 1000 : null;
  };
  const b = parse(begin);
  const e = parse(end);
  if (b === null || e === null || e < b) return null;
  return e - b;
}

/**
 * The report prints who speaks as the turn's first line ("De heer **Pechtold** (D66):",
 * "De **voorzitter**:", "Minister **Rutte**:"); the page shows the speaker apart, so that
 * line is dropped. Only a short first line ending in a colon that names the speaker (or the
 * chair) counts, so a speech that opens with a colon is kept whole.
 */
function dropSpeakerLine(paragraphs: string[], speaker: { verslagnaam: string | null; achternaam: string | null }): string[] {
  const first = paragraphs[0];
  if (!first || first.length > 160 || !/:$/.test(first)) return paragraphs;
  const lower = first.toLowerCase();
  const names = [speaker.verslagnaam, speaker.achternaam?.split(' ')[0]].filter((n): n is string => !!n).map((n) => n.toLowerCase());
  if (/voorzitter\s*:$/.test(lower) || names.some((n) => lower.includes(n))) return paragraphs.slice(1);
  return paragraphs;
}

class Reader {
  readonly speakers = new Map<string, VlosSpeaker>();

  speaker(el: El): string {
    const s = speakerOf(child(el, 'spreker'));
    const key = s.key ?? 'onbekend';
    if (!this.speakers.has(key)) this.speakers.set(key, { ...s, key });
    return key;
  }

  fragment(el: El, soort: string): VlosFragment | null {
    const paragraphs = paragraphsOf(child(el, 'tekst'));
    return paragraphs.length ? { soort, paragraphs } : null;
  }

  turn(el: El, kind: 'woordvoerder' | 'interrumpant'): VlosTurn {
    const key = this.speaker(el);
    const sp = this.speakers.get(key)!;
    const begin = field(el, 'markeertijdbegin');
    const end = field(el, 'markeertijdeind');
    const turn: VlosTurn = {
      kind,
      speaker: key,
      voorzitter: /^true$/i.test(field(el, 'isvoorzitter') ?? ''),
      begin,
      end,
      seconds: secondsBetween(begin, end),
      paragraphs: dropSpeakerLine(paragraphsOf(child(el, 'tekst')), sp),
      fragments: [],
      interruptions: [],
    };
    for (const c of kids(el)) {
      const t = tagOf(c);
      if (t === 'interrumpant' || t === 'woordvoerder') {
        const inner = this.turn(c, t);
        // An interruption of an interruption is still an interruption of this turn.
        turn.interruptions.push({ ...inner, interruptions: [] }, ...inner.interruptions);
      } else if (t === 'draadboekfragment') {
        const f = this.fragment(c, attr(c, 'soort') ?? 'Overig');
        if (f) turn.fragments.push(f);
      }
    }
    return turn;
  }

  /**
   * Blocks of an activity's parts, depth first in document order. A `tekst` that opens by
   * repeating its part's or the activity's title loses that line.
   */
  blocks(el: El, out: VlosBlock[], activityTitle: string | null): void {
    const ownTitle = field(el, 'titel');
    for (const c of kids(el)) {
      const t = tagOf(c);
      if (t === 'woordvoerder' || t === 'interrumpant') {
        out.push({ kind: 'turn', turn: this.turn(c, t) });
      } else if (t === 'tekst') {
        const paragraphs = paragraphsOf(c);
        if (paragraphs[0] === ownTitle || paragraphs[0] === activityTitle) paragraphs.shift();
        if (paragraphs.length) out.push({ kind: 'fragment', fragment: { soort: 'tekst', paragraphs } });
      } else if (t === 'activiteithoofd') {
        const titel = field(c, 'titel');
        if (titel && titel !== activityTitle) out.push({ kind: 'kop', text: titel });
        this.blocks(c, out, activityTitle);
      } else if (t === 'activiteitdeel' || t === 'activiteititem') {
        // Their titles ("Spreekbeurt - Pechtold") only repeat the speaker.
        this.blocks(c, out, activityTitle);
      } else if (t === 'draadboekfragment') {
        const f = this.fragment(c, attr(c, 'soort') ?? 'Overig');
        if (f) out.push({ kind: 'fragment', fragment: f });
      }
    }
  }
}

/** Every contribution in a list of blocks, interruptions included. */
function* contributions(blocks: VlosBlock[]): Generator<VlosTurn> {
  for (const b of blocks) {
    if (b.kind !== 'turn') continue;
    yield b.turn;
    yield* b.turn.interruptions;
  }
}

/**
 * Speaking time per speaker, as OpenTK counts it: every `woordvoerder` and `interrumpant`
 * adds its own end − begin (a turn's marks do not include the interruptions nested in it,
 * which carry their own), split into time as speaker, as interrupter and from the chair.
 */
function statsOf(turns: Iterable<VlosTurn>): VlosSpeakerStats[] {
  const by = new Map<string, VlosSpeakerStats>();
  for (const t of turns) {
    let s = by.get(t.speaker);
    if (!s) {
      s = { speaker: t.speaker, turns: 0, interruptions: 0, chair: 0, turnSeconds: 0, interruptionSeconds: 0, chairSeconds: 0, seconds: 0, untimed: 0 };
      by.set(t.speaker, s);
    }
    const secs = t.seconds ?? 0;
    if (t.seconds === null) s.untimed++;
    if (t.voorzitter) {
      s.chair++;
      s.chairSeconds += secs;
    } else if (t.kind === 'interrumpant') {
      s.interruptions++;
      s.interruptionSeconds += secs;
    } else {
      s.turns++;
      s.turnSeconds += secs;
    }
    s.seconds += secs;
  }
  // Most speaking time first; ties keep the order of first appearance (Map order, stable sort).
  return [...by.values()].sort((a, b) => b.seconds - a.seconds);
}

/**
 * Parses a VLOS report. Throws CORRUPT_FILE (naming `source`) when the XML cannot be read
 * or is not a VLOS report; unknown elements inside a report are skipped.
 */
export function parseVlos(xml: string, source = 'VLOS report'): VlosReport {
  let root: El[];
  try {
    root = parser.parse(xml.replace(/^\uFEFF/, '')) as El[];
  } catch (e) {
    throw new KamerlensError('CORRUPT_FILE', `${source}: not readable as XML (${e instanceof Error ? e.message : String(e)})`, { file: source }, { cause: e });
  }
  const doc = root.find((el) => {
    const t = tagOf(el);
    return t === 'vlosCoreDocument' || t === 'vlosdocument';
  });
  if (!doc) {
    const found = root.map(tagOf).find((t) => t && t !== '?xml' && t !== '#text');
    throw new KamerlensError('CORRUPT_FILE', `${source}: not a VLOS report (root element ${found ?? 'missing'}, expected vlosCoreDocument)`, { file: source });
  }
  const verg = child(doc, 'vergadering');
  const r = new Reader();
  const activiteiten: VlosActivity[] = [];
  for (const a of verg ? kids(verg) : []) {
    const t = tagOf(a);
    if (t === 'activiteit') {
      const titel = field(a, 'titel');
      const blocks: VlosBlock[] = [];
      r.blocks(a, blocks, titel);
      activiteiten.push({
        objectId: attr(a, 'objectid'),
        soort: attr(a, 'soort'),
        titel,
        onderwerp: field(a, 'onderwerp'),
        aanvangstijd: field(a, 'aanvangstijd'),
        eindtijd: field(a, 'eindtijd'),
        blocks,
        speakers: statsOf(contributions(blocks)),
      });
    } else if (t === 'draadboekfragment' && activiteiten.length) {
      // Between activities (a suspension): kept with the activity before it.
      const f = r.fragment(a, attr(a, 'soort') ?? 'Overig');
      if (f) activiteiten.at(-1)!.blocks.push({ kind: 'fragment', fragment: f });
    }
  }
  return {
    parserVersion: VLOS_PARSER_VERSION,
    soort: attr(doc, 'soort'),
    status: attr(doc, 'status'),
    vergadering: {
      objectId: verg ? attr(verg, 'objectid') : null,
      soort: verg ? attr(verg, 'soort') : null,
      titel: verg ? field(verg, 'titel') : null,
      zaal: verg ? field(verg, 'zaal') : null,
      vergaderjaar: verg ? field(verg, 'vergaderjaar') : null,
      nummer: verg ? field(verg, 'vergaderingnummer') : null,
      datum: verg ? field(verg, 'datum') : null,
      aanvangstijd: verg ? field(verg, 'aanvangstijd') : null,
      sluiting: verg ? field(verg, 'sluiting') : null,
    },
    speakers: [...r.speakers.values()],
    activiteiten,
    totals: statsOf(activiteiten.flatMap((a) => [...contributions(a.blocks)])),
  };
}

/**
 * The report as plain text for reading and search: per activity its title, then each
 * contribution as "Naam (Fractie): text", interruptions after the turn they interrupt.
 */
export function vlosText(report: VlosReport): string {
  const names = new Map(report.speakers.map((s) => [s.key, s.fractie ? `${s.naam} (${s.fractie})` : s.naam]));
  const plain = new Map(report.speakers.map((s) => [s.key, s.naam]));
  const out: string[] = [];
  if (report.vergadering.titel) out.push(report.vergadering.titel, '');
  const turn = (t: VlosTurn, indent: string) => {
    const who = t.voorzitter ? `De voorzitter (${plain.get(t.speaker) ?? t.speaker})` : (names.get(t.speaker) ?? t.speaker);
    out.push(`${indent}${who}: ${t.paragraphs.join('\n' + indent)}`.trimEnd());
    for (const f of t.fragments) out.push(...f.paragraphs.map((p) => indent + p));
    for (const i of t.interruptions) turn(i, indent + '  ');
  };
  for (const a of report.activiteiten) {
    out.push(a.titel ?? a.soort ?? 'Activiteit');
    if (a.onderwerp && a.onderwerp !== a.titel) out.push(a.onderwerp);
    out.push('');
    for (const b of a.blocks) {
      if (b.kind === 'kop') out.push(b.text);
      else if (b.kind === 'fragment') out.push(...b.fragment.paragraphs);
      else turn(b.turn, '');
    }
    out.push('');
  }
  return out.join('\n').trim() + '\n';
}
