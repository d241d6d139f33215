/**
 * What a document and a report of a sitting put into the search index besides themselves:
 * each commitment (`toezegging`), each question with its answers (`vraag`) and each turn of
 * a debate (`passage`: from a VLOS report, or a Handelingen text's speaker lines) becomes an entry of its own type, found from the same search box with
 * the same Dutch analysis, and linked to its anchor on the owner's page.
 *
 * Entries are written in the transaction that stores their document or report, and the
 * entries of the structure they replace (an earlier version, a reparse, a re-derived report)
 * are removed in it, so the index never holds a commitment its document no longer makes.
 */
import type { IndexDocument, SearchIndex } from '../domain/search.js';
import { commitmentAnchor, questionAnchor, type DocumentKind, type ParsedDocument } from '../domain/structure.js';
import { debateTurns } from '../domain/speakers.js';
import { vlosTurns, type VlosReport, type VlosSpeaker } from '../domain/vlos.js';
import { toIndexDocument } from './document.js';

/** What a stored version holds that the entries are made of. */
export interface VersionForIndex {
  title: string;
  kind: DocumentKind;
  date: string | null;
  text: string;
  structure: ParsedDocument;
}

const clip = (s: string, n: number) => (s.length > n ? s.slice(0, n - 1).replace(/\s+\S*$/u, '') + '…' : s);
const oneLine = (s: string) => s.replace(/\s+/gu, ' ').trim();

/** What entries are made of that a replaced version had: its structure, and its text for the turns of a debate. */
export type PreviousVersion = { structure: Pick<ParsedDocument, 'commitments' | 'questions' | 'kind'>; text: string };

/** The ids of the entries a version makes (for removing them when it is replaced). */
export function structureEntryIds(docId: string, v: PreviousVersion): string[] {
  const s = v.structure;
  return [
    ...s.commitments.map((_, i) => `toezegging:${docId}#${commitmentAnchor(i)}`),
    ...s.questions.map((_, i) => `vraag:${docId}#${questionAnchor(i)}`),
    ...(s.kind === 'handelingen' ? debateTurns(v.text).map((t) => `passage:${docId}#${t.anchor}`) : []),
  ];
}

/** The commitments and questions of a document as search entries. */
export function structureEntries(docId: string, v: VersionForIndex, own: IndexDocument = toIndexDocument(docId, v)): IndexDocument[] {
  const s = v.structure;
  const base = { kind: 'overig' as const, date: v.date, dossiers: own.dossiers };
  const out: IndexDocument[] = [];
  s.commitments.forEach((c, i) => {
    out.push({
      ...base,
      id: `toezegging:${docId}#${commitmentAnchor(i)}`,
      type: 'toezegging',
      title: `${clip(oneLine(c.text), 110)} — ${clip(v.title, 80)}`,
      // The promise, who made it, by when, and its topic words ("hierover" resolved by the parser).
      text: [oneLine(c.text), c.actor, c.due, c.topic].filter((x): x is string => !!x).join('\n'),
      parties: [],
      persons: c.actor ? [c.actor] : (own.persons ?? []),
    });
  });
  const answers = new Map(s.answers.map((a) => [a.id, a]));
  s.questions.forEach((q, i) => {
    const answered = q.answerIds.flatMap((id) => answers.get(id) ?? []);
    out.push({
      ...base,
      id: `vraag:${docId}#${questionAnchor(i)}`,
      type: 'vraag',
      title: `Vraag ${i + 1}${q.party ? ` (${q.party})` : ''}: ${clip(oneLine(q.text), 100)} — ${clip(v.title, 80)}`,
      text: [oneLine(q.text), ...answered.map((a) => oneLine(a.text))].join('\n'),
      parties: q.party ? [q.party] : [],
      persons: own.persons ?? [],
    });
  });
  // A printed record of a sitting (Handelingen): each speaker's turn, at its anchor in the text.
  if (v.kind === 'handelingen') {
    for (const t of debateTurns(v.text)) {
      const said = oneLine(t.text);
      if (said === '') continue;
      out.push({
        ...base,
        id: `passage:${docId}#${t.anchor}`,
        type: 'passage',
        title: `${t.speaker.label} — ${clip(v.title, 100)}`,
        text: said,
        parties: t.speaker.party ? [t.speaker.party] : [],
        persons: t.speaker.chair ? [] : [t.speaker.name],
      });
    }
  }
  return out;
}

