// officielebekendmakingen XML (<officiele-publicatie>): Handelingen, Kamerstukken and the
// Aanhangsel, as the KOOP publishes them and as projects save them. → text in the shape the
// Kamer prints (masthead, headings, "Spreker (Partij):" turns, paragraphs), so the parser
// reads the XML and the PDF of the same publication alike.
import { XMLParser } from 'fast-xml-parser';
import type { ExtractedText } from '../domain/index.js';
import { fileError } from './fail.js';
import { repairDoubleEncoding } from './mojibake.js';
import { decodeUtf8Text } from './text.js';

type XmlNode = Record<string, unknown>;

/** Elements that stand as a paragraph of their own; everything else flows inline. */
const BLOCK = new Set([
  'al', 'titel', 'item-titel', 'nr', 'kop', 'tussenkop', 'vergadering-nummer', 'vergaderdatum', 'vergadertijd',
  'dossiernummer', 'dossiertitel', 'stuknummer', 'stuktitel', 'ondertekening', 'li', 'row', 'tr',
  'vraag', 'antwoord', 'mededeling', 'aanhef', 'slotformulering', 'onderwerp', 'noot', 'voetnoot', 'alinea', 'plaats', 'datum',
]);
/**
 * A name or office is a line of its own in a signature block; in running text ("Vragen van het
 * lid <naam>Kathmann</naam> (GroenLinks-PvdA) aan …") it is part of the sentence.
 */
const SIGNATURE_LINE = new Set(['naam', 'functie']);
/** Elements whose text is never the document's. */
const SKIP = new Set(['metadata', 'meta', 'vergadertijd', 'motie-info-placeholder']);

/** Whether bytes are an officielebekendmakingen publication (`<officiele-publicatie>` root). */
export function isOfficialPublicationXml(head: string): boolean {
  return /^(?:\s|<\?xml[^>]*>|<!--[\s\S]*?-->)*<officiele-publicatie[\s>]/.test(head);
}

/**
 * Extracts an officielebekendmakingen publication. BOM and CRLF are accepted and
 * double-encoded UTF-8 ("KrÃ¶ger") is repaired. Handelingen get a masthead ("Handelingen
 * Tweede Kamer", the sitting's number as "TK 50", its date) and speaker lines; every
 * publication ends with its identifier (`h-tk-20172018-70-3`, `kst-21501-33-1120`), which is
 * how the Kamer's own PDFs end. The title is the publication's item or document title.
 * Throws CORRUPT_FILE when the XML cannot be read.
 */
export function extractOfficialXml(bytes: Uint8Array, fileName: string): ExtractedText {
  const raw = decodeUtf8Text(bytes, fileName).replace(/^\ufeff/, '');
  // Whitespace before the XML declaration (left by a double-encoded BOM) is not XML.
  const repaired = repairDoubleEncoding(raw).replace(/^[\ufeff\s]+/, '').replace(/\r\n?/g, '\n');
  const warnings = repairDoubleEncoding(raw) !== raw ? ['Dubbel gecodeerde UTF-8 (mojibake) is hersteld.'] : [];
  let tree: XmlNode[];
  try {
    tree = new XMLParser({ preserveOrder: true, ignoreAttributes: false, trimValues: false, processEntities: true, htmlEntities: true }).parse(repaired, true) as XmlNode[];
  } catch (e) {
    throw fileError('CORRUPT_FILE', fileName, `is beschadigde XML en kan niet worden gelezen (${(e as Error).message})`, {}, e);
  }
  const root = children(tree.find((n) => 'officiele-publicatie' in n), 'officiele-publicatie');
  const publicationId = publicationIdOf(root) ?? /\b((?:h|kst|ah|stcrt|stb)-[a-z]*-?[\d-]+[a-z]?)\b/i.exec(fileName)?.[1] ?? null;
  const body = root.filter((n) => !('metadata' in n));
  const out = new Writer();
  const handelingen = body.find((n) => 'handelingen' in n);
  let title: string | null = null;
  if (handelingen) {
    const nodes = children(handelingen, 'handelingen');
    const vergadering = firstDeep(nodes, 'vergadering');
    const nummer = /\d+/.exec(vergadering ? textOf(children(vergadering, 'vergadering'), 'vergadering-nummer') ?? '' : '')?.[0]
      ?? /^h-(?:tk|ek)-\d{8}-(\d+)/.exec(publicationId ?? '')?.[1] ?? null;
    const datum = vergadering ? textOf(children(vergadering, 'vergadering'), 'vergaderdatum') : null;
    out.line(/^h-ek-/.test(publicationId ?? '') ? 'Handelingen Eerste Kamer' : 'Handelingen Tweede Kamer');
    const jaar = /^h-(?:tk|ek)-(\d{4})(\d{4})/.exec(publicationId ?? '');
    if (jaar) out.line(`Vergaderjaar ${jaar[1]}-${jaar[2]}`);
    if (datum) out.line(datum);
    if (nummer) out.line(`TK ${nummer}`);
    out.blank();
    title = deepText(nodes, 'item-titel');
    walk(nodes.filter((n) => !('vergadering' in n)), out);
  } else {
    title = deepText(body, 'stuktitel') ?? deepText(body, 'item-titel') ?? deepText(body, 'titel');
    walk(body, out);
  }
  if (publicationId) {
    out.blank();
    out.line(publicationId);
  }
  return { format: 'xml', text: out.text(), pages: null, title: title ? clean(title) : null, warnings };
}

