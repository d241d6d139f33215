/**
 * From extracted text to what the store and the index keep: parse, pick the title, kind
 * and date (declared metadata beats parsing), and derive the index's filter fields.
 */
import { hash } from 'node:crypto';
import { basename } from 'node:path';
import type { DocumentKind, ExtractedText, IndexDocument, ParsedDocument } from '../domain/index.js';
import { parseDocument, type ParseHints } from '../parse/index.js';
import { isDutchWord } from '../search/dutch/words.js';
import type { NewVersion } from '../store/index.js';

// One-shot: the same digest as createHash('sha256').update(data).digest('hex') without a Hash object per call (about 0.8x its CPU per record).
export function sha256(data: Uint8Array | string): string {
  return hash('sha256', data, 'hex');
}

/** `2025-03-03-verslag-telecomraad.pdf` → `2025-03-03 verslag telecomraad`: a last-resort title. */
export function titleFromFileName(fileName: string): string {
  return basename(fileName).replace(/\.[a-z0-9]+$/i, '').replace(/[-_]+/g, ' ').trim() || fileName;
}

/**
 * A title a PDF's or Word file's metadata declares that is no title: what the producing tool
 * wrote ("Microsoft Word - 23309tmp3771~-1-d03ef422-….xml", "Logo Den Haag, 2 november 2007"),
 * a file name, a template's name.
 */
export function isJunkTitle(title: string): boolean {
  const t = title.trim();
  return (
    /^(?:Microsoft Word|Microsoft PowerPoint|Word)\s*-\s*/i.test(t) ||
    /\.(?:docx?|xml|pdf|rtf|odt|dot[xm]?|tmp)$/i.test(t) ||
    /^Logo\b/i.test(t) ||
    /~|\btmp\d|[0-9a-f]{8}-[0-9a-f]{4}-/i.test(t) ||
    /^(?:Untitled|Naamloos|Document\d*|Sjabloon|Template)\b/i.test(t) ||
    t.length < 4
  );
}

/** Applies what a bulk record declares (kind, title, date) over what the parser found. */
export function describe(
  extracted: ExtractedText,
  structure: ParsedDocument,
  fileName: string | null,
): { title: string; kind: DocumentKind; date: string | null; structure: ParsedDocument } {
  const kind = extracted.declared?.kind ?? structure.kind;
  const date = extracted.declared?.date !== undefined ? extracted.declared.date : structure.date;
  const title =
    (extracted.declared ? extracted.title : null) ??
    structure.title ??
    (extracted.title && !isJunkTitle(extracted.title) ? extracted.title : null) ??
    (fileName ? titleFromFileName(fileName) : 'Naamloos document');
  // A text declared a record of a sitting (a VLOS report) that the parser did not recognise
  // as one was read with the letter rules, which fire on speech ("Ik ga geen nieuwe brief
  // sturen." is no commitment of the cabinet's): only identifiers and citations are kept.
  // Handelingen the parser recognised itself keep what its debate rules found (commitments
  // by government speakers only, attributed to them).
  const understood =
    kind === 'handelingen' && structure.kind !== 'handelingen'
      ? { ...structure, signatories: [], meetings: [], questions: [], answers: [], commitments: [], footnotes: [] }
      : structure;
  return { title, kind, date, structure: { ...understood, kind, date, title: structure.title ?? title } };
}

/** What the parser is told beside the text: the file name, the lexicon that rejoins hyphenated words, and what the source declares. */
export function parseHints(fileName: string | null, declared?: ExtractedText['declared']): ParseHints {
  return { ...(fileName ? { fileName } : {}), isWord: isDutchWord, ...(declared ? { declared } : {}) };
}

/** Parses extracted text into a complete NewVersion. */
export function buildVersion(
  extracted: ExtractedText,
  original: Uint8Array | null,
  fileName: string | null,
  mimeType: string,
): NewVersion {
  const parsed = parseDocument(extracted.text, parseHints(fileName, extracted.declared));
  const { title, kind, date, structure } = describe(extracted, parsed, fileName);
  const contentHash = original
    ? sha256(original)
    : sha256(JSON.stringify([extracted.declared?.id ?? null, title, kind, date, extracted.text]));
  return {
    contentHash,
    format: extracted.format,
    fileName,
    byteSize: original ? original.byteLength : Buffer.byteLength(extracted.text),
    mimeType,
    text: extracted.text,
    pages: extracted.pages,
    structure,
    original,
    title,
    kind,
    date,
  };
}

/** What the search index needs of a stored document. */
export function toIndexDocument(
  id: string,
  v: { title: string; kind: DocumentKind; date: string | null; text: string; structure: ParsedDocument },
): IndexDocument {
  const parties = new Set<string>();
  for (const q of v.structure.questions) if (q.party) parties.add(q.party);
  const dossiers = new Set<string>();
  for (const c of v.structure.citations) if (c.kind === 'kamerstuk') dossiers.add(c.dossier);
  // A Kamerstuk belongs to its own dossier first: `dossier:21501-33` finds the motion filed in it.
  if (v.structure.kamerstuk) dossiers.add(v.structure.kamerstuk.dossier);
  const persons = [...new Set(v.structure.signatories.map((x) => x.name))];
  return { id, title: v.title, text: v.text, kind: v.kind, date: v.date, parties: [...parties], dossiers: [...dossiers], persons };
}