/**
 * Indexes a stored version: the document and its entries, after removing the entries of the
 * version it replaces (`previous`: what the index held for it, if any). Call it
 * inside the store's transaction.
 */
export async function indexVersion(index: SearchIndex, docId: string, v: VersionForIndex, previous: PreviousVersion | null, own?: IndexDocument): Promise<void> {
  await indexVersions(index, [{ docId, version: v, previous, ...(own ? { own } : {}) }]);
}

/** indexVersion for a batch, in one upsert (as bulk imports and reparses write). */
export async function indexVersions(
  index: SearchIndex,
  items: { docId: string; version: VersionForIndex; previous: PreviousVersion | null; /** The document's own entry when the caller enriched it (the Kamer join). */ own?: IndexDocument }[],
): Promise<void> {
  const stale: string[] = [];
  const entries: IndexDocument[] = [];
  for (const { docId, version, previous, own: given } of items) {
    const own = given ?? toIndexDocument(docId, version);
    const mine = structureEntries(docId, version, own);
    if (previous) {
      const keep = new Set(mine.map((e) => e.id));
      for (const id of structureEntryIds(docId, previous)) if (!keep.has(id)) stale.push(id);
    }
    entries.push(own, ...mine);
  }
  if (stale.length > 0) await index.remove(stale);
  await index.upsert(entries);
}

/** `Mevrouw Van der Plas (BBB)`-like label of a report's speaker, for the entry's title. */
function speakerLabel(sp: VlosSpeaker | undefined, chair: boolean): string {
  if (!sp) return 'Onbekende spreker';
  if (chair) return `De voorzitter (${sp.naam})`;
  return sp.fractie ? `${sp.naam} (${sp.fractie})` : sp.functie ? `${sp.naam}, ${sp.functie}` : sp.naam;
}

/** The ids of a report's passages (for removing them when the report is re-derived). */
export function passageIds(verslagId: string, report: VlosReport): string[] {
  return vlosTurns(report).map((t) => `passage:${verslagId}#${t.anchor}`);
}

/** Each turn and interruption of a report as a search entry: who said what, in which debate item. */
export function passageEntries(verslagId: string, report: VlosReport): IndexDocument[] {
  const speakers = new Map(report.speakers.map((s) => [s.key, s]));
  const day = report.vergadering.datum?.slice(0, 10) ?? null;
  const date = day && /^\d{4}-\d{2}-\d{2}$/.test(day) ? day : null;
  const out: IndexDocument[] = [];
  for (const { anchor, activity, turn } of vlosTurns(report)) {
    const text = [...turn.paragraphs, ...turn.fragments.flatMap((f) => f.paragraphs)].map(oneLine).filter((p) => p !== '').join('\n');
    if (text === '') continue; // a bare "Dank u wel." has paragraphs; an empty turn has nothing to find
    const sp = speakers.get(turn.speaker);
    const item = activity.titel ?? activity.onderwerp ?? activity.soort ?? 'vergadering';
    out.push({
      id: `passage:${verslagId}#${anchor}`,
      type: 'passage',
      kind: 'overig',
      date,
      title: `${speakerLabel(sp, turn.voorzitter)}${turn.kind === 'interrumpant' ? ' (interruptie)' : ''} — ${clip(oneLine(item), 100)}`,
      text,
      parties: sp?.fractie ? [sp.fractie] : [],
      dossiers: [],
      persons: sp ? [sp.naam] : [],
    });
  }
  return out;
}

/** Replaces a report's passages in the index (inside the transaction that stores the report). */
export async function indexPassages(index: SearchIndex, verslagId: string, report: VlosReport, previous: VlosReport | null): Promise<void> {
  const entries = passageEntries(verslagId, report);
  if (previous) {
    const keep = new Set(entries.map((e) => e.id));
    const stale = passageIds(verslagId, previous).filter((id) => !keep.has(id));
    if (stale.length > 0) await index.remove(stale);
  }
  await index.upsert(entries);
}
