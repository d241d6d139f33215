/**
 * What changed between two versions of a document, in words: the structural differences
 * (title, date, a commitment's deadline moved, commitments and questions added or dropped,
 * answers changed) as Dutch sentences, and a word-level diff of the text by paragraph. One
 * data function for the versions page, its JSON twin, the document page and the alerts.
 */
import { KamerlensError, type DocumentVersion, type ParsedDocument } from '../domain/index.js';
import type { ChangeSummary, StructuralChange, TextStats } from '../domain/changes.js';
import type { ChangeStore } from '../store/change-store.js';
import type { Store } from '../store/index.js';

export type { ChangeSummary, StructuralChange, TextStats } from '../domain/changes.js';

/** A run of words that is in both versions, only in the new one, or only in the old one. */
export interface Segment {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

/** A stretch of the text: unchanged paragraphs (counted), or one added, removed or rewritten. */
export type Block =
  | { op: 'equal'; paragraphs: string[] }
  | { op: 'insert'; text: string }
  | { op: 'delete'; text: string }
  | { op: 'rewrite'; before: Segment[]; after: Segment[] };

export interface VersionChanges {
  documentId: string;
  title: string;
  from: { version: number; importedAt: string };
  to: { version: number; importedAt: string };
  /** The changes as Dutch sentences, most important first. */
  sentences: string[];
  changes: StructuralChange[];
  text: TextStats;
  /** The word-level diff by paragraph (empty in a summary). */
  blocks: Block[];
}

// ------------------------------------------------------------------ the sequence diff

/**
 * Longest-common-subsequence alignment of two sequences: the common prefix and suffix are
 * cut first (most new versions change a few places), then a table over the rest. When that
 * table would exceed `maxCells`, the middle is reported as removed and added as a whole: an
 * honest if coarse answer instead of seconds of work on a rewritten document.
 */
export function diffSequence<T>(a: readonly T[], b: readonly T[], eq: (x: T, y: T) => boolean = Object.is, maxCells = 4_000_000): ('equal' | 'delete' | 'insert')[] {
  let start = 0;
  while (start < a.length && start < b.length && eq(a[start]!, b[start]!)) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && eq(a[endA - 1]!, b[endB - 1]!)) {
    endA--;
    endB--;
  }
  const ops: ('equal' | 'delete' | 'insert')[] = new Array(start).fill('equal');
  const n = endA - start;
  const m = endB - start;
  if (n === 0 || m === 0 || n * m > maxCells) {
    for (let i = 0; i < n; i++) ops.push('delete');
    for (let j = 0; j < m; j++) ops.push('insert');
  } else {
    // lcs[i][j]: the LCS length of a[start+i..endA) and b[start+j..endB), in one flat array.
    const w = m + 1;
    const lcs = new Uint32Array((n + 1) * w);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i * w + j] = eq(a[start + i]!, b[start + j]!) ? lcs[(i + 1) * w + j + 1]! + 1 : Math.max(lcs[(i + 1) * w + j]!, lcs[i * w + j + 1]!);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (eq(a[start + i]!, b[start + j]!)) {
        ops.push('equal');
        i++;
        j++;
      } else if (lcs[(i + 1) * w + j]! >= lcs[i * w + j + 1]!) {
        ops.push('delete');
        i++;
      } else {
        ops.push('insert');
        j++;
      }
    }
    for (; i < n; i++) ops.push('delete');
    for (; j < m; j++) ops.push('insert');
  }
  for (let k = endA; k < a.length; k++) ops.push('equal');
  return ops;
}

/** Words with the whitespace after them, so that joining the pieces gives the text back. */
const tokens = (s: string) => s.match(/\S+\s*/g) ?? [];

/** A word-level diff of two strings as runs of equal, deleted and inserted text. */
export function diffWords(before: string, after: string): Segment[] {
  const a = tokens(before);
  const b = tokens(after);
  const ops = diffSequence(a, b, (x, y) => x.trimEnd() === y.trimEnd());
  const out: Segment[] = [];
  let i = 0;
  let j = 0;
  const push = (op: Segment['op'], text: string) => {
    const last = out[out.length - 1];
    if (last && last.op === op) last.text += text;
    else out.push({ op, text });
  };
  for (const op of ops) {
    if (op === 'equal') {
      push('equal', b[j]!);
      i++;
      j++;
    } else if (op === 'delete') push('delete', a[i++]!);
    else push('insert', b[j++]!);
  }
  return out;
}

// ------------------------------------------------------------------ text by paragraph