class Writer {
  private readonly blocks: string[] = [];
  private cur = '';
  inline(s: string): void {
    this.cur += s;
  }
  line(s: string): void {
    this.flush();
    this.blocks.push(clean(s));
  }
  flush(): void {
    const t = clean(this.cur);
    if (t) this.blocks.push(t);
    this.cur = '';
  }
  blank(): void {
    this.flush();
    if (this.blocks.length && this.blocks[this.blocks.length - 1] !== '') this.blocks.push('');
  }
  text(): string {
    this.flush();
    // Masthead lines stay together; everything else is a paragraph between blank lines.
    return this.blocks.join('\n').replace(/\n{3,}/g, '\n\n').trim();
  }
}

function walk(nodes: XmlNode[], out: Writer, inSignature = false, inline = false): void {
  // Mixed content (text beside elements, as in "Vragen van het lid <naam>…</naam> over
  // <kamervraagonderwerp>…</kamervraagonderwerp>") is one sentence: its elements flow inline.
  const mixed = inline || nodes.some((n) => '#text' in n && String(n['#text']).trim() !== '');
  for (const node of nodes) {
    if ('#text' in node) {
      out.inline(String(node['#text']));
      continue;
    }
    const name = nameOf(node);
    if (!name || SKIP.has(name)) continue;
    const kids = children(node, name);
    if (name === 'spreker') {
      // "De voorzitter:", "Mevrouw Ellemeet (GroenLinks):", "Minister De Jonge:"
      out.blank();
      out.line(speakerLine(kids));
      continue;
    }
    const signatureLine = SIGNATURE_LINE.has(name) && inSignature;
    if (name === 'extref' || name === 'nadruk' || name === 'sup' || name === 'inf' || (mixed && !BLOCK.has(name) && !signatureLine)) {
      walk(kids, out, inSignature, true);
      continue;
    }
    const signature = inSignature || name === 'ondertekening';
    if (BLOCK.has(name) || signatureLine) {
      out.blank();
      walk(kids, out, signature);
      out.blank();
      continue;
    }
    walk(kids, out, signature);
    out.flush();
  }
}

function speakerLine(kids: XmlNode[]): string {
  const collect = new Writer();
  const flat = (nodes: XmlNode[]): string =>
    nodes.map((n) => ('#text' in n ? String(n['#text']) : flat(children(n, nameOf(n) ?? '')))).join(' ');
  collect.inline(flat(kids));
  return clean(collect.text())
    .replace(/\(\s+/g, '(')
    .replace(/\s+\)/g, ')')
    .replace(/\s+:/g, ':')
    .replace(/\)\s*:?$/, '):')
    .replace(/([^:])$/, '$1:');
}

function clean(s: string): string {
  return s.replace(/\s+/g, ' ').replace(/\s+([.,;:)])/g, '$1').replace(/\(\s+/g, '(').trim();
}

function nameOf(node: XmlNode): string | null {
  return Object.keys(node).find((k) => k !== ':@') ?? null;
}

function children(node: XmlNode | undefined, name: string): XmlNode[] {
  const v = node?.[name];
  return Array.isArray(v) ? (v as XmlNode[]) : [];
}

function firstDeep(nodes: XmlNode[], name: string): XmlNode | null {
  for (const n of nodes) {
    if (name in n) return n;
    const k = nameOf(n);
    if (k && k !== '#text') {
      const found = firstDeep(children(n, k), name);
      if (found) return found;
    }
  }
  return null;
}

function flatText(nodes: XmlNode[]): string {
  return nodes.map((n) => ('#text' in n ? String(n['#text']) : flatText(children(n, nameOf(n) ?? '')))).join(' ');
}

function textOf(nodes: XmlNode[], name: string): string | null {
  const n = nodes.find((x) => name in x);
  const t = n ? clean(flatText(children(n, name))) : '';
  return t || null;
}

function deepText(nodes: XmlNode[], name: string): string | null {
  const n = firstDeep(nodes, name);
  const t = n ? clean(flatText(children(n, name))) : '';
  return t || null;
}

/** The publication's identifier from its metadata record's address (`…/h-tk-20172018-70-3/metadata.xml`) or a DC.identifier. */
function publicationIdOf(root: XmlNode[]): string | null {
  const metadata = children(root.find((n) => 'metadata' in n), 'metadata');
  for (const m of metadata) {
    const attrs = (m[':@'] ?? {}) as Record<string, string>;
    const name = attrs['@_name'] ?? '';
    const content = attrs['@_content'] ?? '';
    if (/identifier$/i.test(name) && /^[a-z]+-[a-z0-9-]+$/i.test(content)) return content;
    const fromUrl = /officielebekendmakingen\.nl\/([a-z]+-[a-z0-9-]+)\//i.exec(content);
    if (fromUrl) return fromUrl[1]!;
  }
  return null;
}