const paragraphsOf = (text: string) =>
  text
    .split(/\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p.length > 0);

const words = (s: string) => new Set(fold(s).split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0));
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** Share of words two texts have in common (Jaccard): 1 the same words, 0 none. */
function similarity(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let common = 0;
  for (const w of a) if (b.has(w)) common++;
  return common / (a.size + b.size - common);
}

/** A removed and an added paragraph this similar are one paragraph rewritten. */
const REWRITE_SIMILARITY = 0.4;

function diffText(before: string, after: string): { blocks: Block[]; stats: TextStats } {
  const a = paragraphsOf(before);
  const b = paragraphsOf(after);
  const ops = diffSequence(a, b, (x, y) => x === y);
  const stats: TextStats = { paragraphsAdded: 0, paragraphsRemoved: 0, paragraphsRewritten: 0, paragraphsUnchanged: 0, wordsAdded: 0, wordsRemoved: 0 };
  const blocks: Block[] = [];
  let i = 0;
  let j = 0;
  let k = 0;
  while (k < ops.length) {
    if (ops[k] === 'equal') {
      const paragraphs: string[] = [];
      while (k < ops.length && ops[k] === 'equal') {
        paragraphs.push(b[j]!);
        i++;
        j++;
        k++;
      }
      stats.paragraphsUnchanged += paragraphs.length;
      blocks.push({ op: 'equal', paragraphs });
      continue;
    }
    // A hunk of removed and added paragraphs: pair them in order where they are alike.
    const removed: string[] = [];
    const added: string[] = [];
    while (k < ops.length && ops[k] !== 'equal') {
      if (ops[k] === 'delete') removed.push(a[i++]!);
      else added.push(b[j++]!);
      k++;
    }
    let r = 0;
    let s = 0;
    while (r < removed.length || s < added.length) {
      const old = removed[r];
      const neu = added[s];
      if (old !== undefined && neu !== undefined && similarity(words(old), words(neu)) >= REWRITE_SIMILARITY) {
        const segs = diffWords(old, neu);
        stats.paragraphsRewritten++;
        for (const g of segs) {
          if (g.op === 'insert') stats.wordsAdded += tokens(g.text).length;
          if (g.op === 'delete') stats.wordsRemoved += tokens(g.text).length;
        }
        blocks.push({ op: 'rewrite', before: segs.filter((g) => g.op !== 'insert'), after: segs.filter((g) => g.op !== 'delete') });
        r++;
        s++;
      } else if (old !== undefined && (neu === undefined || removed.length - r >= added.length - s)) {
        stats.paragraphsRemoved++;
        stats.wordsRemoved += tokens(old).length;
        blocks.push({ op: 'delete', text: old });
        r++;
      } else {
        stats.paragraphsAdded++;
        stats.wordsAdded += tokens(neu!).length;
        blocks.push({ op: 'insert', text: neu! });
        s++;
      }
    }
  }
  return { blocks, stats };
}

// ------------------------------------------------------------------ the structure

/** A commitment's words without its dates, so that a moved deadline still matches. */
const MONTH_WORDS = /\b(januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec)\b/g;
const undated = (s: string) => words(fold(s).replace(MONTH_WORDS, ' ').replace(/\d+/g, ' '));

/**
 * Pairs old and new items: the same text first (most of a new version is unchanged, and this
 * is one pass), then the rest by similarity, best first, at least `min` alike.
 */
function pair<T>(allOlds: readonly T[], allNews: readonly T[], key: (x: T) => Set<string>, min: number, text: (x: T) => string): { matched: [T, T][]; removed: T[]; added: T[] } {
  const exact: [T, T][] = [];
  const waiting = new Map<string, T[]>();
  for (const o of allOlds) {
    const k = text(o).replace(/\s+/g, ' ').trim();
    let l = waiting.get(k);
    if (!l) waiting.set(k, (l = []));
    l.push(o);
  }
  const news: T[] = [];
  for (const n of allNews) {
    const same = waiting.get(text(n).replace(/\s+/g, ' ').trim());
    const o = same?.shift();
    if (o !== undefined) exact.push([o, n]);
    else news.push(n);
  }
  const olds = [...waiting.values()].flat();
  const ko = olds.map(key);
  const kn = news.map(key);
  const candidates: { i: number; j: number; s: number }[] = [];
  for (let i = 0; i < olds.length; i++) {
    for (let j = 0; j < news.length; j++) {
      const s = similarity(ko[i]!, kn[j]!);
      if (s >= min) candidates.push({ i, j, s });
    }
  }
  candidates.sort((x, y) => y.s - x.s || x.i - y.i || x.j - y.j);
  const usedO = new Set<number>();
  const usedN = new Set<number>();
  const matched: [T, T][] = [];
  for (const c of candidates) {
    if (usedO.has(c.i) || usedN.has(c.j)) continue;
    usedO.add(c.i);
    usedN.add(c.j);
    matched.push([olds[c.i]!, news[c.j]!]);
  }
  return { matched: [...exact, ...matched], removed: olds.filter((_, i) => !usedO.has(i)), added: news.filter((_, j) => !usedN.has(j)) };
}

const same = (a: string | null | undefined, b: string | null | undefined) => (a ?? '').replace(/\s+/g, ' ').trim() === (b ?? '').replace(/\s+/g, ' ').trim();

/** The structural differences between two parsed versions, in document order. */
export function structuralChanges(a: ParsedDocument, b: ParsedDocument): StructuralChange[] {
  const out: StructuralChange[] = [];
  if (!same(a.title, b.title)) out.push({ type: 'title', from: a.title, to: b.title });
  if ((a.date ?? null) !== (b.date ?? null)) out.push({ type: 'date', from: a.date, to: b.date });
  if (a.kind !== b.kind) out.push({ type: 'kind', from: a.kind, to: b.kind });

  const c = pair(a.commitments, b.commitments, (x) => undated(x.text), 0.6, (x) => x.text);
  for (const [o, n] of c.matched) {
    if ((o.dueDate ?? null) !== (n.dueDate ?? null)) out.push({ type: 'deadline-moved', commitment: n.text, actor: n.actor, from: o.dueDate, to: n.dueDate });
  }
  for (const n of c.added) out.push({ type: 'commitment-added', commitment: n.text, actor: n.actor, due: n.dueDate });
  for (const o of c.removed) out.push({ type: 'commitment-removed', commitment: o.text, actor: o.actor, due: o.dueDate });

  const q = pair(a.questions, b.questions, (x) => words(x.text), 0.8, (x) => x.text);
  for (const n of q.added) out.push({ type: 'question-added', question: n.text, party: n.party });
  for (const o of q.removed) out.push({ type: 'question-removed', question: o.text, party: o.party });

  const label = (x: { id: string; number: number | null }) => (x.number !== null ? String(x.number) : x.id);
  const oldAnswers = new Map(a.answers.map((x) => [label(x), x]));
  const newAnswers = new Map(b.answers.map((x) => [label(x), x]));
  for (const [k, n] of newAnswers) {
    const o = oldAnswers.get(k);
    if (!o) out.push({ type: 'answer-added', answer: k });
    else if (!same(o.text, n.text)) out.push({ type: 'answer-changed', answer: k });
  }
  for (const k of oldAnswers.keys()) if (!newAnswers.has(k)) out.push({ type: 'answer-removed', answer: k });
  return out;
}

// ------------------------------------------------------------------ in words

const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];

/** `2025-06-01` → `1 juni 2025` (`withYear: false` → `1 juni`). */
export function dutchDate(iso: string, withYear = true): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1] ?? m[2]}${withYear ? ` ${m[1]}` : ''}`;
}

/** `van 1 mei naar 1 juni 2025`: the year once when both dates share it. */
function fromTo(from: string, to: string, word = 'naar'): string {
  const sameYear = from.slice(0, 4) === to.slice(0, 4);
  return `van ${dutchDate(from, !sameYear)} ${word} ${dutchDate(to)}`;
}

/** A quotable excerpt: the first words, cut at a word. */
function excerpt(s: string, max = 70): string {
  const t = s.replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2)).replace(/[\s,;:.]+$/, '')}…`;
}

const q = (s: string) => `„${excerpt(s)}”`;
const n = (x: number, one: string, many: string) => `${x} ${x === 1 ? one : many}`;

/** One sentence per change, at most `limit` of one type before "en nog N". */
export function describeChanges(changes: readonly StructuralChange[], text: TextStats | null): string[] {
  const out: string[] = [];
  const counts = new Map<string, number>();
  const more = new Map<string, number>();
  const PER_TYPE = 3;
  for (const c of changes) {
    const seen = counts.get(c.type) ?? 0;
    counts.set(c.type, seen + 1);
    if (seen >= PER_TYPE) {
      more.set(c.type, (more.get(c.type) ?? 0) + 1);
      continue;
    }
    switch (c.type) {
      case 'title':
        out.push(`De titel is gewijzigd ${c.from ? `van ${q(c.from)} ` : ''}in ${q(c.to ?? '')}.`);
        break;
      case 'date':
        out.push(c.from && c.to ? `De datum is gewijzigd ${fromTo(c.from, c.to, 'in')}.` : c.to ? `Het document heeft nu een datum: ${dutchDate(c.to)}.` : 'Het document heeft geen datum meer.');
        break;
      case 'kind':
        out.push(`De soort is gewijzigd van ${c.from} in ${c.to}.`);
        break;
      case 'deadline-moved':
        out.push(
          c.from && c.to
            ? `De termijn van de toezegging ${q(c.commitment)} is verschoven ${fromTo(c.from, c.to)}.`
            : c.to
              ? `De toezegging ${q(c.commitment)} heeft nu een termijn: ${dutchDate(c.to)}.`
              : `De toezegging ${q(c.commitment)} heeft geen termijn meer (was ${dutchDate(c.from!)}).`,
        );
        break;
      case 'commitment-added':
        out.push(`Nieuwe toezegging${c.actor ? ` van ${c.actor}` : ''}: ${q(c.commitment)}${c.due ? ` (termijn ${dutchDate(c.due)})` : ''}.`);
        break;
      case 'commitment-removed':
        out.push(`Toezegging vervallen: ${q(c.commitment)}.`);
        break;
      case 'question-added':
        out.push(`Vraag toegevoegd${c.party ? ` (${c.party})` : ''}: ${q(c.question)}.`);
        break;
      case 'question-removed':
        out.push(`Vraag verwijderd${c.party ? ` (${c.party})` : ''}: ${q(c.question)}.`);
        break;
      case 'answer-changed':
        out.push(`Het antwoord op vraag ${c.answer} is gewijzigd.`);
        break;
      case 'answer-added':
        out.push(`Antwoord op vraag ${c.answer} toegevoegd.`);
        break;
      case 'answer-removed':
        out.push(`Antwoord op vraag ${c.answer} verwijderd.`);
        break;
    }
  }
  const MORE: Record<string, [string, string]> = {
    'deadline-moved': ['verschoven termijn', 'verschoven termijnen'],
    'commitment-added': ['nieuwe toezegging', 'nieuwe toezeggingen'],
    'commitment-removed': ['vervallen toezegging', 'vervallen toezeggingen'],
    'question-added': ['toegevoegde vraag', 'toegevoegde vragen'],
    'question-removed': ['verwijderde vraag', 'verwijderde vragen'],
    'answer-changed': ['gewijzigd antwoord', 'gewijzigde antwoorden'],
    'answer-added': ['toegevoegd antwoord', 'toegevoegde antwoorden'],
    'answer-removed': ['verwijderd antwoord', 'verwijderde antwoorden'],
  };
  for (const [type, x] of more) out.push(`En nog ${n(x, ...(MORE[type] ?? ['wijziging', 'wijzigingen']))}.`);
  if (text) {
    const parts: string[] = [];
    if (text.paragraphsRewritten) parts.push(`${n(text.paragraphsRewritten, 'alinea', "alinea's")} herschreven`);
    if (text.paragraphsAdded) parts.push(`${parts.length ? text.paragraphsAdded : n(text.paragraphsAdded, 'alinea', "alinea's")} toegevoegd`);
    if (text.paragraphsRemoved) parts.push(`${parts.length ? text.paragraphsRemoved : n(text.paragraphsRemoved, 'alinea', "alinea's")} verwijderd`);
    if (parts.length) {
      const list = parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} en ${parts[parts.length - 1]}`;
      out.push(`In de tekst: ${list} (${n(text.wordsAdded, 'woord', 'woorden')} erbij, ${text.wordsRemoved} eraf).`);
    } else if (changes.length === 0) {
      out.push('De tekst is inhoudelijk gelijk (alleen opmaak of het bestand verschilt).');
    }
  }
  return out;
}

/** The summary of the change from version `a` to `b`: the structural changes and the text's counts. */
export function summariseChange(documentId: string, a: DocumentVersion, b: DocumentVersion): ChangeSummary & { blocks: Block[] } {
  const { blocks, stats } = diffText(a.text, b.text);
  return { title: b.structure.title ?? documentId, changes: structuralChanges(a.structure, b.structure), text: stats, blocks };
}

/** What changed from version `a` to version `b` of one document. */
export function compareVersions(documentId: string, a: DocumentVersion, b: DocumentVersion, options: { blocks?: boolean } = {}): VersionChanges {
  const { blocks, ...summary } = summariseChange(documentId, a, b);
  return withSentences(documentId, summary, a, b, options.blocks === false ? [] : blocks);
}

function withSentences(documentId: string, summary: ChangeSummary, a: { version: number; importedAt: string }, b: { version: number; importedAt: string }, blocks: Block[]): VersionChanges {
  return {
    documentId,
    title: summary.title,
    from: { version: a.version, importedAt: a.importedAt },
    to: { version: b.version, importedAt: b.importedAt },
    sentences: describeChanges(summary.changes, summary.text),
    changes: summary.changes,
    text: summary.text,
    blocks,
  };
}

/** Where the change summaries are kept; without one (a bare test world) they are computed on each view. */
export interface ChangeServices {
  store: Store;
  changes?: ChangeStore | undefined;
}

/**
 * Computes and stores the summary of the change that `version` made (against the version
 * before it), once, when it is stored or re-parsed: the document page and the alerts then
 * read it instead of diffing two texts on every view. Nothing for a first version.
 */
export async function storeVersionChanges(s: ChangeServices, id: string, version: number): Promise<void> {
  if (version < 2 || !s.changes) return;
  const [a, b] = await Promise.all([s.store.getVersion(id, version - 1), s.store.getVersion(id, version)]);
  if (!a || !b) return;
  const { blocks: _blocks, ...summary } = summariseChange(id, a, b);
  await s.changes.put({ docId: id, from: { version: a.version, contentHash: a.contentHash }, to: { version: b.version, contentHash: b.contentHash } }, summary);
}

/**
 * The changes between two stored versions (default: `to` the current one, `from` the one
 * before it). NOT_FOUND for an unknown document or version, BAD_REQUEST for `from` ≥ `to`.
 * Without `blocks` (the document page, the alerts) the stored summary is read; one not stored
 * yet (a database from before, a pair never compared) is computed once and stored.
 */
export async function getVersionChanges(s: ChangeServices, id: string, range: { from?: number | undefined; to?: number | undefined } = {}, options: { blocks?: boolean } = {}): Promise<VersionChanges> {
  const doc = await s.store.getDocument(id);
  if (!doc) throw new KamerlensError('NOT_FOUND', `Geen document "${id}" in het archief`, { record: id });
  const to = range.to ?? doc.currentVersion;
  const from = range.from ?? to - 1;
  if (from < 1) throw new KamerlensError('BAD_REQUEST', `Document "${id}" heeft maar één versie: er is niets te vergelijken`, { record: id, field: 'from' });
  if (from >= to) throw new KamerlensError('BAD_REQUEST', `"from" (${from}) moet een eerdere versie zijn dan "to" (${to})`, { record: id, field: 'from' });
  if (options.blocks === false && s.changes) {
    const versions = await s.store.listVersions(id);
    const va = versions.find((v) => v.version === from);
    const vb = versions.find((v) => v.version === to);
    if (va && vb) {
      const key = { docId: id, from: { version: from, contentHash: va.contentHash }, to: { version: to, contentHash: vb.contentHash } };
      const stored = await s.changes.get(key);
      if (stored) return withSentences(id, stored, va, vb, []);
    }
  }
  const [a, b] = await Promise.all([s.store.getVersion(id, from), s.store.getVersion(id, to)]);
  if (!a) throw new KamerlensError('NOT_FOUND', `Document "${id}" heeft geen versie ${from}`, { record: id, field: 'from' });
  if (!b) throw new KamerlensError('NOT_FOUND', `Document "${id}" heeft geen versie ${to}`, { record: id, field: 'to' });
  const { blocks, ...summary } = summariseChange(id, a, b);
  // Computed anyway: kept, so the next view (and a database from before) reads it.
  if (s.changes) await s.changes.put({ docId: id, from: { version: a.version, contentHash: a.contentHash }, to: { version: b.version, contentHash: b.contentHash } }, summary);
  return withSentences(id, summary, a, b, options.blocks === false ? [] : blocks);
}

/** One line for an alert about a new version: what changed, in words (null for a first version). */
export async function describeNewVersion(s: ChangeServices, id: string, version: number): Promise<string | null> {
  if (version < 2) return null;
  try {
    const c = await getVersionChanges(s, id, { from: version - 1, to: version }, { blocks: false });
    return `Gewijzigd t.o.v. versie ${version - 1}: ${c.sentences.join(' ')}`;
  } catch (e) {
    // A version gone since the alert was queued: the alert goes without the sentence.
    if (e instanceof KamerlensError) return null;
    throw e;
  }
}
